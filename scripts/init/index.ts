/**
 * npm run init — makes the template your app: writes the AppID, the name and the Cloud
 * Development environment of each build into every file that names them
 * (identity-files.ts), and with --strip-demo removes the demo content (npm run demo:remove).
 *
 * Usage: npm run init -- --appid wx0123456789abcdef --env prod-1a2b --name my-app [--strip-demo]
 *   --env <id>                one environment for every build
 *   --env-develop/-trial/-release <id>   a different environment for that build
 * A missing flag is asked for in a terminal; elsewhere (CI, pipes) it is an error naming
 * the flag. Running it again with the same values changes nothing and says so.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { appidProblem, envIdProblem } from '../app-ids';
import { removeDemo } from '../remove-demo';
import { FixableError, runCommand } from '../ship/command';
import { type AppIdentity, type Change, ENV_VERSIONS, readIdentity, writeIdentity } from './identity-files';
import { type Ask, terminalAsk } from './prompt';

/** npm package name rules (lowercase, URL-safe, at most 214 characters). */
const NAME_PATTERN = /^(?=.{1,214}$)(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

function nameProblem(name: string): string | null {
  return NAME_PATTERN.test(name)
    ? null
    : `名称 “${name}” 不能用作 npm 包名：只能有小写字母、数字和 - . _ ~，例如 my-app`;
}

export interface InitOptions {
  appid?: string;
  env?: string;
  envDevelop?: string;
  envTrial?: string;
  envRelease?: string;
  name?: string;
  stripDemo?: boolean;
}

export function parseInitArgs(argv: string[]): InitOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      appid: { type: 'string' },
      env: { type: 'string' },
      'env-develop': { type: 'string' },
      'env-trial': { type: 'string' },
      'env-release': { type: 'string' },
      name: { type: 'string' },
      'strip-demo': { type: 'boolean' },
    },
    strict: true,
  });
  return {
    appid: values.appid,
    env: values.env,
    envDevelop: values['env-develop'],
    envTrial: values['env-trial'],
    envRelease: values['env-release'],
    name: values.name,
    stripDemo: values['strip-demo'],
  };
}

/** A flag's value, or the answer to a question (null: no terminal to ask). */
async function valueOf(
  given: string | undefined,
  flag: string,
  question: string,
  check: (value: string) => string | null,
  ask: Ask | null,
): Promise<string> {
  if (given !== undefined) {
    const problem = check(given);
    if (problem) throw new FixableError(`--${flag}: ${problem}`);
    return given;
  }
  if (!ask) throw new FixableError(`缺少 --${flag}（不在终端中运行时，所有值都要用参数给出）`);
  for (;;) {
    const answer = (await ask(question)).trim();
    const problem = check(answer);
    if (!problem) return answer;
    console.error(problem);
  }
}

async function identityFrom(
  options: InitOptions,
  current: AppIdentity,
  ask: Ask | null,
): Promise<AppIdentity> {
  const appid = await valueOf(
    options.appid,
    'appid',
    `小程序 AppID（当前 ${current.appid}）：`,
    appidProblem,
    ask,
  );
  const perBuild = { develop: options.envDevelop, trial: options.envTrial, release: options.envRelease };
  const shared = ENV_VERSIONS.every((version) => perBuild[version] !== undefined)
    ? undefined
    : await valueOf(options.env, 'env', '云开发环境 ID（各版本共用，例如 prod-1a2b）：', envIdProblem, ask);
  const envs = { develop: '', trial: '', release: '' };
  for (const version of ENV_VERSIONS) {
    const own = perBuild[version];
    const problem = own === undefined ? null : envIdProblem(own);
    if (problem) throw new FixableError(`--env-${version}: ${problem}`);
    envs[version] = own ?? shared ?? '';
  }
  const name = await valueOf(
    options.name,
    'name',
    `项目名称（npm 包名，当前 ${current.name}）：`,
    nameProblem,
    ask,
  );
  return { appid, name, envs };
}

const describe = (change: Change) => `${change.file} ${change.label}: “${change.from}” → “${change.to}”`;

export interface InitResult {
  changes: Change[];
  removedDemo: string[];
}

export async function init(root: string, options: InitOptions, ask: Ask | null): Promise<InitResult> {
  const identity = await identityFrom(options, readIdentity(root), ask);
  const stripDemo =
    options.stripDemo ?? (ask ? /^y/i.test(await ask('删除演示内容（文章、收藏的示例）？[y/N] ')) : false);
  const changes = writeIdentity(root, identity);
  const removedDemo = stripDemo ? removeDemo(root) : [];
  return { changes, removedDemo };
}

export function report({ changes, removedDemo }: InitResult): string[] {
  const lines = changes.length ? ['已修改：', ...changes.map((change) => `- ${describe(change)}`)] : [];
  if (removedDemo.length) lines.push('已删除演示内容：', ...removedDemo.map((item) => `- ${item}`));
  if (lines.length === 0) return ['所有文件已是这些值，没有需要修改的内容'];
  lines.push('下一步：npm run build && npm test；在手机上看：npm run preview');
  return lines;
}

if (path.resolve(process.argv[1] ?? '') === __filename) {
  runCommand(async () => {
    const interactive = Boolean(process.stdin.isTTY) && !process.env.CI;
    const result = await init(
      path.resolve(__dirname, '..', '..'),
      parseInitArgs(process.argv.slice(2)),
      interactive ? terminalAsk() : null,
    );
    for (const line of report(result)) console.info(line);
  });
}

/**
 * npm run deploy — the cloud side: builds every cloud function and uploads it
 * (miniprogram-ci `cloud.uploadFunction`, dependencies installed in the cloud), uploads
 * the H5 jump page `web/` to static hosting (`cloud.uploadStaticStorage`, its config.js
 * set to the environment), then prints the database permissions and storage rule of
 * security/ to set in the console (no API sets them).
 *
 * Usage: npm run deploy -- [--env <environment id>]   (default: cloudEnvs.release of miniprogram/config.ts)
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { envIdProblem } from '../app-ids';
import { functionNames } from '../build';
import { readIdentity, webConfigForEnv } from '../init/identity-files';
import { explainCiError } from './ci-errors';
import { FixableError, type ShipContext, runCommand, terminalContext } from './command';
import { ciProject } from './credentials';
import { runBuild } from './preflight';
import { securityInstructions } from './security-rules';
import type { CiProject } from './wechat-ci';

export interface DeployOptions {
  env?: string;
}

export function parseDeployArgs(argv: string[]): DeployOptions {
  const { values } = parseArgs({ args: argv, options: { env: { type: 'string' } }, strict: true });
  return { env: values.env };
}

function targetEnv(root: string, given: string | undefined): string {
  const env = given ?? readIdentity(root).envs.release;
  if (!env)
    throw new FixableError(
      '没有云开发环境：miniprogram/config.ts 的 cloudEnvs.release 为空。运行 npm run init -- --env <环境 ID>，' +
        '或 npm run deploy -- --env <环境 ID>（云开发控制台 → 设置 → 环境设置 → 环境 ID）',
    );
  const problem = envIdProblem(env);
  if (problem) throw new FixableError(problem);
  return env;
}

/** web/ in a scratch folder, its config.js naming the environment it is uploaded to. */
function stageWebPage(root: string, env: string): string {
  const stage = mkdtempSync(path.join(os.tmpdir(), 'deploy-web-'));
  cpSync(path.join(root, 'web'), stage, { recursive: true });
  const config = path.join(stage, 'config.js');
  writeFileSync(config, webConfigForEnv(readFileSync(config, 'utf8'), env));
  return stage;
}

export interface DeployResult {
  env: string;
  functions: string[];
}

export async function deploy(context: ShipContext, options: DeployOptions): Promise<DeployResult> {
  const { root, ci, log } = context;
  const project: CiProject = ciProject(root, context.env);
  const env = targetEnv(root, options.env);
  runBuild(root, ['--functions'], log);
  const names = functionNames(path.join(root, 'cloudfunctions'));
  const failed: string[] = [];
  const attempt = async (what: string, send: () => Promise<void>) => {
    log(`上传${what}…`);
    try {
      await send();
      log(`✓ ${what}`);
    } catch (error) {
      log(`✗ ${what}`);
      failed.push(`${what}：${explainCiError(error, { appid: project.appid, env }).message}`);
    }
  };
  for (const name of names) {
    await attempt(`云函数 ${name}（云端安装依赖）`, () =>
      ci.uploadFunction({
        project,
        env,
        name,
        path: path.join(root, 'cloudfunctions', name),
        remoteNpmInstall: true,
      }),
    );
  }
  const stage = stageWebPage(root, env);
  try {
    await attempt('H5 跳转页 web/（静态网站托管）', () =>
      ci.uploadStaticStorage({ project, env, path: stage, remotePath: '' }),
    );
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  for (const line of securityInstructions(root, env)) log(line);
  if (failed.length > 0)
    throw new FixableError(
      [
        `部署到 ${env} 时 ${failed.length} 项失败（其余已上传），修正后重新运行 npm run deploy：`,
        ...failed.map((f) => `- ${f}`),
      ].join('\n'),
    );
  log(`已部署到 ${env}：云函数 ${names.join('、')}，H5 跳转页 web/`);
  return { env, functions: names };
}

if (path.resolve(process.argv[1] ?? '') === __filename) {
  runCommand(async () => {
    await deploy(terminalContext(), parseDeployArgs(process.argv.slice(2)));
  });
}

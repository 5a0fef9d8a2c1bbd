/**
 * npm run upload — uploads a version for 体验版 / 提交审核: builds, runs WeChat's compile and
 * checks, then miniprogram-ci `upload` with the version of package.json and the git commit
 * as its description. The version then appears in 小程序管理后台 → 管理 → 版本管理.
 *
 * Usage: npm run upload -- [--robot 1-30] [--desc <text>]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { explainCiError } from './ci-errors';
import { FixableError, type ShipContext, robotOption, runCommand, terminalContext } from './command';
import { ciProject } from './credentials';
import { gitDescription } from './git-description';
import { checkedMiniProgram } from './preflight';

export interface UploadOptions {
  robot: number;
  desc?: string;
}

export function parseUploadArgs(argv: string[]): UploadOptions {
  const { values } = parseArgs({
    args: argv,
    options: { robot: { type: 'string' }, desc: { type: 'string' } },
    strict: true,
  });
  return { robot: robotOption(values.robot), desc: values.desc };
}

export function packageVersion(root: string): string {
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  if (typeof version !== 'string' || !/^\d+\.\d+\.\d+$/.test(version))
    throw new FixableError(
      `package.json 的 version 应为 x.y.z（收到 ${String(version)}）：用 npm version patch 等命令修改`,
    );
  return version;
}

export async function upload(
  context: ShipContext,
  options: UploadOptions,
): Promise<{ version: string; desc: string }> {
  const { root, ci, log } = context;
  const project = ciProject(root, context.env);
  const version = packageVersion(root);
  const desc = options.desc ?? gitDescription(root);
  await checkedMiniProgram(root, log);
  log(`上传版本 ${version}（AppID ${project.appid}，机器人 ${options.robot}）：${desc}`);
  try {
    await ci.upload({ project, robot: options.robot, version, desc });
  } catch (error) {
    throw explainCiError(error, { appid: project.appid });
  }
  log(`已上传 ${version}：小程序管理后台 → 管理 → 版本管理，可设为体验版或提交审核`);
  return { version, desc };
}

if (path.resolve(process.argv[1] ?? '') === __filename) {
  runCommand(async () => {
    await upload(terminalContext(), parseUploadArgs(process.argv.slice(2)));
  });
}

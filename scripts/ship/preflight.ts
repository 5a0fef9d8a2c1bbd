/**
 * What runs before anything is sent to WeChat, all of it offline and for real: the
 * project's own build (`scripts/build.ts` of the project being shipped) and, for the
 * mini-program, WeChat's compile with every gate of `npm run check:wechat`. A failure
 * stops the command before it reaches the network.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { checkWechat, formatReport } from '../check-wechat/check';
import { FixableError } from './command';

export type Log = (line: string) => void;

/** `tsx scripts/build.ts <args>` in the project, as `npm run build` runs it. */
export function runBuild(root: string, args: string[], log: Log): void {
  const tsx = createRequire(__filename).resolve('tsx/cli');
  const result = spawnSync(process.execPath, [tsx, 'scripts/build.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.status !== 0)
    throw new FixableError(`构建失败（npm run build ${args.join(' ')}），没有发送任何内容：\n${output}`);
  for (const line of output.split('\n')) if (line) log(line);
}

/** Builds npm if stale and runs WeChat's compile and checks; throws their report on failure. */
export async function checkedMiniProgram(root: string, log: Log): Promise<void> {
  runBuild(root, ['--npm', '--if-stale'], log);
  const report = await checkWechat(root, { log });
  if (!report.ok)
    throw new FixableError(
      ['微信编译检查未通过（同 npm run check:wechat），没有发送任何内容：', ...formatReport(report)].join(
        '\n',
      ),
    );
  log(`微信编译检查通过（${report.gates.map((gate) => gate.gate).join('、')}）`);
}

/**
 * The command-line end of init, preview, upload and deploy: runs the command and, when
 * it fails, prints the fix (FixableError: the message alone) and exits non-zero.
 */
import path from 'node:path';
import { type WechatCi, miniprogramCi } from './wechat-ci';

/** An error whose message is the fix, printed without a stack. */
export class FixableError extends Error {}

export function runCommand(main: () => Promise<void>): void {
  main().then(
    // miniprogram-ci keeps handles open: end the process when the command is done.
    () => process.exit(0),
    (error: unknown) => {
      if (error instanceof FixableError) console.error(`✗ ${error.message}`);
      else console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(1);
    },
  );
}

/** What preview, upload and deploy work with: the project, WeChat (or a recorder) and the output. */
export interface ShipContext {
  root: string;
  ci: WechatCi;
  log: (line: string) => void;
  /** Where the upload key may come from (MINIPROGRAM_PRIVATE_KEY). */
  env: NodeJS.ProcessEnv;
}

/** The CI robot (1–30): each robot's versions are listed separately in the admin console. */
export function robotOption(value: string | undefined): number {
  const robot = Number(value ?? '1');
  if (!Number.isInteger(robot) || robot < 1 || robot > 30)
    throw new FixableError(`--robot 应为 1–30 的整数（收到 ${value}）`);
  return robot;
}

/** The context of a command run from the terminal: this repository and miniprogram-ci. */
export function terminalContext(): ShipContext {
  return {
    root: path.resolve(__dirname, '..', '..'),
    ci: miniprogramCi(),
    log: (line) => console.info(line),
    env: process.env,
  };
}

/** The version description sent with preview and upload: the commit it was built from. */
import { spawnSync } from 'node:child_process';
import { FixableError } from './command';

/** WeChat shows the description in the version list; keep it to one short line. */
const MAX_LENGTH = 100;

function git(root: string, args: string[]): string | null {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** `<short hash>[ 有未提交的改动]: <subject>`, e.g. `d68f3f5: Icons: a subset font`. */
export function gitDescription(root: string): string {
  const commit = git(root, ['rev-parse', '--short', 'HEAD']);
  const subject = git(root, ['log', '-1', '--format=%s']);
  if (commit === null || subject === null)
    throw new FixableError(
      '取不到 git 提交信息作为版本描述：在 git 仓库里运行（至少有一次提交），或用 --desc "<描述>" 给出',
    );
  const dirty = (git(root, ['status', '--porcelain']) ?? '') !== '';
  const text = `${commit}${dirty ? ' 有未提交的改动' : ''}: ${subject}`;
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}

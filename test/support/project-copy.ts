/**
 * A temporary copy of the project for tests that change it the way a developer would
 * (remove the demo, follow a README recipe) and then build, typecheck and test the copy.
 * The working tree is copied as it is (built miniprogram_npm included); node_modules is
 * linked, not copied. Commands run in the copy with the project's own tools.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** Not copied: version control, dependencies (linked instead) and generated output. */
const SKIPPED = new Set(['.git', 'node_modules', '.local-cloud', 'coverage', 'screenshots', '.reliability']);
/** A function's build output: the copy builds its own. */
const BUILT_FUNCTION = /^cloudfunctions\/[^/]+\/(index\.js|package\.json)$/;

export interface ProjectCopy {
  dir: string;
  /** Runs a tool from node_modules/.bin in the copy; resolves with its exit code and output. */
  run(tool: string, args: string[], timeoutMs?: number): { status: number | null; output: string };
  /** Runs these test files of the copy with its jest: the exit code and the summary at the end. */
  jest(files: string[]): { status: number | null; tail: string };
  remove(): void;
}

/** A copy made before the file's tests and removed after them (`copy()` inside a test). */
export function useProjectCopy(prefix: string): () => ProjectCopy {
  let copy: ProjectCopy | undefined;
  beforeAll(() => {
    copy = copyProject(prefix);
  });
  afterAll(() => copy?.remove());
  return () => {
    if (!copy) throw new Error('the project copy is made in beforeAll');
    return copy;
  };
}

export function copyProject(prefix: string): ProjectCopy {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  cpSync(PROJECT_ROOT, dir, {
    recursive: true,
    filter: (source) => {
      const relative = path.relative(PROJECT_ROOT, source);
      return !SKIPPED.has(relative.split(path.sep)[0]) && !BUILT_FUNCTION.test(relative);
    },
  });
  symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const copy: ProjectCopy = {
    dir,
    run(tool, args, timeoutMs = 10 * 60 * 1000) {
      const result = spawnSync(path.join(dir, 'node_modules', '.bin', tool), args, {
        cwd: dir,
        encoding: 'utf8',
        timeout: timeoutMs,
        env: { ...process.env, CI: '1', FORCE_COLOR: '0' },
      });
      return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
    },
    jest(files) {
      const { status, output } = copy.run('jest', ['--ci', '--runInBand', ...files]);
      return { status, tail: output.slice(-2000) };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
  return copy;
}

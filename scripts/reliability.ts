/**
 * `npm run reliability`: rebuilds the cloud functions (the heap test runs the built ones),
 * runs the generated tests — test/reliability/ and every *.fault.test.ts / *.race.test.ts
 * under test/ — and ends with the reliability figures (events per entry point, faults
 * injected, race trials, heap-capped runs, failures, seeds). Exits non-zero when jest
 * fails or no figure was recorded. One fast-check seed serves the whole run (FC_SEED=<n> to
 * repeat one). Jest arguments pass through (e.g. `-- --runInBand`).
 */
import { spawnSync } from 'child_process';
import { existsSync, readFileSync, rmSync } from 'fs';
import { createRequire } from 'module';
import os from 'os';
import path from 'path';

const root = path.resolve(__dirname, '..');
const load = createRequire(__filename);
const { summarise } = load('../test/support/reliability-reporter.js') as {
  summarise(figures: unknown[]): string;
};

function run(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  return spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env }).status ?? 1;
}

const figuresFile = path.join(os.tmpdir(), `reliability-figures-${process.pid}.jsonl`);
// One fast-check seed for every test file of the run (FC_SEED=<n> repeats it).
const seed = process.env.FC_SEED || String(Math.floor(Math.random() * 2 ** 31));
rmSync(figuresFile, { force: true });

let status = run(['--import', 'tsx', 'scripts/build.ts', '--functions']);
if (status === 0) {
  // The default reporter only: the figures are printed below, as the last lines of the output.
  status = run(
    [
      load.resolve('jest/bin/jest'),
      'test/reliability/',
      '\\.fault\\.test\\.ts$',
      '\\.race\\.test\\.ts$',
      ...process.argv.slice(2),
      // Last: an array option that would swallow the patterns after it.
      '--reporters=default',
    ],
    { ...process.env, FC_SEED: seed, RELIABILITY_FIGURES: figuresFile },
  );
}

const figures = existsSync(figuresFile)
  ? readFileSync(figuresFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as unknown)
  : [];
rmSync(figuresFile, { force: true });
process.stdout.write(figures.length > 0 ? summarise(figures) : '\nReliability figures: none recorded\n');
process.exit(status !== 0 || figures.length === 0 ? 1 : 0);

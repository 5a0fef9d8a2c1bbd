/**
 * npm run screenshots [-- options]
 *
 * Renders every page of app.json in every state declared in test/ **\/*.states.ts to a
 * 750x1624 PNG (375x812 CSS px at device scale 2) in screenshots/, with a contact sheet
 * (screenshots/index.html), and compares them with the baselines in docs/screenshots/.
 *
 *   --check               fail (exit 1) when a picture differs from its baseline; diff
 *                         pictures go to screenshots/diff/
 *   --update              write the pictures that changed as the new baselines (and remove
 *                         baselines of states that no longer exist)
 *   --only <part>         only states whose id (`home--guest`) or route contains <part>;
 *                         repeat or comma-separate for several
 *   --threshold <0..1>    per-pixel colour tolerance (default 0.1)
 *   --max-diff-pixels <n> differing pixels still counted as unchanged (default 20)
 *   --out <dir>           output folder (default screenshots)
 *   --baselines <dir>     baseline folder (default docs/screenshots)
 *   --captures <dir>      shoot an existing capture folder instead of capturing (tests)
 *
 * Two steps: the capture runs as a jest run (scripts/screenshots/jest.config.js: the page
 * tests' jsdom, fake `wx` and local cloud runtime), while one Chromium starts; then this
 * process composes and photographs each capture. Set-up: bash scripts/screenshots/setup.sh.
 */
import { existsSync, readFileSync, rmSync } from 'fs';
import path from 'path';
import { parseArgs } from 'util';
import { runNodeCli } from './node-process';
import { currentRenderer, rendererDifference, saveRenderer } from './renderer';
import { projectRoot } from './app-config';
import { Camera } from './browser';
import { chromiumPath, hasChromium } from '../chromium';
import { MANIFEST, type CaptureManifest } from './model';
import { DEFAULT_TOLERANCE } from './png';
import { shootAll, type Mode } from './pipeline';

const USAGE = `usage: npm run screenshots -- [--check | --update] [--only <part>] [--threshold <0..1>]
       [--max-diff-pixels <n>] [--out <dir>] [--baselines <dir>] [--captures <dir>]`;

interface Options {
  mode: Mode;
  only: string[];
  outDir: string;
  baselineDir: string;
  threshold: number;
  maxDiffPixels: number;
  captures?: string;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      check: { type: 'boolean', default: false },
      update: { type: 'boolean', default: false },
      only: { type: 'string', multiple: true, default: [] },
      out: { type: 'string', default: 'screenshots' },
      baselines: { type: 'string', default: 'docs/screenshots' },
      threshold: { type: 'string', default: String(DEFAULT_TOLERANCE.threshold) },
      'max-diff-pixels': { type: 'string', default: String(DEFAULT_TOLERANCE.maxDiffPixels) },
      captures: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.info(USAGE);
    process.exit(0);
  }
  if (values.check && values.update) throw new Error('--check and --update exclude each other');
  const threshold = Number(values.threshold);
  const maxDiffPixels = Number(values['max-diff-pixels']);
  if (!(threshold >= 0 && threshold <= 1)) throw new Error('--threshold must be between 0 and 1');
  if (!(Number.isInteger(maxDiffPixels) && maxDiffPixels >= 0)) {
    throw new Error('--max-diff-pixels must be a whole number');
  }
  return {
    mode: values.check ? 'check' : values.update ? 'update' : 'render',
    only: values.only
      .flatMap((part) => part.split(','))
      .map((part) => part.trim())
      .filter(Boolean),
    outDir: path.resolve(projectRoot, values.out),
    baselineDir: path.resolve(projectRoot, values.baselines),
    threshold,
    maxDiffPixels,
    captures: values.captures ? path.resolve(values.captures) : undefined,
  };
}

/** Runs the capture step (jest) and resolves with its exit code and output. */
function runCapture(dir: string, only: string[]): Promise<{ code: number; output: string }> {
  const config = path.join(__dirname, 'jest.config.js');
  return runNodeCli('jest/bin/jest', ['--config', config, '--ci', '--silent', '--colors=false'], {
    ...process.env,
    // Dates on the pages are formatted in the phone's time zone: a Chinese phone's.
    TZ: 'Asia/Shanghai',
    SCREENSHOTS_CAPTURE_DIR: dir,
    SCREENSHOTS_ONLY: only.join(','),
  });
}

function countCaptures(dir: string): number {
  try {
    const manifest = JSON.parse(readFileSync(path.join(dir, MANIFEST), 'utf8')) as CaptureManifest;
    return Math.min(2, Math.max(1, manifest.captures.length));
  } catch {
    return 1;
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main(): Promise<number> {
  const started = Date.now();
  const options = parseOptions(process.argv.slice(2));
  if (!hasChromium()) {
    console.error(`screenshots: no Chromium at ${chromiumPath()}: run \`bash scripts/screenshots/setup.sh\``);
    return 2;
  }
  const captureDir = options.captures ?? path.join(options.outDir, '.capture');

  // Chromium starts while jest captures (one tab is enough for a single shot).
  const cameraPromise = Camera.open(options.captures ? countCaptures(options.captures) : 2);
  cameraPromise.catch(() => undefined);

  let captureMs = 0;
  const problems: string[] = [];
  if (!options.captures) {
    rmSync(captureDir, { recursive: true, force: true });
    const result = await runCapture(captureDir, options.only);
    captureMs = Date.now() - started;
    if (result.code !== 0) {
      console.error(result.output.trim());
      problems.push('some states failed to render (jest output above)');
    }
  }
  const manifestFile = path.join(captureDir, MANIFEST);
  if (!existsSync(manifestFile)) {
    await cameraPromise.then((camera) => camera.close()).catch(() => undefined);
    console.error(`screenshots: no captures in ${captureDir}`);
    return 1;
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as CaptureManifest;
  problems.push(...manifest.failures.map((failure) => `capture failed: ${failure}`));

  const camera = await cameraPromise;
  const renderer = currentRenderer(camera.version);
  let report;
  try {
    report = await shootAll(manifest.captures, camera, {
      mode: options.mode,
      outDir: options.outDir,
      baselineDir: options.baselineDir,
      tolerance: { threshold: options.threshold, maxDiffPixels: options.maxDiffPixels },
      // Baselines of states not captured this time are only "stale" when every state was.
      complete: options.only.length === 0 && !options.captures && manifest.failures.length === 0,
      log: (line) => console.info(line),
    });
  } finally {
    await camera.close();
  }
  for (const capture of manifest.captures) {
    for (const warning of capture.warnings) console.warn(`  warning  ${capture.id}: ${warning}`);
  }
  for (const problem of report.problems) console.warn(`  warning  ${problem}`);

  const relative = (dir: string) => path.relative(process.cwd(), dir) || '.';
  const total = Date.now() - started;
  const timing = options.captures
    ? `shoot ${seconds(report.ms)}`
    : `capture ${seconds(captureMs)}, shoot ${seconds(report.ms)}`;
  console.info(
    `screenshots: ${report.shots.length} page-states in ${seconds(total)} (${timing}) → ${relative(
      path.join(options.outDir, 'index.html'),
    )}`,
  );
  if (options.mode !== 'render' || report.shots.some((shot) => shot.status !== 'rendered')) {
    const count = (status: string) => report.shots.filter((shot) => shot.status === status).length;
    const parts = ['same', 'changed', 'missing-baseline', 'new', 'updated']
      .map((status) => [status, count(status)] as const)
      .filter(([, n]) => n > 0)
      .map(([status, n]) => `${n} ${status}`);
    if (report.stale.length > 0) parts.push(`${report.stale.length} stale`);
    console.info(
      `${options.mode === 'render' ? 'compared' : options.mode}: ${parts.join(', ')} (${relative(options.baselineDir)})`,
    );
  }
  const complete = options.only.length === 0 && !options.captures && manifest.failures.length === 0;
  if (options.mode === 'update' && complete) saveRenderer(options.baselineDir, renderer);
  for (const problem of problems) console.error(`screenshots: ${problem}`);
  if (options.mode === 'check' && !report.ok) {
    const difference = rendererDifference(options.baselineDir, renderer);
    if (difference)
      console.error(
        `screenshots: ${difference}: check the diff pictures, then --update if only text drawing moved`,
      );
    console.error(
      'screenshots: the pictures differ from the baselines; if the change is intended, run `npm run screenshots -- --update`',
    );
    return 1;
  }
  return problems.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`screenshots: ${(error as Error).message}`);
    process.exit(2);
  },
);

/** @jest-environment node */
/**
 * Every entry point answers the largest hostile inputs within 100 ms under a 256 MB heap
 * (a cloud function's memory): heap-child.ts runs the built functions in a child Node
 * process started with --max-old-space-size=256 and reports the time of every call.
 */
import { spawnSync } from 'child_process';
import { readdirSync, statSync } from 'fs';
import path from 'path';
import { REPO_ROOT } from '../../scripts/local-cloud';
import { reportFigure } from '../support/reliability';

const CHILD = path.join(__dirname, 'heap-child.ts');
const LIMIT_MS = 100;
const FUNCTIONS = ['login', 'ping', 'favorites', 'user', 'urlscheme'];

interface ChildReport {
  heapLimitMb: number;
  peakHeapMb: number;
  calls: { subject: string; input: string; functionMs: number[]; callMs: number[]; answer: string }[];
}

/** Built functions older than a source they bundle would test yesterday's code. */
function staleBuilds(): string[] {
  const newest = (folder: string) =>
    Math.max(
      ...readdirSync(folder)
        .filter((file) => file.endsWith('.ts'))
        .map((file) => statSync(path.join(folder, file)).mtimeMs),
    );
  const shared = newest(path.join(REPO_ROOT, 'cloudfunctions', '.shared'));
  return FUNCTIONS.filter((name) => {
    const folder = path.join(REPO_ROOT, 'cloudfunctions', name);
    let built: number;
    try {
      built = statSync(path.join(folder, 'index.js')).mtimeMs;
    } catch {
      return true;
    }
    return built < Math.max(shared, newest(folder));
  });
}

describe('heap-capped runs (256 MB)', () => {
  it('every entry point answers the largest hostile inputs within 100 ms', () => {
    expect({ staleOrMissingBuilds: staleBuilds(), hint: 'run `npm run build`' }).toEqual({
      staleOrMissingBuilds: [],
      hint: 'run `npm run build`',
    });
    const child = spawnSync(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', CHILD], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 110_000,
      maxBuffer: 16 * 1024 * 1024,
    });
    expect({ status: child.status, signal: child.signal, stderr: child.stderr.slice(-2000) }).toMatchObject({
      status: 0,
      signal: null,
    });
    const report = JSON.parse(child.stdout.trim().split('\n').pop() ?? '') as ChildReport;
    expect(report.heapLimitMb).toBeLessThan(320);

    const subjects = [...new Set(report.calls.map((call) => call.subject))];
    for (const subject of subjects) {
      const calls = report.calls.filter((call) => call.subject === subject);
      reportFigure({
        kind: 'heap',
        subject,
        count: calls.reduce((sum, call) => sum + call.functionMs.length, 0),
        failures: calls.reduce(
          (sum, call) =>
            sum +
            call.functionMs.filter((ms) => ms > LIMIT_MS).length +
            (call.answer === 'INTERNAL' ? call.functionMs.length : 0),
          0,
        ),
      });
    }
    const slowest = [...report.calls].sort(
      (a, b) => Math.max(...b.functionMs) - Math.max(...a.functionMs),
    )[0];
    console.info(
      `heap-capped runs: ${report.calls.length} inputs, heap limit ${report.heapLimitMb} MB, peak ${report.peakHeapMb} MB; ` +
        `slowest function ${Math.max(...slowest.functionMs)} ms (${slowest.subject}, ${slowest.input}); ` +
        `slowest whole call (with the event's JSON transport) ${Math.max(...report.calls.flatMap((call) => call.callMs))} ms`,
    );

    expect(subjects).toHaveLength(12);
    const problems = report.calls
      .filter(
        (call) => Math.max(...call.functionMs) > LIMIT_MS || ['INTERNAL', 'undefined'].includes(call.answer),
      )
      .map((call) => `${call.subject} / ${call.input}: ${call.functionMs.join(', ')} ms, ${call.answer}`);
    expect(problems).toEqual([]);
  }, 120_000);
});

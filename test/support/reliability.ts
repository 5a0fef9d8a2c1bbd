/**
 * Figures of the generated tests (property runs, injected faults, race trials, heap runs),
 * collected from every jest worker into one file and printed at the end of the run by
 * test/support/reliability-reporter.js (and by `npm run reliability`).
 */
import { appendFileSync, mkdirSync } from 'fs';
import path from 'path';

/** Named by the reporter for this jest run; the fallback serves a run without it. */
export const FIGURES_FILE =
  process.env.RELIABILITY_FIGURES ?? path.resolve(__dirname, '..', '..', '.reliability', 'figures.jsonl');

export interface Figure {
  /** What kind of generated test: property runs, fault injections, race trials, heap-capped runs. */
  kind: 'property' | 'fault' | 'race' | 'heap';
  /** The entry point or scenario, e.g. `user.updateProfile`, `deleteAccount × favorites.add`. */
  subject: string;
  /** Generated cases run. */
  count: number;
  /** Cases that broke an invariant (0 when the test passed). */
  failures: number;
  /** fast-check seed (or the race RNG seed), so a run can be repeated. */
  seed?: number;
}

export function reportFigure(figure: Figure): void {
  mkdirSync(path.dirname(FIGURES_FILE), { recursive: true });
  appendFileSync(FIGURES_FILE, `${JSON.stringify(figure)}\n`);
}

/** FC_SEED repeats a run; otherwise a fresh seed, printed with every figure and failure. */
export function fcSeed(): number {
  const given = process.env.FC_SEED;
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${given}`);
    return seed;
  }
  return (Date.now() ^ Math.floor(Math.random() * 0x100000000)) | 0;
}

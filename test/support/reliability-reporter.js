// Jest reporter: prints the reliability figures the generated tests recorded
// (test/support/reliability.ts) once the run ends. Plain CommonJS: jest loads it as is.
const { existsSync, readFileSync, rmSync } = require('fs');
const path = require('path');

// One file per jest run (several runs may share a checkout): workers inherit the name.
const FIGURES_FILE = path.resolve(__dirname, '..', '..', '.reliability', `figures-${process.pid}.jsonl`);
const KINDS = {
  property: 'generated events',
  fault: 'faults injected',
  race: 'race trials',
  heap: 'heap-capped runs',
};

function readFigures() {
  if (!existsSync(FIGURES_FILE)) return [];
  return readFileSync(FIGURES_FILE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** The summary table: one line per kind and subject, then totals. */
function summarise(figures) {
  if (figures.length === 0) return '';
  const lines = ['', 'Reliability figures'];
  for (const kind of Object.keys(KINDS)) {
    const ofKind = figures.filter((figure) => figure.kind === kind);
    if (ofKind.length === 0) continue;
    const bySubject = new Map();
    for (const figure of ofKind) {
      const entry = bySubject.get(figure.subject) ?? { count: 0, failures: 0, seeds: [] };
      entry.count += figure.count;
      entry.failures += figure.failures;
      if (figure.seed !== undefined) entry.seeds.push(figure.seed);
      bySubject.set(figure.subject, entry);
    }
    const total = ofKind.reduce((sum, figure) => sum + figure.count, 0);
    const failures = ofKind.reduce((sum, figure) => sum + figure.failures, 0);
    lines.push(`  ${KINDS[kind]}: ${total} in ${bySubject.size} subjects, ${failures} failures`);
    for (const [subject, entry] of [...bySubject].sort(([a], [b]) => a.localeCompare(b))) {
      const seed = entry.seeds.length > 0 ? `  seed ${entry.seeds.join(',')}` : '';
      lines.push(
        `    ${subject.padEnd(48)} ${String(entry.count).padStart(6)}  failures ${entry.failures}${seed}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

class ReliabilityReporter {
  constructor() {
    process.env.RELIABILITY_FIGURES = FIGURES_FILE;
  }

  onRunStart() {
    rmSync(FIGURES_FILE, { force: true });
  }

  onRunComplete() {
    const text = summarise(readFigures());
    if (text) process.stdout.write(text);
    rmSync(FIGURES_FILE, { force: true });
  }
}

module.exports = ReliabilityReporter;
module.exports.summarise = summarise;
module.exports.readFigures = readFigures;

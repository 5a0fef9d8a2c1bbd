/**
 * The child process of heap.test.ts: `node --max-old-space-size=256 --import tsx heap-child.ts`.
 * Runs every entry point of the built functions (`cloudfunctions/<name>/index.js`, what is
 * deployed) with the largest hostile inputs: one warm-up call, then RUNS timed calls each.
 * Each call is timed twice: `functionMs`, the function's own `main` (wrapped here), and
 * `callMs`, the whole LocalCloud call, which adds the JSON round trip of the event and the
 * answer that the platform's transport makes.
 * Prints one JSON line: { heapLimitMb, peakHeapMb, calls: [{ subject, input, functionMs, callMs, answer }] }.
 * A heap exhaustion ends the process with a non-zero code.
 */
import { createRequire } from 'module';
import path from 'path';
import { getHeapStatistics } from 'v8';
import { LocalCloud, REPO_ROOT, type Identity } from '../../scripts/local-cloud';
import { alice } from '../support/cloud';
import {
  COMBINING_1000,
  DEEP_ARRAY,
  DEEP_OBJECT,
  HANGUL_JAMO_2000,
  HUGE_ARRAY,
  MB,
  NICKNAME_60K,
  ONE_MB_ASCII,
  ONE_MB_CJK,
  ZWJ_EMOJI_1200,
} from './arbitraries';
import { webIdentity } from './harness';

const RUNS = 3;

interface Entry {
  subject: string;
  fn: string;
  action?: string;
  fields: readonly string[];
  identity: Identity;
}

const URL_FIELDS = ['path', 'query', 'envVersion', 'expireIntervalDays', 'expireAt'];
const ENTRIES: readonly Entry[] = [
  { subject: 'login', fn: 'login', fields: ['code'], identity: alice },
  { subject: 'ping', fn: 'ping', fields: ['echo'], identity: alice },
  ...['list', 'add', 'remove'].map((action) => ({
    subject: `favorites.${action}`,
    fn: 'favorites',
    action,
    fields: ['itemId'],
    identity: alice,
  })),
  { subject: 'user.getProfile', fn: 'user', action: 'getProfile', fields: [], identity: alice },
  {
    subject: 'user.updateProfile',
    fn: 'user',
    action: 'updateProfile',
    fields: ['nickname', 'avatarFileId'],
    identity: alice,
  },
  { subject: 'user.bindPhone', fn: 'user', action: 'bindPhone', fields: ['code'], identity: alice },
  {
    subject: 'user.deleteAccount',
    fn: 'user',
    action: 'deleteAccount',
    fields: ['confirm'],
    identity: alice,
  },
  { subject: 'urlscheme.scheme', fn: 'urlscheme', action: 'scheme', fields: URL_FIELDS, identity: alice },
  { subject: 'urlscheme.link', fn: 'urlscheme', action: 'link', fields: URL_FIELDS, identity: alice },
  {
    subject: 'urlscheme (anonymous web caller)',
    fn: 'urlscheme',
    action: 'scheme',
    fields: URL_FIELDS,
    identity: webIdentity(),
  },
];

/** The same hostile value in every field the entry point reads, and in two it does not. */
const FIELD_VALUES: readonly [string, unknown][] = [
  ['1 MB string (CJK) in every field', ONE_MB_CJK],
  ['1 MB string (ASCII) in every field', ONE_MB_ASCII],
  ['60,000-character nickname in every field', NICKNAME_60K],
  ['1,200 emoji joined by ZWJ in every field', ZWJ_EMOJI_1200],
  ['2,000 Hangul jamo in every field', HANGUL_JAMO_2000],
  ['a + 1,000 combining marks in every field', COMBINING_1000],
  ['1,000-level object nesting in every field', DEEP_OBJECT],
  ['1,000-level array nesting in every field', DEEP_ARRAY],
  ['100,000-element array in every field', HUGE_ARRAY],
];

function inputs(entry: Entry): [string, unknown][] {
  const withAction = (event: Record<string, unknown>) =>
    entry.action === undefined ? event : { action: entry.action, ...event };
  const cases: [string, unknown][] = FIELD_VALUES.map(([input, value]) => [
    input,
    withAction(Object.fromEntries([...entry.fields, 'extra', '$where'].map((field) => [field, value]))),
  ]);
  cases.push(['1,000-level nesting as the whole event', DEEP_OBJECT]);
  if (entry.action !== undefined) cases.push(['1 MB action', { action: ONE_MB_ASCII }]);
  return cases;
}

type Main = (event: unknown, context: unknown) => Promise<unknown>;
let functionMs = 0;

/**
 * Puts a timer around each built function's `main`: the loader requires `index.js` from
 * Node's module cache, so it gets the timed wrapper.
 */
function timeMains(names: readonly string[]): void {
  const load = createRequire(__filename);
  for (const name of names) {
    const entry = load.resolve(path.join(REPO_ROOT, 'cloudfunctions', name, 'index.js'));
    const { main } = load(entry) as { main: Main };
    const cached = load.cache[entry];
    if (!cached) throw new Error(`${entry} is not in the module cache`);
    cached.exports = {
      main: async (event: unknown, context: unknown) => {
        const started = performance.now();
        try {
          return await main(event, context);
        } finally {
          functionMs = performance.now() - started;
        }
      },
    };
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;

async function main(): Promise<void> {
  const cloud = new LocalCloud({ load: 'built' });
  timeMains([...new Set(ENTRIES.map((entry) => entry.fn))]);
  let peak = 0;
  const calls: { subject: string; input: string; functionMs: number[]; callMs: number[]; answer: string }[] =
    [];
  try {
    const login = (await cloud.callFunction('login', {}, alice)) as { ok: boolean };
    if (!login.ok) throw new Error(`login failed: ${JSON.stringify(login)}`);
    for (const entry of ENTRIES) {
      for (const [input, event] of inputs(entry)) {
        const timed = { functionMs: [] as number[], callMs: [] as number[] };
        let answer = '';
        for (let run = 0; run <= RUNS; run += 1) {
          const started = performance.now();
          const result = (await cloud.callFunction(entry.fn, event, entry.identity)) as {
            ok: boolean;
            error?: { code?: string };
          };
          const elapsed = performance.now() - started;
          // Run 0 warms up (module load, JIT); the others are measured.
          if (run > 0) {
            timed.functionMs.push(round(functionMs));
            timed.callMs.push(round(elapsed));
          }
          answer = result.ok ? 'ok' : String(result.error?.code);
          peak = Math.max(peak, process.memoryUsage().heapUsed);
        }
        calls.push({ subject: entry.subject, input, ...timed, answer });
      }
    }
  } finally {
    cloud.close();
  }
  process.stdout.write(
    `${JSON.stringify({
      heapLimitMb: Math.round(getHeapStatistics().heap_size_limit / MB),
      peakHeapMb: Math.round(peak / MB),
      calls,
    })}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

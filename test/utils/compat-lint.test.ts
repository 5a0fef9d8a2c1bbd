/** @jest-environment node */
import path from 'node:path';
import { ESLint } from 'eslint';
import { MIN_SDK_VERSION } from '../../miniprogram/utils/version';

/**
 * eslint.config.js refuses, in the mini-program's own code, the built-ins the minimum
 * base library (2.16.1) lacks, and lets through what its engine has or WeChat polyfills
 * from 2.16.1 on (miniprogram-compat's polyfill data). Checked on snippets through
 * ESLint's Node API, with the project's own config.
 */
const root = path.resolve(__dirname, '../..');
// The config is passed in, not looked up: ESLint loads config files with a dynamic
// import, which jest's module sandbox does not allow.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(path.join(root, 'eslint.config.js')) as ESLint.Options['overrideConfig'];
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config });

const COMPAT_RULES = ['no-restricted-syntax', 'no-restricted-properties', 'no-restricted-globals'];

/** The messages ESLint gives `code` as if it were a file at `file` (default: mini-program code). */
async function lint(code: string, file = 'miniprogram/utils/lint-probe.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(`export function probe(o: any, a: any) {\n  return ${code};\n}\n`, {
    filePath: path.join(root, file),
  });
  return (
    result.messages
      // The compatibility rules, and parse errors (ruleId null), which must never pass silently.
      .filter((message) => message.ruleId === null || COMPAT_RULES.includes(message.ruleId))
      .map((message) => `${message.ruleId}: ${message.message}`)
  );
}

const forbidden: [string, RegExp][] = [
  ['[1, 2].at(-1)', /no-restricted-syntax: .*2\.23\.1/],
  ["'abc'.at(0)", /no-restricted-syntax/],
  ['[1, 2].findLast((n: number) => n > 1)', /no-restricted-syntax/],
  ['[3, 1].toSorted()', /no-restricted-syntax: .*2\.30\.3/],
  ['new Set([1]).union(new Set([2]))', /no-restricted-syntax/],
  ["Object.hasOwn(o, 'a')", /no-restricted-properties: .*hasOwnProperty/],
  ['Object.groupBy(a, (x: any) => x)', /no-restricted-properties/],
  ['Promise.withResolvers()', /no-restricted-properties/],
  ['new Intl.Segmenter()', /no-restricted-properties/],
  ['structuredClone(o)', /no-restricted-globals/],
  ['queueMicrotask(() => undefined)', /no-restricted-globals/],
  ['new WeakRef(o)', /no-restricted-globals/],
  ['10n', /no-restricted-syntax: BigInt/],
  ["/(?<=a)b/.test('ab')", /no-restricted-syntax: Regex lookbehind/],
  ["/(?<year>\\d{4})/.exec('2026')", /no-restricted-syntax: Named groups/],
  ["/\\p{L}/u.test('a')", /no-restricted-syntax: Named groups and \\p/],
  ["/a.b/s.test('a\\nb')", /no-restricted-syntax: Regex flags/],
  ['(o.a ||= 1)', /no-restricted-syntax: Logical assignment/],
];

const allowed = [
  // Polyfilled by WeChat from 2.16.1 (miniprogram-compat data/polyfill.json).
  "Object.fromEntries([['a', 1]])",
  "String(7).padStart(2, '0')",
  'Promise.resolve().finally(() => undefined)',
  'Promise.allSettled([a])',
  'Promise.any([a])',
  '[[1], [2]].flat()',
  '[1].flatMap((n: number) => [n, n])',
  "'a-b'.replaceAll('-', '')",
  "[...'ab'.matchAll(/b/g)]",
  "'  a'.trimStart()",
  'Object.entries(o).length + Object.values(o).length',
  'globalThis',
  // In the oldest engine (iOS 11 / Chrome 53).
  '[1].includes(1)',
  "Array.from(new Map([['a', 1]]).keys())",
  "/^[a-z]+$/i.test('ok')",
  "Object.prototype.hasOwnProperty.call(o, 'a')",
];

describe(`lint: built-ins the minimum base library (${MIN_SDK_VERSION}) lacks`, () => {
  it.each(forbidden)('refuses %s in mini-program code', async (code, expected) => {
    const messages = await lint(code);
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });

  it.each(allowed)('allows %s', async (code) => {
    expect(await lint(code)).toEqual([]);
  });

  it('applies to mini-program code only (scripts and cloud functions run on Node)', async () => {
    expect(await lint("Object.hasOwn(o, 'a') && [1].at(-1) && structuredClone(o)")).not.toEqual([]);
    expect(
      await lint("Object.hasOwn(o, 'a') && [1].at(-1) && structuredClone(o)", 'scripts/lint-probe.ts'),
    ).toEqual([]);
    expect(await lint("Object.hasOwn(o, 'a') && [1].at(-1)", 'cloudfunctions/.shared/lint-probe.ts')).toEqual(
      [],
    );
  });
});

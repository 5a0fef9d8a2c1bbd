/** @jest-environment node */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildFunctions, bundleFunction, functionNames, root } from '../scripts/build';
import {
  buildMachineSnapshot,
  CLOUD_RUNTIME,
  cloudRuntimeSnapshot,
  runtimeProblems,
} from '../scripts/cloud-runtime';
import { LocalCloud } from '../scripts/local-cloud';

const functionsRoot = path.join(root, 'cloudfunctions');
const ignored = (file: string) => {
  try {
    execFileSync('git', ['check-ignore', '-q', file], { cwd: root });
    return true;
  } catch {
    return false;
  }
};

describe('npm run build', () => {
  let built: string[] = [];
  beforeAll(async () => {
    built = await buildFunctions();
  });

  it('finds every function folder and skips the shared source', () => {
    expect(functionNames()).toEqual(expect.arrayContaining(['favorites', 'login', 'ping']));
    expect(functionNames()).not.toContain('.shared');
    expect(built).toEqual(functionNames());
  });

  it('writes a self-contained, deployable folder per function, all git-ignored', () => {
    const sdk = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).devDependencies[
      'wx-server-sdk'
    ];
    for (const name of built) {
      const js = path.join(functionsRoot, name, 'index.js');
      const manifest = JSON.parse(readFileSync(path.join(functionsRoot, name, 'package.json'), 'utf8'));
      expect(manifest).toMatchObject({
        name,
        main: 'index.js',
        engines: { node: '>=18.15.0' },
        dependencies: { 'wx-server-sdk': sdk },
      });
      const code = readFileSync(js, 'utf8');
      // Shared code is bundled in: the only module required at run time is wx-server-sdk.
      const required = [...new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]))];
      expect(required.filter((id) => !id.startsWith('node:'))).toEqual(['wx-server-sdk']);
      expect(ignored(path.relative(root, js))).toBe(true);
      expect(ignored(path.relative(root, path.join(functionsRoot, name, 'package.json')))).toBe(true);
    }
  });

  it('produces functions that run: the built ping answers through the local runtime', async () => {
    const cloud = new LocalCloud({ load: 'built' });
    try {
      await cloud.callFunction('login', {}, { OPENID: 'oBuilt', APPID: 'wx1' });
      const result = await cloud.callFunction('ping', { echo: 'hi' }, { OPENID: 'oBuilt', APPID: 'wx1' });
      expect(result).toEqual({ ok: true, data: { openid: 'oBuilt', appid: 'wx1', echo: 'hi', visits: 1 } });
    } finally {
      cloud.close();
    }
  });

  it('has built the npm packages DevTools needs, git-ignored', () => {
    const npm = path.join(root, 'miniprogram', 'miniprogram_npm');
    for (const pkg of [
      'tdesign-miniprogram/button/button.js',
      'mobx-miniprogram',
      'mobx-miniprogram-bindings',
    ]) {
      expect(existsSync(path.join(npm, pkg))).toBe(true);
    }
    expect(ignored('miniprogram/miniprogram_npm/tdesign-miniprogram/button/button.js')).toBe(true);
  });
});

describe("the cloud functions' Node runtime", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'cloud-runtime-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** Bundles a throwaway function whose index.ts is `source`; resolves to the written index.js. */
  let count = 0;
  async function bundle(source: string): Promise<string> {
    count += 1;
    const dir = path.join(work, `probe${count}`);
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'index.ts'), source);
    await bundleFunction(dir, 'probe');
    return readFileSync(path.join(dir, 'index.js'), 'utf8');
  }

  it('is Nodejs18.15: the stored snapshot is of Node 18.15.0 with full ICU', () => {
    expect(CLOUD_RUNTIME).toMatchObject({ name: 'Nodejs18.15', node: '18.15.0', esbuildTarget: 'node18.15' });
    const runtime = cloudRuntimeSnapshot();
    expect(runtime.node).toBe('18.15.0');
    expect(runtime.icu).toBe('72.1');
    expect(runtime.statics.Intl).toContain('Segmenter');
    expect(runtime.moduleExports.crypto).toContain('createHash');
    expect(runtime.moduleExports.crypto).not.toContain('hash');
  });

  it('passes what the functions use: node:crypto, Intl.Segmenter at load, lookbehind and \\p{...}', async () => {
    const code = await bundle(`
      import { createHash } from 'node:crypto';
      const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });
      const joiner = /(?<!\\p{Extended_Pictographic})\\u200D/u;
      export const main = async (event: { text: string }) => ({
        hash: createHash('sha256').update(event.text).digest('hex'),
        count: [...graphemes.segment(event.text)].length,
        joiner: joiner.test(event.text),
        has: Object.hasOwn(event, 'text'),
        last: [1, 2].at(-1),
      });
    `);
    // Kept as a literal (Node 18.15 parses it), not rewritten into new RegExp(...).
    expect(code).toContain('/(?<!\\p{Extended_Pictographic})\\u200D/u');
  });

  it.each([
    ["import { DatabaseSync } from 'node:sqlite'; export const main = () => DatabaseSync;", /node:sqlite/],
    ["import { hash } from 'node:crypto'; export const main = () => hash('sha1', 'x');", /crypto\.hash/],
    ['export const main = (a: number[]) => Object.groupBy(a, (n) => String(n));', /Object\.groupBy/],
    ['export const main = (u: string) => URL.canParse(u);', /URL\.canParse/],
    ['export const main = (a: number[]) => a.toSorted();', /\.toSorted\(\)/],
    ["export const main = () => new File([], 'a.txt');", /全局 File/],
    ['export const main = () => crypto.randomUUID();', /全局 crypto/],
    ['export const main = (s: string) => /[\\p{L}--[a-z]]/v.test(s);', /正则表达式/],
  ])('fails the build on what Node 18.15 lacks: %s', async (source, problem) => {
    await expect(bundle(source)).rejects.toThrow(problem);
    await expect(bundle(source)).rejects.toThrow(/云函数 probe 用到了运行环境 Nodejs18\.15 没有的功能/);
  });

  it('writes nothing when the check fails', async () => {
    const dir = path.join(work, 'refused');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'index.ts'),
      "import { hash } from 'node:crypto'; export const main = () => hash('md5', '');",
    );
    await expect(bundleFunction(dir)).rejects.toThrow();
    expect(existsSync(path.join(dir, 'index.js'))).toBe(false);
    expect(existsSync(path.join(dir, 'package.json'))).toBe(false);
  });

  it('refuses modules that are not installed in the cloud and prefix-only built-ins without node:', () => {
    const runtime = cloudRuntimeSnapshot();
    const machine = buildMachineSnapshot();
    const check = (code: string) =>
      runtimeProblems(code, { runtime, buildMachine: machine, externals: ['wx-server-sdk'] });
    expect(
      check('var a = require("wx-server-sdk"); var b = require("node:fs"); var c = require("crypto");'),
    ).toEqual([]);
    expect(check('var a = require("left-pad");')).toEqual([expect.stringContaining('left-pad')]);
    expect(check('var t = require("test");')).toEqual([expect.stringContaining('node:test')]);
    expect(check('var t = require("node:test");')).toEqual([]);
  });

  it("does not mistake the bundle's own names for missing globals", () => {
    const code =
      'const File = { open() {} }; File.open(); const crypto = require("node:crypto"); crypto.createHash("sha1");';
    expect(runtimeProblems(code, { externals: [] })).toEqual([]);
  });

  it('reads code, not the words of its comments (a global newer than the runtime named in prose)', () => {
    const machine = { ...buildMachineSnapshot(), globals: [...buildMachineSnapshot().globals, 'fetchLater'] };
    const prose =
      '/** Call fetchLater(url) one day; the message names fetchLater. */\nexports.main = () => 1;';
    expect(runtimeProblems(prose, { externals: [], buildMachine: machine })).toEqual([]);
    const used = 'exports.main = () => fetchLater("/x");';
    expect(runtimeProblems(used, { externals: [], buildMachine: machine })).toEqual([
      expect.stringContaining('全局 fetchLater'),
    ]);
  });
});

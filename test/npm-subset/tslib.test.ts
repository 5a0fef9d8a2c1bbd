/** @jest-environment node */
/**
 * The tslib subset (scripts/npm-subset/tslib.ts): TDesign's files find every helper they
 * use in the shipped tslib, which is plain ES5.
 */
import { parse } from 'acorn';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SUBSET_FILES } from '../../scripts/build';
import { TSLIB_ES_MODULE, tslibHelpers, tslibSubset } from '../../scripts/npm-subset/tslib';

const tdesign = path.resolve(__dirname, '../../miniprogram/miniprogram_npm/tdesign-miniprogram');

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === path.dirname(SUBSET_FILES.tslib) ? [] : jsFiles(full);
    return entry.name.endsWith('.js') ? [full] : [];
  });
}

/** Runs CommonJS `code` and returns its exports (what WeChat's require gives). */
function load(code: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  new Function('module', 'exports', code)(module, module.exports);
  return module.exports;
}

/** Every helper tslib exports. */
const allHelpers = [
  ...readFileSync(TSLIB_ES_MODULE, 'utf8').matchAll(/^export (?:function|var) (__\w+)/gm),
].map((match) => match[1]);

describe('tslib helpers a file uses', () => {
  it('reads named imports and re-exports, with or without `as`, and only from "tslib"', () => {
    expect(tslibHelpers('import{__decorate}from"tslib";import{x}from"tslib-extra";')).toEqual(['__decorate']);
    expect(
      tslibHelpers(`import { __awaiter as a, __rest } from 'tslib';\nexport{__assign}from"tslib"`),
    ).toEqual(['__assign', '__awaiter', '__rest']);
  });

  it('reads require("tslib") members: direct, through a variable, destructured', () => {
    expect(tslibHelpers('var a=require("tslib").__extends;')).toEqual(['__extends']);
    // Blind to scopes (minified code reuses names): it may ask for more, never for less;
    // a name tslib lacks then fails the build (below).
    expect(tslibHelpers('var t=require("tslib");t.__values(x);function f(t){return t.__other}')).toEqual([
      '__other',
      '__values',
    ]);
    expect(tslibHelpers("const { __read, __spreadArray: s } = require('tslib');")).toEqual([
      '__read',
      '__spreadArray',
    ]);
  });

  it('refuses what it cannot subset: a namespace or default import, a module used whole', () => {
    expect(() => tslibHelpers('import * as tslib from "tslib";')).toThrow(/cannot subset/);
    expect(() => tslibHelpers('import tslib from "tslib";')).toThrow(/cannot subset/);
    expect(() => tslibHelpers('use(require("tslib"));')).toThrow(/used whole/);
  });
});

describe('the tslib subset module', () => {
  it('exports exactly the helpers asked for, as working functions, in ES5', async () => {
    const code = await tslibSubset(['__rest', '__assign']);
    expect(() => parse(code, { ecmaVersion: 5 })).not.toThrow();
    const helpers = load(code);
    expect(Object.keys(helpers).sort()).toEqual(['__assign', '__rest']);
    const rest = helpers.__rest as (source: object, keys: string[]) => object;
    expect(rest({ a: 1, b: 2, c: 3 }, ['b'])).toEqual({ a: 1, c: 3 });
  });

  it('fails the build for a name tslib does not export', async () => {
    await expect(tslibSubset(['__notAHelper'])).rejects.toThrow(/__notAHelper/);
  });
});

describe('the shipped tslib (after npm run build)', () => {
  const shipped = readFileSync(SUBSET_FILES.tslib, 'utf8');
  const files = jsFiles(tdesign);

  it('is the subset: a few KB of ES5, not the whole library', () => {
    expect(shipped.length).toBeLessThan(4 * 1024);
    expect(() => parse(shipped, { ecmaVersion: 5 })).not.toThrow();
  });

  it('has every helper any TDesign file imports, and each is a function', () => {
    const imported = [...new Set(files.flatMap((file) => tslibHelpers(readFileSync(file, 'utf8'))))];
    expect(imported).toEqual(expect.arrayContaining(['__awaiter', '__decorate', '__rest']));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const helpers = require(SUBSET_FILES.tslib) as Record<string, unknown>;
    expect(imported.filter((name) => typeof helpers[name] !== 'function')).toEqual([]);
  });

  it('has every tslib helper a TDesign file calls, however it got hold of it', () => {
    // Independent of the import parsing: any call of a tslib helper's name in a file that
    // mentions tslib at all.
    const called = new Set<string>();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (!text.includes('tslib')) continue;
      for (const match of text.matchAll(/(?<![\w$.])(__\w+)\s*\(/g)) {
        if (allHelpers.includes(match[1])) called.add(match[1]);
      }
    }
    expect(called.size).toBeGreaterThan(0);
    const helpers = load(shipped);
    expect([...called].filter((name) => typeof helpers[name] !== 'function')).toEqual([]);
  });
});

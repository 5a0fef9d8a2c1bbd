/** @jest-environment node */
/**
 * TDesign's theme tokens, subset (scripts/npm-subset/theme.ts): the pruning on fixtures, and
 * the shipped theme against every file the app ships: each token a shipped file uses is
 * still defined, light and dark, wherever TDesign's own theme defined it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ownTextFiles, SUBSET_FILES } from '../../scripts/build';
import { leafBlocks, splitTopLevel } from '../../scripts/npm-subset/css';
import { reachable } from '../../scripts/reach';
import {
  customPropertyDefinitions,
  keptTokens,
  mentionedNames,
  pruneCustomProperties,
  subsetTheme,
} from '../../scripts/npm-subset/theme';

const FIXTURE = `@media (prefers-color-scheme:light){
.page,page{--td-a:#fff;--td-b:var(--td-a);--td-c:#000;--td-d:var(--td-e, red);--td-e:1px;}}
@media (prefers-color-scheme:dark){
.page,page{--td-a:#111;--td-b:var(--td-f);--td-c:#222;--td-f:rgba(0, 0, 0, 0.5);}}
/* a comment { with a brace */
.page,page{--td-radius:4px;--td-size-small:1;--td-size-large:2;color:red;font-family:'A;B',serif;}
`;

describe('theme token pruning (fixtures)', () => {
  const users = [
    '.t-foo{color:var(--td-b);border-radius:var(--td-radius-unknown, 2px)}',
    "'--td-size-' + size",
  ];

  it('keeps what is named, and what kept values name, in every block (light and dark)', () => {
    const { css, kept, defined } = subsetTheme(FIXTURE, users);
    expect([...kept].sort()).toEqual(['--td-a', '--td-b', '--td-f', '--td-size-large', '--td-size-small']);
    expect(defined.size).toBe(9);
    expect(css).toBe(`@media (prefers-color-scheme:light){
.page,page{--td-a:#fff;--td-b:var(--td-a);}}
@media (prefers-color-scheme:dark){
.page,page{--td-a:#111;--td-b:var(--td-f);--td-f:rgba(0, 0, 0, 0.5);}}
/* a comment { with a brace */
.page,page{--td-size-small:1;--td-size-large:2;color:red;font-family:'A;B',serif;}
`);
  });

  it('keeps the @media blocks and every other rule even when no token in them is used', () => {
    const css = pruneCustomProperties(FIXTURE, () => false);
    expect(leafBlocks(css).map((block) => block.preludes)).toEqual(
      leafBlocks(FIXTURE).map((block) => block.preludes),
    );
    expect(css).toContain('@media (prefers-color-scheme:dark){\n.page,page{}}');
    expect(css).toContain("{color:red;font-family:'A;B',serif;}");
    expect(pruneCustomProperties(FIXTURE, () => true)).toBe(FIXTURE);
  });

  it('follows chains through other tokens, whichever block defines the link', () => {
    const definitions = customPropertyDefinitions(FIXTURE);
    expect(keptTokens(definitions, { names: ['--td-d'], prefixes: [] })).toEqual(
      new Set(['--td-d', '--td-e']),
    );
    expect(keptTokens(definitions, { names: ['--td-not-defined'], prefixes: [] }).size).toBe(0);
  });

  it('reads names from any text: var(), inline styles, strings in code; built names as prefixes', () => {
    const found = mentionedNames(
      'style="--td-navbar-padding-top: 4px" `--td-tag-${size}-color` --td-x-{{y}} {"--td-button-":1} i--',
    );
    expect([...found.names]).toEqual(['--td-navbar-padding-top']);
    expect([...found.prefixes].sort()).toEqual(['--td-button-', '--td-tag-', '--td-x-']);
  });

  it('splits declarations and selectors outside parentheses and strings', () => {
    expect(splitTopLevel("a:rgba(0, 0, 0, 0.5);b:'x;y';", ';')).toEqual([
      'a:rgba(0, 0, 0, 0.5)',
      "b:'x;y'",
      '',
    ]);
    expect(splitTopLevel('.a:not(.b,.c),.d', ',')).toEqual(['.a:not(.b,.c)', '.d']);
  });
});

const mp = path.resolve(__dirname, '../../miniprogram');
const STOCK_THEME = path.resolve(
  __dirname,
  '../../node_modules/tdesign-miniprogram/miniprogram_dist/common/style/theme/_index.wxss',
);

/** `@media … > .page,page` + name, for each definition. */
const definedAt = (css: string) =>
  new Set(
    customPropertyDefinitions(css).map(
      (definition) => `${definition.preludes.join(' > ')} | ${definition.name}`,
    ),
  );

describe('the shipped theme (after npm run build)', () => {
  const stock = readFileSync(STOCK_THEME, 'utf8');
  const shipped = readFileSync(SUBSET_FILES.theme, 'utf8');
  const reached = reachable(mp);
  const users = [...reached.files]
    .filter((file) => file.includes(`${path.sep}miniprogram_npm${path.sep}`) && file !== SUBSET_FILES.theme)
    .concat(ownTextFiles());

  it('reaches every component any of the app’s json names (main package and subpackages)', () => {
    const jsonFiles = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === 'miniprogram_npm' ? [] : jsonFiles(full);
        return entry.name.endsWith('.json') ? [full] : [];
      });
    const named = jsonFiles(mp).flatMap((file) =>
      Object.values(
        (JSON.parse(readFileSync(file, 'utf8')) as { usingComponents?: Record<string, string> })
          .usingComponents ?? {},
      ),
    );
    const tdesign = named.filter((target) => target.includes('tdesign-miniprogram/'));
    expect(tdesign.length).toBeGreaterThan(5);
    const components = [...reached.components].map(
      (base) => `/${path.relative(mp, base).split(path.sep).join('/')}`,
    );
    expect(tdesign.filter((target) => !components.includes(target))).toEqual([]);
    expect(users.some((file) => file.endsWith(`${path.sep}app.wxss`))).toBe(true);
  });

  it('defines every token a shipped TDesign or app file uses, in each block TDesign defined it', () => {
    const stockAt = definedAt(stock);
    const shippedAt = definedAt(shipped);
    const stockNames = new Set(customPropertyDefinitions(stock).map((definition) => definition.name));
    const missing: string[] = [];
    let withoutFallback = 0;
    for (const file of users) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/var\(\s*(--[\w-]+)\s*([,)])/g)) {
        if (!stockNames.has(match[1])) continue;
        if (match[2] === ')') withoutFallback += 1;
        for (const place of stockAt) {
          if (place.endsWith(`| ${match[1]}`) && !shippedAt.has(place)) {
            missing.push(`${path.relative(mp, file)}: ${place}`);
          }
        }
      }
    }
    expect(withoutFallback).toBeGreaterThan(0); // the app's own var(--td-…) with no fallback, at least
    expect([...new Set(missing)]).toEqual([]);
  });

  it('keeps a token chain whole: each kept token’s var() references are defined in the same blocks', () => {
    const stockAt = definedAt(stock);
    const shippedAt = definedAt(shipped);
    const missing = customPropertyDefinitions(shipped).flatMap((definition) =>
      [...definition.value.matchAll(/var\(\s*(--[\w-]+)/g)]
        .map((match) => `${definition.preludes.join(' > ')} | ${match[1]}`)
        .filter((place) => stockAt.has(place) && !shippedAt.has(place)),
    );
    expect(missing).toEqual([]);
  });

  it('keeps TDesign’s @media (prefers-color-scheme) blocks and every other declaration', () => {
    expect(leafBlocks(shipped).map((block) => block.preludes)).toEqual(
      leafBlocks(stock).map((block) => block.preludes),
    );
    expect(shipped).toMatch(/^@media \(prefers-color-scheme:light\)\{/);
    expect(shipped).toContain('@media (prefers-color-scheme:dark){');
    const others = (css: string) =>
      leafBlocks(css).flatMap((block) =>
        splitTopLevel(css.slice(block.start, block.end), ';').filter((part) => !part.trim().startsWith('--')),
      );
    expect(others(shipped)).toEqual(others(stock));
  });

  it('is what the build makes from today’s sources, and less than half of TDesign’s', () => {
    const texts = users.map((file) => readFileSync(file, 'utf8'));
    expect(shipped).toBe(subsetTheme(stock, texts).css);
    expect(shipped.length).toBeLessThan(stock.length / 2);
  });
});

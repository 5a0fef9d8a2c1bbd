/**
 * The subsets against what the pages really render (every declared page-state, through
 * miniprogram-simulate with the built TDesign, as npm run screenshots does): each rendered
 * button keeps every rule of TDesign's that applies to it, and each token the loaded
 * stylesheets use is still defined. Independent of how the build decides what is used.
 */
import { readFileSync } from 'fs';
import path from 'path';
import { leafBlocks, splitTopLevel } from '../../scripts/npm-subset/css';
import { customPropertyDefinitions } from '../../scripts/npm-subset/theme';
import { captureState, declaredStates, useSeededRandomness } from '../../scripts/screenshots/capture';

const STOCK = path.resolve(__dirname, '../../node_modules/tdesign-miniprogram/miniprogram_dist');
// The built files (scripts/build.ts SUBSET_FILES; build.ts loads esbuild, which jsdom breaks).
const BUILT = path.resolve(__dirname, '../../miniprogram/miniprogram_npm/tdesign-miniprogram');
const SUBSET_FILES = {
  button: path.join(BUILT, 'button', 'button.wxss'),
  theme: path.join(BUILT, 'common', 'style', 'theme', '_index.wxss'),
};

/** Each rule as `selector{declarations}`, one per selector of its list. */
function rules(css: string): { selector: string; text: string }[] {
  return leafBlocks(css).flatMap((block) =>
    splitTopLevel(block.preludes[block.preludes.length - 1], ',').map((selector) => ({
      selector: selector.trim(),
      text: `${selector.trim()}{${css.slice(block.start, block.end)}}`,
    })),
  );
}

/** The `t-button--x` modifiers a selector needs (those inside :not() it must lack). */
const needs = (selector: string) =>
  [...selector.replace(/:not\([^()]*\)/g, '').matchAll(/\.t-button--([\w-]+)/g)].map((match) => match[1]);

describe('what the rendered pages use is shipped', () => {
  const buttons = new Map<string, Set<string>>();
  const tokens = new Set<string>();

  beforeAll(async () => {
    useSeededRandomness();
    for (const state of declaredStates()) {
      const capture = await captureState(state);
      // simulate prefixes a component's classes with its own: t-button--t-button--primary.
      for (const match of capture.html.matchAll(/class="([^"]*)"/g)) {
        const classes = match[1].split(/\s+/);
        if (!classes.includes('t-button--t-button')) continue;
        const modifiers = classes
          .map((name) => /^t-button--t-button--([\w-]+)$/.exec(name)?.[1])
          .filter((name): name is string => Boolean(name));
        buttons.set([...modifiers].sort().join(' '), new Set([...modifiers, 'hover']));
      }
      for (const match of capture.css.matchAll(/var\(\s*(--[\w-]+)/g)) tokens.add(match[1]);
    }
  }, 240_000);

  it('every rule TDesign has for a rendered button (pressed or not) is in the shipped button.wxss', () => {
    expect(buttons.size).toBeGreaterThan(3);
    const shipped = new Set(rules(readFileSync(SUBSET_FILES.button, 'utf8')).map((rule) => rule.text));
    const missing: string[] = [];
    for (const [id, modifiers] of buttons) {
      for (const rule of rules(readFileSync(path.join(STOCK, 'button', 'button.wxss'), 'utf8'))) {
        const needed = needs(rule.selector);
        if (needed.every((name) => modifiers.has(name)) && !shipped.has(rule.text)) {
          missing.push(`[${id}] ${rule.selector}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('every token the loaded stylesheets use that TDesign’s theme defines is still defined', () => {
    const names = (file: string) =>
      new Set(customPropertyDefinitions(readFileSync(file, 'utf8')).map((definition) => definition.name));
    const stock = names(path.join(STOCK, 'common', 'style', 'theme', '_index.wxss'));
    const shipped = names(SUBSET_FILES.theme);
    expect(tokens.size).toBeGreaterThan(20);
    expect([...tokens].filter((name) => stock.has(name) && !shipped.has(name))).toEqual([]);
  });
});

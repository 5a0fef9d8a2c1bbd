/** @jest-environment node */
/**
 * TDesign's button stylesheet, subset (scripts/npm-subset/button.ts): which modifier classes
 * the app's buttons can carry, the pruning on fixtures, and the shipped stylesheet against
 * TDesign's. test/npm-subset/rendered.test.ts checks it against every rendered page-state.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { npmSubsetInputs, SUBSET_FILES } from '../../scripts/build';
import {
  BUTTON_PROPS,
  boundValues,
  propModifiers,
  pruneButtonWxss,
  STATE_MODIFIERS,
  tagAttributes,
  unusedModifiers,
} from '../../scripts/npm-subset/button';

const STOCK_DIR = path.resolve(__dirname, '../../node_modules/tdesign-miniprogram/miniprogram_dist/button');
const stock = readFileSync(path.join(STOCK_DIR, 'button.wxss'), 'utf8');

describe('the buttons a WXML file renders', () => {
  it('reads every attribute of the named tags, across lines, with `>` inside {{ }}', () => {
    const wxml = `<view><t-button
        id="a" theme="primary"
        size='large' block loading="{{count > 0}}" bind:tap="go">Go</t-button>
      <my-btn variant="text"/><t-buttons theme="danger"/><t-cell title="x"/></view>`;
    expect(tagAttributes(wxml, new Set(['t-button', 'my-btn']))).toEqual([
      { id: 'a', theme: 'primary', size: 'large', block: '', loading: '{{count > 0}}', 'bind:tap': 'go' },
      { variant: 'text' },
    ]);
  });

  it('counts defaults for missing props, every value for a {{ }} one, ghost when present', () => {
    expect(unusedModifiers([{}])).toEqual([
      'primary',
      'danger',
      'light',
      'outline',
      'dashed',
      'text',
      'square',
      'round',
      'circle',
      'size-extra-small',
      'size-small',
      'size-large',
      'ghost',
    ]);
    const dropped = unusedModifiers([
      { theme: "{{on ? 'light' : 'default'}}", size: 'small', ghost: '' },
      { variant: 'text', shape: '{{shape}}' },
    ]);
    // theme: only the conditional's two literals; shape: any value (not two literals).
    expect(dropped).toEqual(['primary', 'danger', 'outline', 'dashed', 'size-extra-small', 'size-large']);
  });

  it('takes the two results of a conditional between literals, and nothing else as known', () => {
    expect(boundValues("{{favorited ? 'light' : 'default'}}")).toEqual(['light', 'default']);
    expect(boundValues("{{ a && b ? 'base' : 'outline' }}")).toEqual(['base', 'outline']);
    for (const unknown of [
      '{{theme}}',
      "{{a ? theme : 'x'}}",
      "{{a ? 'x' : b ? 'y' : 'z'}}",
      "x {{a ? 'b' : 'c'}}",
    ])
      expect(boundValues(unknown)).toBeNull();
  });
});

describe('button stylesheet pruning (fixtures)', () => {
  const css = `@import '../common/style/index.wxss';.t-button--size-small{height:64rpx;}
.t-button--ghost{color:#fff;}
.t-button--ghost,.t-button--ghost::after,.t-button--text{border:0;}
.t-button__icon+.t-button__content:not(:empty),.t-button:not(.t-button--ghost){margin:0;}
.t-button--ghostly{x:1;}
.t-button--primary.t-button--disabled{opacity:.5;}`;

  it('drops the selectors that need a dropped class, and rules left with none; the rest as it was', () => {
    expect(pruneButtonWxss(css, ['ghost', 'size-small'])).toBe(`@import '../common/style/index.wxss';
.t-button--text{border:0;}
.t-button__icon+.t-button__content:not(:empty),.t-button:not(.t-button--ghost){margin:0;}
.t-button--ghostly{x:1;}
.t-button--primary.t-button--disabled{opacity:.5;}`);
    expect(pruneButtonWxss(css, [])).toBe(css);
  });
});

describe('TDesign’s button (the version installed)', () => {
  it('has no modifier class the subset does not know (a new one needs a look)', () => {
    const modifiers = new Set([...stock.matchAll(/\.t-button--([\w-]+)/g)].map((match) => match[1]));
    const known = new Set<string>([...propModifiers(), ...STATE_MODIFIERS]);
    expect([...modifiers].filter((modifier) => !known.has(modifier))).toEqual([]);
  });

  it('still sets one class per prop the way the subset assumes (button.js setClass)', () => {
    const js = readFileSync(path.join(STOCK_DIR, 'button.js'), 'utf8');
    for (const prop of Object.keys(BUTTON_PROPS) as (keyof typeof BUTTON_PROPS)[]) {
      const modifier = prop === 'size' ? '--size-${' : '--${';
      expect(js).toContain(`${modifier}this.data.${prop}||"${BUTTON_PROPS[prop].fallback}"}`);
    }
    expect(js).toContain('this.data.ghost&&t.push(`${name}--ghost`)');
    const props = readFileSync(path.join(STOCK_DIR, 'type.d.ts'), 'utf8');
    for (const prop of Object.keys(BUTTON_PROPS) as (keyof typeof BUTTON_PROPS)[]) {
      const declared = new RegExp(`\\b${prop}\\?: \\{[^}]*value\\?: ([^;]+);`).exec(props)?.[1] ?? '';
      const values = [...declared.matchAll(/'([\w-]+)'/g)].map((match) => match[1]);
      expect(values.sort()).toEqual([...BUTTON_PROPS[prop].values].sort());
    }
  });
});

describe('the shipped button stylesheet (after npm run build)', () => {
  const shipped = readFileSync(SUBSET_FILES.button, 'utf8');

  it('is what the build makes from today’s WXML', () => {
    const { buttonDropped } = npmSubsetInputs();
    expect(shipped).toBe(pruneButtonWxss(stock, buttonDropped));
  });

  it('keeps the classes the app’s buttons can have and drops some others', () => {
    for (const modifier of [
      'primary',
      'danger',
      'outline',
      'text',
      'size-large',
      'block',
      'disabled',
      'hover',
    ]) {
      expect(shipped).toContain(`.t-button--${modifier}`);
    }
    expect(shipped.length).toBeLessThan(stock.length);
  });
});

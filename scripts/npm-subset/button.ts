/**
 * TDesign's button stylesheet, subset: button.wxss styles every theme × variant × shape ×
 * size × ghost. The button puts one class per prop on itself (button.js setClass:
 * `t-button--${variant}`, `--${theme}`, `--${shape}`, `--size-${size}`, `--ghost`), so a rule
 * naming the class of a value no button can have never applies. Which values a button can
 * have comes from every tag that renders one (the app's `<t-button>`s and any TDesign
 * component's): a literal value counts, a missing attribute is the default, a `{{c ? 'a' :
 * 'b'}}` value counts both literals, and any other `{{…}}` keeps every value of that prop.
 */
import { leafBlocks, splitTopLevel } from './css';

/** The props that pick a modifier class, their values (tdesign-miniprogram 1.16.0) and defaults. */
export const BUTTON_PROPS = {
  theme: { values: ['default', 'primary', 'danger', 'light'], fallback: 'default' },
  variant: { values: ['base', 'outline', 'dashed', 'text'], fallback: 'base' },
  shape: { values: ['rectangle', 'square', 'round', 'circle'], fallback: 'rectangle' },
  size: { values: ['extra-small', 'small', 'medium', 'large'], fallback: 'medium' },
} as const;

type ButtonProp = keyof typeof BUTTON_PROPS;

/** The modifier class (after `t-button--`) a prop value gives. */
export function modifierOf(prop: ButtonProp | 'ghost', value = ''): string {
  if (prop === 'ghost') return 'ghost';
  return prop === 'size' ? `size-${value}` : value;
}

/** Modifiers that follow state rather than a prop's value (always kept). */
export const STATE_MODIFIERS = ['block', 'disabled', 'hover'] as const;

/** Every modifier a button prop can give (what the subset may drop). */
export function propModifiers(): string[] {
  const props = Object.keys(BUTTON_PROPS) as ButtonProp[];
  return [
    ...props.flatMap((prop) => BUTTON_PROPS[prop].values.map((value) => modifierOf(prop, value))),
    'ghost',
  ];
}

/**
 * The attributes of every `<tag …>` in a WXML text whose tag is one of `tags` (a value may
 * hold `>` inside `{{ }}`; a bare attribute is '').
 */
export function tagAttributes(wxml: string, tags: ReadonlySet<string>): Record<string, string>[] {
  const found: Record<string, string>[] = [];
  for (const match of wxml.matchAll(/<([A-Za-z][\w-]*)(?=[\s/>])/g)) {
    if (!tags.has(match[1])) continue;
    const attributes: Record<string, string> = {};
    const attribute = /\s*(?:(\/?>)|([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?)/y;
    attribute.lastIndex = (match.index ?? 0) + match[0].length;
    for (let part = attribute.exec(wxml); part && !part[1]; part = attribute.exec(wxml)) {
      attributes[part[2]] = part[3] ?? part[4] ?? part[5] ?? '';
    }
    found.push(attributes);
  }
  return found;
}

/**
 * The values a bound attribute can take when it is one conditional between two string
 * literals (`{{favorited ? 'light' : 'default'}}`); null for any other expression.
 */
export function boundValues(value: string): string[] | null {
  const choice = /^\s*\{\{[^?{}'"]+\?\s*'([\w-]*)'\s*:\s*'([\w-]*)'\s*\}\}\s*$/.exec(value);
  return choice ? [choice[1], choice[2]] : null;
}

/** The modifiers no button given by `buttons` (their attributes) can carry. */
export function unusedModifiers(buttons: readonly Record<string, string>[]): string[] {
  const used = new Set<string>(STATE_MODIFIERS);
  const props = Object.keys(BUTTON_PROPS) as ButtonProp[];
  for (const attributes of buttons) {
    if ('ghost' in attributes) used.add('ghost');
    for (const prop of props) {
      const value = attributes[prop] ?? BUTTON_PROPS[prop].fallback;
      const values = value.includes('{{')
        ? (boundValues(value) ?? BUTTON_PROPS[prop].values)
        : [value.trim()];
      for (const each of values) used.add(modifierOf(prop, each));
    }
  }
  return propModifiers().filter((modifier) => !used.has(modifier));
}

/**
 * The stylesheet without the selectors that need one of the `dropped` modifier classes (a
 * rule left with none goes); every other byte as it was.
 */
export function pruneButtonWxss(css: string, dropped: readonly string[], prefix = 't-button'): string {
  if (dropped.length === 0) return css;
  const needsDropped = new RegExp(`\\.${prefix}--(?:${dropped.join('|')})(?![\\w-])`);
  let out = '';
  let from = 0;
  for (const block of leafBlocks(css)) {
    const selectors = splitTopLevel(block.preludes[block.preludes.length - 1], ',');
    // A class inside :not() is one the element must lack: such a selector still applies.
    const kept = selectors.filter((selector) => !needsDropped.test(selector.replace(/:not\([^()]*\)/g, '')));
    if (kept.length === selectors.length) continue;
    const before = css.slice(from, block.preludeStart);
    out += kept.length > 0 ? before : before.trimEnd();
    if (kept.length > 0)
      out += `${kept.map((selector) => selector.trim()).join(',')}${css.slice(block.start - 1, block.end + 1)}`;
    from = block.end + 1;
  }
  return out + css.slice(from);
}

/**
 * TDesign's theme tokens, subset: common/style/theme/_index.wxss (imported by app.wxss)
 * defines every --td-* custom property, light and dark. The build keeps only the ones a
 * shipped file names (directly, or through a kept token's value: `var(--td-x)`), and leaves
 * every rule, selector and @media block where it was. Text in, text out.
 */

import { leafBlocks, splitTopLevel } from './css';

const CUSTOM_PROPERTY = /^\s*(--[A-Za-z0-9_-]+)\s*:([\s\S]*)$/;

/** One `--name: value` of a stylesheet, with the blocks it sits in. */
export interface Definition {
  name: string;
  value: string;
  preludes: string[];
}

/** Every custom property the stylesheet defines, in source order. */
export function customPropertyDefinitions(css: string): Definition[] {
  return leafBlocks(css).flatMap((block) =>
    splitTopLevel(css.slice(block.start, block.end), ';').flatMap((declaration) => {
      const match = CUSTOM_PROPERTY.exec(declaration);
      return match ? [{ name: match[1], value: match[2].trim(), preludes: block.preludes }] : [];
    }),
  );
}

const MENTION = /--[A-Za-z_][A-Za-z0-9_-]*/g;

/**
 * The custom property names a file mentions (in `var()`, as an inline style, as a string in
 * code: any mention counts), and the prefixes of names it builds at run time:
 * `'--td-button-' + theme`, `--td-tag-{{size}}`, `` `--td-x-${y}` `` give `--td-button-`... .
 */
export function mentionedNames(text: string): { names: Set<string>; prefixes: Set<string> } {
  const names = new Set<string>();
  const prefixes = new Set<string>();
  for (const match of text.matchAll(MENTION)) {
    const end = (match.index ?? 0) + match[0].length;
    const next = text.slice(end, end + 2);
    if (match[0].endsWith('-') || next === '${' || next === '{{') prefixes.add(match[0]);
    else names.add(match[0]);
  }
  return { names, prefixes };
}

/**
 * The tokens to keep: every defined name that a shipped file mentions or builds (a prefix),
 * and, transitively, every name a kept token's value mentions (in any block).
 */
export function keptTokens(
  definitions: readonly Definition[],
  mentioned: { names: Iterable<string>; prefixes: Iterable<string> },
): Set<string> {
  const valuesOf = new Map<string, string[]>();
  for (const { name, value } of definitions) valuesOf.set(name, [...(valuesOf.get(name) ?? []), value]);
  const prefixes = [...mentioned.prefixes];
  const pending = [
    ...mentioned.names,
    ...[...valuesOf.keys()].filter((name) => prefixes.some((prefix) => name.startsWith(prefix))),
  ];
  const kept = new Set<string>();
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (kept.has(name) || !valuesOf.has(name)) continue;
    kept.add(name);
    for (const value of valuesOf.get(name) ?? []) pending.push(...mentionedNames(value).names);
  }
  return kept;
}

/** The stylesheet without the custom properties `keep` rejects; everything else as it was. */
export function pruneCustomProperties(css: string, keep: (name: string) => boolean): string {
  let out = '';
  let from = 0;
  for (const block of leafBlocks(css)) {
    const declarations = splitTopLevel(css.slice(block.start, block.end), ';').filter((declaration) => {
      const name = CUSTOM_PROPERTY.exec(declaration)?.[1];
      return name === undefined || keep(name);
    });
    out += css.slice(from, block.start) + declarations.join(';');
    from = block.end;
  }
  return out + css.slice(from);
}

/**
 * TDesign's theme file with only the tokens the `texts` (every shipped file but the theme
 * itself) name, directly or through other kept tokens.
 */
export function subsetTheme(
  themeCss: string,
  texts: Iterable<string>,
): { css: string; kept: Set<string>; defined: Set<string> } {
  const names = new Set<string>();
  const prefixes = new Set<string>();
  for (const text of texts) {
    const found = mentionedNames(text);
    found.names.forEach((name) => names.add(name));
    found.prefixes.forEach((prefix) => prefixes.add(prefix));
  }
  const definitions = customPropertyDefinitions(themeCss);
  const kept = keptTokens(definitions, { names, prefixes });
  return {
    css: pruneCustomProperties(themeCss, (name) => kept.has(name)),
    kept,
    defined: new Set(definitions.map((definition) => definition.name)),
  };
}

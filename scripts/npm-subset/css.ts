/**
 * Just enough of a WXSS reader for the subsets: blocks, their preludes (selectors, at-rules)
 * and declarations, with strings and comments skipped. Offsets point into the text, so a
 * subset can cut pieces out and leave every other byte as it was.
 */

/** A declaration block without nested blocks, e.g. `.page,page{…}` inside an @media. */
export interface LeafBlock {
  /** The preludes from the outermost block in: ['@media (prefers-color-scheme:dark)', '.page,page']. */
  preludes: string[];
  /** Where its own prelude starts (after the whitespace before it). */
  preludeStart: number;
  /** The block's content is css.slice(start, end) (between its braces). */
  start: number;
  end: number;
}

/** Where a string or comment that starts at `i` ends (the index after it), or `i` if none does. */
function skipQuoted(css: string, i: number): number {
  if (css.startsWith('/*', i)) {
    const close = css.indexOf('*/', i + 2);
    return close < 0 ? css.length : close + 2;
  }
  const quote = css[i];
  if (quote !== '"' && quote !== "'") return i;
  let j = i + 1;
  while (j < css.length && css[j] !== quote) j += css[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** Every block of `css` that holds declarations only, in source order. */
export function leafBlocks(css: string): LeafBlock[] {
  const open: { prelude: string; preludeStart: number; start: number; nested: boolean }[] = [];
  const leaves: LeafBlock[] = [];
  let boundary = 0;
  for (let i = 0; i < css.length; i += 1) {
    const skipped = skipQuoted(css, i);
    if (skipped > i) {
      i = skipped - 1;
      continue;
    }
    const char = css[i];
    if (char === '{') {
      if (open.length > 0) open[open.length - 1].nested = true;
      const raw = css.slice(boundary, i);
      const preludeStart = boundary + raw.length - raw.trimStart().length;
      open.push({ prelude: raw.trim(), preludeStart, start: i + 1, nested: false });
      boundary = i + 1;
    } else if (char === '}') {
      const block = open.pop();
      if (!block) throw new Error(`unbalanced "}" at offset ${i}`);
      if (!block.nested) {
        const preludes = [...open.map((outer) => outer.prelude), block.prelude];
        leaves.push({ preludes, preludeStart: block.preludeStart, start: block.start, end: i });
      }
      boundary = i + 1;
    } else if (char === ';') {
      boundary = i + 1;
    }
  }
  if (open.length > 0) throw new Error('unbalanced "{"');
  return leaves;
}

/**
 * `text` split at each `separator` outside parentheses, strings and comments: a block's
 * declarations (`;`; a trailing `;` leaves a last ''), a selector list (`,`).
 */
export function splitTopLevel(text: string, separator: ';' | ','): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i += 1) {
    const skipped = skipQuoted(text, i);
    if (skipped > i) {
      i = skipped - 1;
      continue;
    }
    const char = text[i];
    if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    else if (char === separator && depth === 0) {
      parts.push(text.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(text.slice(from));
  return parts;
}

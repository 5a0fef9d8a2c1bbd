/**
 * TDesign icons in the pictures: drawn by the app's own icon font (the build embeds the
 * glyphs the app uses in TDesign's icon stylesheet, see scripts/icon-font), so a picture
 * shows what a phone shows. An icon the font lacks is drawn as a dashed box and reported.
 */

/** Where the font's glyph would be: an inline 1em square that follows text-align. */
const BOX = 'display:inline-block;vertical-align:top;width:1em;height:1em;';

/**
 * CSS for the icons the page's stylesheet has no glyph for (dashed boxes), and their names.
 * `css` is the page's stylesheet (TDesign's icon rules included, classes prefixed).
 */
export function iconCss(
  icons: readonly { className: string; name: string }[],
  css: string,
): { css: string; missing: string[] } {
  const missing: string[] = [];
  const rules: string[] = [];
  for (const { className, name } of icons) {
    if (css.includes(`.${className}:before{content:`)) continue;
    missing.push(name);
    rules.push(
      `.${cssEscape(className)}::before{content:'';${BOX}box-sizing:border-box;border:1px dashed currentColor;}`,
    );
  }
  return { css: rules.join('\n'), missing };
}

/** Enough of CSS.escape for class names simulate produces (letters, digits, -, _). */
function cssEscape(value: string): string {
  return value.replace(/[^a-zA-Z0-9_-]/g, (char) => `\\${char}`);
}

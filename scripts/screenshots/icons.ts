/**
 * TDesign icons offline. `t-icon` draws glyphs of a web font loaded from a remote URL (no
 * npm package ships it); tdesign-icons-svg ships the same icons as SVG files, used here as
 * CSS masks painted with the icon's colour (currentColor), at the icon's font size.
 */
import { existsSync, readFileSync } from 'fs';
import { createRequire } from 'module';
import path from 'path';

const ICONS_DIR = path.join(
  path.dirname(createRequire(__filename).resolve('tdesign-icons-svg/package.json')),
  'src',
);

const cache = new Map<string, string | undefined>();

/** The icon as a data: URL usable in `mask-image`, or undefined when there is no such icon. */
export function iconDataUrl(name: string): string | undefined {
  if (cache.has(name)) return cache.get(name);
  const file = path.join(ICONS_DIR, `${name}.svg`);
  let url: string | undefined;
  if (/^[a-z0-9-]+$/.test(name) && existsSync(file)) {
    const svg = readFileSync(file, 'utf8')
      .replace(/\sview-box=/, ' viewBox=')
      .replace(/\s(width|height|class)="[^"]*"/g, '');
    url = `data:image/svg+xml,${encodeURIComponent(svg)}`;
  }
  cache.set(name, url);
  return url;
}

/** Where the font's glyph would be: an inline 1em square that follows text-align. */
const BOX = 'display:inline-block;vertical-align:top;width:1em;height:1em;';

/** CSS drawing each icon; names without an SVG get a dashed box (and are returned as missing). */
export function iconCss(icons: readonly { className: string; name: string }[]): {
  css: string;
  missing: string[];
} {
  const missing: string[] = [];
  const rules = icons.map(({ className, name }) => {
    const selector = `.${cssEscape(className)}::before`;
    const url = iconDataUrl(name);
    if (!url) {
      missing.push(name);
      return `${selector}{content:'';${BOX}box-sizing:border-box;border:1px dashed currentColor;}`;
    }
    const mask = `url("${url}") center / 100% 100% no-repeat`;
    return `${selector}{content:'';${BOX}background-color:currentColor;-webkit-mask:${mask};mask:${mask};}`;
  });
  return { css: rules.join('\n'), missing };
}

/** Enough of CSS.escape for class names simulate produces (letters, digits, -, _). */
function cssEscape(value: string): string {
  return value.replace(/[^a-zA-Z0-9_-]/g, (char) => `\\${char}`);
}

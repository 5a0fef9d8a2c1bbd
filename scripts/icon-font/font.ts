/**
 * The app's icon font: the TDesign glyphs it uses, made from tdesign-icons-svg (outline.ts),
 * as a WOFF font embedded in TDesign's icon stylesheet. TDesign's own stylesheet loads its
 * ~2,000-glyph font from tdesign.gtimg.com at run time; this one needs no network.
 */
import { readFileSync } from 'fs';
import { createRequire } from 'module';
import path from 'path';
import svg2ttf from 'svg2ttf';
import ttf2woff from 'ttf2woff';
import { shippedIcons } from './icons';
import { iconContours, type Contour } from './outline';

const localRequire = createRequire(__filename);
const SVG_DIR = path.join(path.dirname(localRequire.resolve('tdesign-icons-svg/package.json')), 'src');
/** TDesign's stock stylesheet (the source of the class names and code points). */
export const STOCK_ICON_WXSS = path.resolve(
  __dirname,
  '../../node_modules/tdesign-miniprogram/miniprogram_dist/icon/icon.wxss',
);

const UNITS_PER_EM = 1024;
const GRID = 24;
const GLYPH_RULE = /\.t-icon-([a-z0-9-]+):before\{content:'\\([0-9A-Fa-f]+)';\}\n?/g;
const FONT_FACE = /@font-face\{font-family:t;[^}]*\}/;

/** Icon name → code point, as TDesign's stylesheet assigns them. */
export function stockCodePoints(wxss = readFileSync(STOCK_ICON_WXSS, 'utf8')): Map<string, number> {
  const points = new Map<string, number>();
  for (const match of wxss.matchAll(GLYPH_RULE)) points.set(match[1], parseInt(match[2], 16));
  return points;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** A glyph's contours in font units (y up, baseline at the bottom of the 24-unit grid). */
function glyphPath(contours: Contour[]): string {
  const scale = UNITS_PER_EM / GRID;
  return contours
    .map(
      (contour) =>
        `M${contour.map(([x, y]) => `${round(x * scale)} ${round((GRID - y) * scale)}`).join('L')}Z`,
    )
    .join('');
}

/** The glyphs of `names` as a WOFF font. */
export function iconFont(names: readonly string[], codePoints = stockCodePoints()): Buffer {
  const glyphs = names.map((name) => {
    const point = codePoints.get(name);
    if (point === undefined) throw new Error(`"${name}" is not a TDesign icon`);
    const svg = readFileSync(path.join(SVG_DIR, `${name}.svg`), 'utf8');
    return `<glyph glyph-name="${name}" unicode="&#x${point.toString(16)};" horiz-adv-x="${UNITS_PER_EM}" d="${glyphPath(iconContours(svg))}"/>`;
  });
  const svgFont = `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><defs><font id="t" horiz-adv-x="${UNITS_PER_EM}">
<font-face font-family="t" units-per-em="${UNITS_PER_EM}" ascent="${UNITS_PER_EM}" descent="0"/>
<missing-glyph horiz-adv-x="${UNITS_PER_EM}"/>${glyphs.join('\n')}</font></defs></svg>`;
  // A fixed timestamp: the same icons give the same bytes (a reproducible build).
  const ttf = svg2ttf(svgFont, { ts: 0, version: '1.0' }).buffer;
  return Buffer.from(ttf2woff(new Uint8Array(ttf)).buffer);
}

/** The icon stylesheet the build ships: the glyphs of shippedIcons() (icons.ts). */
export function shippedIconWxss(): string {
  const stock = readFileSync(STOCK_ICON_WXSS, 'utf8');
  const points = stockCodePoints(stock);
  return subsetIconWxss(
    shippedIcons((name) => points.has(name)),
    stock,
  );
}

/**
 * TDesign's icon stylesheet for `names` only: its base rules as they are, the remote
 * @font-face replaced by the embedded font, glyph rules only for the icons used.
 */
export function subsetIconWxss(
  names: readonly string[],
  stock = readFileSync(STOCK_ICON_WXSS, 'utf8'),
): string {
  const wanted = new Set(names);
  const font = iconFont([...wanted].sort(), stockCodePoints(stock)).toString('base64');
  const face = `@font-face{font-family:t;src:url(data:font/woff;base64,${font}) format('woff');font-weight:400;font-style:normal;}`;
  if (!FONT_FACE.test(stock)) throw new Error('TDesign icon.wxss has no @font-face for font-family t');
  return stock
    .replace(FONT_FACE, face)
    .replace(GLYPH_RULE, (rule: string, name: string) => (wanted.has(name) ? rule : ''));
}

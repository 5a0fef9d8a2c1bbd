/**
 * The app's icon font (scripts/icon-font): strokes outlined as a font can fill them, only
 * the icons the app uses, embedded (no network), and nothing shown on any page-state that
 * the font lacks. Also: the shipped package names no third-party host.
 */
import { readFileSync } from 'fs';
import path from 'path';
import { iconFont, shippedIconWxss, stockCodePoints, subsetIconWxss } from '../../scripts/icon-font/font';
import { appIcons, COMPONENT_ICONS, shippedIcons } from '../../scripts/icon-font/icons';
import { flatten, signedArea, strokeOutline, type Contour } from '../../scripts/icon-font/outline';
import { captureState, declaredStates, useSeededRandomness } from '../../scripts/screenshots/capture';
import { shippedFiles } from '../../scripts/size-report';

const points = stockCodePoints();
const isIcon = (name: string) => points.has(name);
const area = (contours: Contour[]) =>
  contours.reduce((sum, contour) => sum + Math.abs(signedArea(contour)) / 2, 0);
const built = path.resolve(__dirname, '../../miniprogram/miniprogram_npm/tdesign-miniprogram/icon/icon.wxss');

describe('stroke outlines', () => {
  it('a straight stroke with square caps reaches half the width past both ends', () => {
    const [bar] = strokeOutline(flatten('M5 12L19 12'), 2);
    const xs = bar.map(([x]) => x);
    const ys = bar.map(([, y]) => y);
    expect([Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]).toEqual([4, 20, 11, 13]);
    expect(area([bar])).toBeCloseTo(32);
  });

  it('a right-angle corner gets a miter; every contour winds the same way (their union is drawn)', () => {
    const contours = strokeOutline(flatten('M4 4L20 4L20 20'), 2);
    expect(contours).toHaveLength(3);
    const corner = contours[2];
    expect(corner).toContainEqual([21, 3]);
    const signs = new Set(contours.map((contour) => Math.sign(signedArea(contour))));
    expect(signs.size).toBe(1);
  });

  it('closed paths have no caps and a join at every vertex; a lone point is a square dot', () => {
    const square = strokeOutline(flatten('M4 4H20V20H4Z'), 2);
    expect(square).toHaveLength(8);
    const [dot] = strokeOutline(flatten('M12 16.5Z'), 2);
    expect(area([dot])).toBeCloseTo(4);
  });

  it('refuses path commands it does not understand instead of drawing them wrong', () => {
    expect(() => flatten('m1 1l2 2')).toThrow(/relative/);
    expect(() => flatten('M1 1A2 2 0 0 1 3 3')).toThrow(/not supported/);
  });
});

describe('the shipped icon font', () => {
  const shipped = shippedIcons(isIcon);

  it('holds what the app names, including both branches of computed names, and TDesign’s own', () => {
    const app = appIcons(isIcon);
    expect(app).toEqual(expect.arrayContaining(['star', 'star-filled', 'user']));
    expect(app).not.toContain('none'); // wx.showToast's icon, not a glyph
    expect(shipped).toEqual(expect.arrayContaining([...app, 'chevron-right', 'check-circle']));
    for (const name of shipped) expect(points.has(name)).toBe(true);
  });

  it('has an entry for every TDesign component the pages reach (a new component needs a look)', () => {
    const components = [...shippedFiles().components]
      .map((base) => /miniprogram_npm\/tdesign-miniprogram\/([a-z-]+)\/[a-z-]+$/.exec(base)?.[1])
      .filter((name): name is string => Boolean(name));
    expect(components.length).toBeGreaterThan(5);
    expect(components.filter((name) => !(name in COMPONENT_ICONS))).toEqual([]);
  });

  it('is a WOFF of a few KB, embedded: no URL is left in the stylesheet', () => {
    const font = iconFont(shipped, points);
    expect(font.subarray(0, 4).toString('latin1')).toBe('wOFF');
    expect(font.length).toBeLessThan(12 * 1024);
    const wxss = shippedIconWxss();
    expect(wxss).not.toMatch(/https?:\/\//);
    expect(wxss).toContain('url(data:font/woff;base64,');
    const glyphRules = [...wxss.matchAll(/\.t-icon-([a-z0-9-]+):before/g)].map((match) => match[1]);
    expect(glyphRules.sort()).toEqual([...shipped].sort());
    expect(readFileSync(built, 'utf8')).toBe(wxss);
  });

  it('keeps TDesign’s class names and code points, so t-icon works unchanged', () => {
    const wxss = subsetIconWxss(['star']);
    expect(wxss).toContain(
      `.t-icon-star:before{content:'\\E${points.get('star')!.toString(16).slice(1).toUpperCase()}';}`,
    );
    expect(wxss).toContain('.t-icon-base{');
    expect(() => iconFont(['not-an-icon'])).toThrow(/not a TDesign icon/);
  });

  it('shows every icon a page-state draws (all declared states rendered)', async () => {
    useSeededRandomness();
    const drawn = new Set<string>();
    for (const state of declaredStates()) {
      const capture = await captureState(state);
      for (const icon of capture.icons) drawn.add(icon.name);
    }
    expect(drawn.size).toBeGreaterThan(3);
    expect([...drawn].filter((name) => !shipped.includes(name))).toEqual([]);
  }, 240_000);
});

describe('the shipped package', () => {
  // WeChat's own hosts (docs, APIs), the local dev runtime the app is configured for, and
  // one text that is never fetched (MobX's error messages point at its source).
  const ALLOWED = [
    /^https?:\/\/([a-z0-9-]+\.)*(weixin\.qq\.com|servicewechat\.com|wxaurl\.cn)(\/|$)/,
    /^http:\/\/127\.0\.0\.1:\d+/,
    /^https:\/\/github\.com\/mobxjs\/mobx\/blob\/main\/packages\/mobx\/src\/errors\.ts$/,
  ];

  it('names no third-party host (no icon font, image or script from a CDN)', () => {
    const found: string[] = [];
    for (const file of shippedFiles().files) {
      if (file.endsWith('.map')) continue;
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/https?:\/\/[^\s"'`)<>\\]+/g)) {
        if (!ALLOWED.some((pattern) => pattern.test(match[0]))) {
          found.push(`${path.relative(path.resolve(__dirname, '../..'), file)}: ${match[0]}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});

/**
 * npm run tab-icons: draws the tabBar icons (miniprogram/assets/tabbar/*.png, 81x81 as
 * WeChat recommends) from TDesign's SVG icons with headless Chromium, stored as indexed
 * PNGs. The PNGs are committed; run this again only to change an icon or a colour
 * (theme.json picks the light or dark selected icon).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';
import { decodePng, encodeIndexedRgbaPng } from './screenshots/png';

const SIZE = 81;
const out = path.resolve(__dirname, '../miniprogram/assets/tabbar');
const svgDir = path.dirname(createRequire(__filename).resolve('tdesign-icons-svg/src/home.svg'));

/** name -> [icon, colour] (grey for normal, brand blue for selected, lighter blue in dark mode). */
const ICONS: Record<string, [string, string]> = {
  home: ['home', '#8c8c8c'],
  'home-active': ['home-filled', '#0052d9'],
  'home-active-dark': ['home-filled', '#4582e6'],
  mine: ['user', '#8c8c8c'],
  'mine-active': ['user-filled', '#0052d9'],
  'mine-active-dark': ['user-filled', '#4582e6'],
};

function svg(icon: string, color: string): string {
  return readFileSync(path.join(svgDir, `${icon}.svg`), 'utf8')
    .replace('view-box=', 'viewBox=')
    .replace('width="1em" height="1em"', `width="${SIZE - 12}" height="${SIZE - 12}"`)
    .replace('<svg ', `<svg style="color:${color}" `);
}

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', ...CHROMIUM_ARGS],
  });
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
    for (const [name, [icon, color]] of Object.entries(ICONS)) {
      await page.setContent(
        `<body style="margin:0;display:flex;align-items:center;justify-content:center;width:${SIZE}px;height:${SIZE}px">${svg(icon, color)}</body>`,
      );
      const shot = await page.screenshot({ omitBackground: true });
      // An indexed PNG with transparency holds the same pixels in about half the bytes (the
      // icons are in the main package); a browser screenshot is 32-bit RGBA.
      writeFileSync(path.join(out, `${name}.png`), encodeIndexedRgbaPng(decodePng(shot)) ?? shot);
    }
  } finally {
    await browser.close();
  }
  console.info(`tabBar icons -> ${path.relative(process.cwd(), out)} (${Object.keys(ICONS).length} files)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

/**
 * npm run size:bench — what the icon font saves, measured in one run (not a test): the main
 * package of these pages as built (TDesign's icon stylesheet holding only the icons used,
 * in an embedded font) beside the same pages with TDesign's stock icon stylesheet (every
 * glyph class, and the font fetched from TDesign's CDN at run time, not counted here).
 */
import { readFileSync, statSync } from 'fs';
import path from 'path';
import { STOCK_ICON_WXSS } from './icon-font/font';
import { measure } from './size-report';

const shipped = path.resolve(__dirname, '../miniprogram/miniprogram_npm/tdesign-miniprogram/icon/icon.wxss');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const ours = measure();
const stock = measure((file) => statSync(file === shipped ? STOCK_ICON_WXSS : file).size);
const remote = /url\(https?:/.test(readFileSync(STOCK_ICON_WXSS, 'utf8'));

const rows: [string, string, string][] = [
  ['main package', kb(ours.total), kb(stock.total)],
  [
    'tdesign-miniprogram bytes shipped',
    kb(ours.npm.get('tdesign-miniprogram') ?? 0),
    kb(stock.npm.get('tdesign-miniprogram') ?? 0),
  ],
  ['icon/icon.wxss', kb(statSync(shipped).size), kb(statSync(STOCK_ICON_WXSS).size)],
  ['icon font', 'embedded (no network)', remote ? "TDesign's CDN at run time" : 'embedded'],
];
console.info('size:bench — the same pages, two icon stylesheets');
console.info(`  ${''.padEnd(36)} ${'this app'.padEnd(24)} stock TDesign icon`);
for (const [label, a, b] of rows) console.info(`  ${label.padEnd(36)} ${a.padEnd(24)} ${b}`);
console.info(`  saved: ${kb(stock.total - ours.total)} of the main package`);

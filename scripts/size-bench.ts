/**
 * npm run size:bench — what the icon font saves, measured on WeChat's compiled output in
 * one run (not a test). Two compiles side by side (miniprogram-ci getCompiledResult, as
 * `npm run size` does): this project as built (TDesign's icon stylesheet holding only
 * the icons used, in an embedded font), and a temporary copy with TDesign's stock icon
 * component from node_modules/tdesign-miniprogram/miniprogram_dist/icon/ (every glyph
 * class; its font is fetched from TDesign's CDN at run time, not counted here).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listFiles, miniprogramRoot, readProjectConfig, toPosix } from './check-wechat/project';
import { type SizeReport, kb, sizeReport } from './size-report';

const PROJECT_DIR = path.resolve(__dirname, '..');
export const STOCK_ICON_DIR = path.join(
  PROJECT_DIR,
  'node_modules/tdesign-miniprogram/miniprogram_dist/icon',
);
const ICON_DIR = 'miniprogram_npm/tdesign-miniprogram/icon';
const ICON_WXSS = `${ICON_DIR}/icon.wxss`;

/**
 * A copy of the project for WeChat's compile (project.config.json and the miniprogram
 * root with its miniprogram_npm) with TDesign's stock icon component in every
 * miniprogram_npm/tdesign-miniprogram/icon folder. Returns the copied icon folders.
 */
export function stockIconCopy(projectDir: string, dir: string, stockIconDir = STOCK_ICON_DIR): string[] {
  mkdirSync(dir, { recursive: true });
  for (const name of ['project.config.json', 'tsconfig.json', 'package.json']) {
    if (existsSync(path.join(projectDir, name))) cpSync(path.join(projectDir, name), path.join(dir, name));
  }
  const mpRoot = miniprogramRoot(projectDir, readProjectConfig(projectDir));
  const copyRoot = path.join(dir, path.relative(projectDir, mpRoot));
  cpSync(mpRoot, copyRoot, { recursive: true, filter: (source) => path.basename(source) !== 'node_modules' });
  const iconDirs = [
    ...new Set(
      listFiles(copyRoot)
        .map((file) => toPosix(path.relative(copyRoot, path.dirname(file))))
        .filter((folder) => folder === ICON_DIR || folder.endsWith(`/${ICON_DIR}`)),
    ),
  ];
  for (const folder of iconDirs) {
    rmSync(path.join(copyRoot, folder), { recursive: true, force: true });
    cpSync(stockIconDir, path.join(copyRoot, folder), { recursive: true });
  }
  return iconDirs;
}

const total = (report: SizeReport, name: string) =>
  report.packages.reduce(
    (sum, pkg) =>
      sum + pkg.contributors.filter((part) => part.name === name).reduce((s, part) => s + part.bytes, 0),
    0,
  );
const iconWxss = (report: SizeReport) =>
  report.packages.reduce(
    (sum, pkg) =>
      sum +
      pkg.compiled
        .filter((file) => `/${file.file}`.endsWith(`/${ICON_WXSS}`))
        .reduce((s, f) => s + f.bytes, 0),
    0,
  );

async function main(): Promise<number> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'size-bench-'));
  try {
    const copyDir = path.join(scratch, 'stock-icon');
    const swapped = stockIconCopy(PROJECT_DIR, copyDir);
    if (!swapped.length) throw new Error(`no ${ICON_DIR} in the project: run \`npm run build\` first`);
    console.info(
      'size:bench — compiling this project and a copy with the stock TDesign icon (two WeChat compiles)...',
    );
    const [ours, stock] = await Promise.all([sizeReport(PROJECT_DIR), sizeReport(copyDir)]);
    const remote = /url\(\s*["']?https?:/.test(readFileSync(path.join(STOCK_ICON_DIR, 'icon.wxss'), 'utf8'));
    const ourIcon = iconWxss(ours);
    const stockIcon = iconWxss(stock);
    const diff = (a: number, b: number) => `${b - a >= 0 ? '+' : '-'}${kb(Math.abs(b - a))}`;
    const rows: [string, string, string, string][] = [
      [
        'main package',
        kb(ours.packages[0].bytes),
        kb(stock.packages[0].bytes),
        diff(ours.packages[0].bytes, stock.packages[0].bytes),
      ],
      [
        'tdesign-miniprogram (all packages)',
        kb(total(ours, 'npm tdesign-miniprogram')),
        kb(total(stock, 'npm tdesign-miniprogram')),
        diff(total(ours, 'npm tdesign-miniprogram'), total(stock, 'npm tdesign-miniprogram')),
      ],
      ['icon/icon.wxss (compiled)', kb(ourIcon), kb(stockIcon), diff(ourIcon, stockIcon)],
      ['icon font', 'embedded (no network)', remote ? "TDesign's CDN at run time" : 'embedded', ''],
    ];
    console.info('size:bench — the same pages, compiled by WeChat, two icon components');
    console.info(`  ${''.padEnd(36)} ${'this app'.padEnd(24)} ${'stock TDesign icon'.padEnd(26)} difference`);
    for (const [label, a, b, d] of rows)
      console.info(`  ${label.padEnd(36)} ${a.padEnd(24)} ${b.padEnd(26)} ${d}`);
    console.info(
      `  the icon font saves ${kb(stock.packages[0].bytes - ours.packages[0].bytes)} of the main package ` +
        `(${ours.budget / 1024} KB budget)`,
    );
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (path.resolve(process.argv[1] ?? '') === __filename) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`size:bench could not run: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    },
  );
}

/**
 * The accessibility check behind `npm run a11y [-- options]` (index.ts is the command).
 *
 * Checks every declared page-state (test/pages/*.states.ts), in the light and the dark
 * theme, in headless Chromium: axe-core on the page as the screenshot pipeline draws it,
 * with the WXML's aria-* attributes and WeChat's native roles on the DOM
 * (scripts/screenshots/a11y-attrs.ts), plus the project's checks (page-checks.ts). Prints
 * one row per page-state and theme, then every violation; exits 1 when there is any.
 *
 *   --captures <dir>   use an existing capture (`npm run screenshots` leaves one in
 *                      screenshots/.capture; CI runs this right after the screenshot check)
 *   --only <part>      only states whose id or route contains <part> (repeat or comma-separate)
 *
 * Rules (each a column of the table):
 *   names     interactive elements have an accessible name
 *   roles     tappable elements have a role; roles, states and aria-* are valid and complete
 *   contrast  text 4.5:1 (3:1 from 18.66 px bold / 24 px), meaningful icons and checkbox
 *             outlines 3:1; the tabBar's labels (theme.json colours) too
 *   images    images have a text alternative (or are hidden from screen readers)
 *   targets   every tap target is at least 44×44 CSS px
 */
import { existsSync, readFileSync, rmSync } from 'fs';
import path from 'path';
import { parseArgs } from 'util';
import axe from 'axe-core';
import { chromium, type Frame, type Page } from 'playwright-core';
import { projectRoot, readAppConfig, type Theme } from '../screenshots/app-config';
import { CHROMIUM_ARGS, chromiumPath, hasChromium } from '../chromium';
import { composeDocument, VIEWPORT } from '../screenshots/compose';
import { MANIFEST, type Capture, type CaptureManifest } from '../screenshots/model';
import { runNodeCli } from '../screenshots/node-process';
import { projectChecks, type PageFinding } from './page-checks';

export const MIN_TARGET = 44;

const COLUMNS = ['names', 'roles', 'contrast', 'images', 'targets'] as const;
type Column = (typeof COLUMNS)[number];

/** The axe-core rules run, by column. */
export const AXE_RULES: Record<Exclude<Column, 'targets'>, string[]> = {
  names: [
    'button-name',
    'link-name',
    'aria-command-name',
    'aria-input-field-name',
    'aria-toggle-field-name',
    'input-button-name',
    'label',
    'select-name',
    'aria-progressbar-name',
    'aria-meter-name',
    'aria-tooltip-name',
    'aria-dialog-name',
  ],
  roles: [
    'aria-roles',
    'aria-allowed-role',
    'aria-required-attr',
    'aria-required-children',
    'aria-required-parent',
    'aria-valid-attr',
    'aria-valid-attr-value',
    'aria-allowed-attr',
    'aria-prohibited-attr',
    'aria-hidden-focus',
    'nested-interactive',
    'presentation-role-conflict',
  ],
  contrast: ['color-contrast'],
  images: ['image-alt', 'role-img-alt', 'svg-img-alt', 'input-image-alt', 'object-alt', 'area-alt'],
};

const PROJECT_COLUMN: Record<PageFinding['rule'], Column> = {
  'tap-target-size': 'targets',
  'tappable-role': 'roles',
  'icon-contrast': 'contrast',
};

export interface Violation {
  column: Column;
  rule: string;
  target: string;
  detail: string;
}

interface AxeNode {
  target: unknown[];
  html: string;
  any: { data?: unknown; message?: string }[];
  all: { message?: string }[];
  none: { message?: string }[];
}

interface AxeOutcome {
  violations: { id: string; help: string; nodes: AxeNode[] }[];
}

const columnOf = (rule: string): Column =>
  (Object.entries(AXE_RULES).find(([, rules]) => rules.includes(rule))?.[0] as Column | undefined) ?? 'roles';

function describeNode(node: AxeNode): string {
  const id = /\sid="([^"]+)"/.exec(node.html)?.[1];
  const label = /\saria-label="([^"]*)"/.exec(node.html)?.[1];
  const where = id ? `#${id}` : String(node.target.at(-1) ?? '').replace(/\.[\w-]*?--/g, '.');
  return label ? `${where} “${label}”` : where.slice(0, 80);
}

function detailOf(node: AxeNode, help: string): string {
  const data = node.any.find((check) => check.data && typeof check.data === 'object')?.data as
    | { contrastRatio?: number; expectedContrastRatio?: string; fgColor?: string; bgColor?: string }
    | undefined;
  if (data?.contrastRatio !== undefined) {
    return `${data.contrastRatio}:1 < ${data.expectedContrastRatio} (${data.fgColor} on ${data.bgColor})`;
  }
  return help;
}

/**
 * Violations that cannot be fixed from the app, each with its reason (printed, not counted).
 * Keep this list short: every entry is something a screen-reader user meets.
 */
export const ALLOWED: { rule: string; html: RegExp; reason: string }[] = [
  {
    rule: 'aria-input-field-name',
    html: /t-stepper__input/,
    reason:
      "TDesign 1.16's t-stepper gives its number field no label and takes none; the cell title (有效天数) is read just before it",
  },
];

const allowed: string[] = [];

async function runAxe(frame: Frame, context: unknown, rules: string[]): Promise<Violation[]> {
  const outcome = (await frame.evaluate(
    ([ctx, values]) =>
      (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<unknown> } }).axe.run(ctx, {
        runOnly: { type: 'rule', values },
        resultTypes: ['violations'],
      }),
    [context, rules] as const,
  )) as AxeOutcome;
  return outcome.violations.flatMap((violation) =>
    violation.nodes
      .filter((node) => {
        const exception = ALLOWED.find((entry) => entry.rule === violation.id && entry.html.test(node.html));
        if (exception) allowed.push(`${violation.id}: ${describeNode(node)} — ${exception.reason}`);
        return !exception;
      })
      .map((node) => ({
        column: columnOf(violation.id),
        rule: violation.id,
        target: describeNode(node),
        detail: detailOf(node, violation.help),
      })),
  );
}

/** Every violation on one page-state in one theme. */
export async function checkPage(page: Page, capture: Capture, theme: Theme): Promise<Violation[]> {
  const composed = composeDocument({ ...capture, theme, native: undefined }, readAppConfig());
  await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
  await page.setContent(composed.html, { waitUntil: 'load' });
  const webview = page.frames().find((frame) => frame !== page.mainFrame());
  if (!webview) throw new Error(`${capture.id}: no webview frame`);
  for (const frame of page.frames()) {
    await frame.evaluate(() => document.fonts.ready.then(() => undefined));
    await frame.addScriptTag({ content: `${axe.source}\nwindow.__name = (f) => f;` });
  }
  const all = Object.values(AXE_RULES).flat();
  const violations = await runAxe(webview, { exclude: [['[aria-hidden="true"]']] }, all);
  // The tabBar WeChat draws with theme.json's colours.
  if (await page.$('.tab-bar')) {
    violations.push(...(await runAxe(page.mainFrame(), { include: [['.tab-bar']] }, AXE_RULES.contrast)));
  }
  const findings = await webview.evaluate(projectChecks, MIN_TARGET);
  violations.push(
    ...findings.map((finding) => ({
      column: PROJECT_COLUMN[finding.rule],
      rule: finding.rule,
      target: finding.target,
      detail: finding.detail,
    })),
  );
  return violations;
}

export interface Row {
  id: string;
  theme: Theme;
  violations: Violation[];
}

/** The table: one row per page-state and theme, one column per rule, then the details. */
export function formatReport(rows: readonly Row[]): string {
  const header = ['page-state', 'theme', ...COLUMNS, 'total'];
  const cells = rows.map((row) => [
    row.id,
    row.theme,
    ...COLUMNS.map((column) => String(row.violations.filter((v) => v.column === column).length)),
    String(row.violations.length),
  ]);
  const totals = COLUMNS.map((column) =>
    String(rows.reduce((sum, row) => sum + row.violations.filter((v) => v.column === column).length, 0)),
  );
  cells.push(['all', '', ...totals, String(rows.reduce((sum, row) => sum + row.violations.length, 0))]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((cell) => cell[i].length)));
  const line = (cell: string[]) =>
    `| ${cell.map((text, i) => (i < 2 ? text.padEnd(widths[i]) : text.padStart(widths[i]))).join(' | ')} |`;
  const lines = [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)];
  for (const row of rows) {
    for (const v of row.violations)
      lines.push(`  ${row.id} (${row.theme}) ${v.rule}: ${v.target} — ${v.detail}`);
  }
  return lines.join('\n');
}

function parseOptions(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      captures: { type: 'string' },
      only: { type: 'string', multiple: true, default: [] },
    },
    strict: true,
  });
  return {
    captures: values.captures ? path.resolve(values.captures) : undefined,
    only: values.only.flatMap((part) => part.split(',')).filter(Boolean),
  };
}

async function capture(dir: string, only: string[]): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  const result = await runNodeCli(
    'jest/bin/jest',
    ['--config', path.join(projectRoot, 'scripts/screenshots/jest.config.js'), '--ci', '--silent'],
    { ...process.env, TZ: 'Asia/Shanghai', SCREENSHOTS_CAPTURE_DIR: dir, SCREENSHOTS_ONLY: only.join(',') },
  );
  if (result.code !== 0) console.error(result.output.trim());
}

export async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  if (!hasChromium()) {
    console.error(`a11y: no Chromium at ${chromiumPath()}: run \`bash scripts/screenshots/setup.sh\``);
    return 2;
  }
  const dir = options.captures ?? path.join(projectRoot, 'screenshots', '.a11y-capture');
  if (!options.captures || !existsSync(path.join(dir, MANIFEST))) await capture(dir, options.only);
  const manifest = JSON.parse(readFileSync(path.join(dir, MANIFEST), 'utf8')) as CaptureManifest;
  const captures = manifest.captures.filter(
    (c) =>
      options.only.length === 0 || options.only.some((part) => c.id.includes(part) || c.route.includes(part)),
  );

  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const rows: Row[] = [];
  try {
    const context = await browser.newContext({
      viewport: { width: VIEWPORT.width, height: VIEWPORT.height },
      deviceScaleFactor: 1,
      locale: 'zh-CN',
    });
    await context.route(/^https?:/, (route) => route.abort());
    const page = await context.newPage();
    for (const item of captures) {
      for (const theme of ['light', 'dark'] as const) {
        rows.push({ id: item.id, theme, violations: await checkPage(page, item, theme) });
      }
    }
  } finally {
    await browser.close();
  }
  console.info(formatReport(rows));
  for (const line of new Set(allowed)) console.info(`  allowed  ${line}`);
  const total = rows.reduce((sum, row) => sum + row.violations.length, 0);
  const failed = manifest.failures.length;
  for (const failure of manifest.failures) console.error(`a11y: capture failed: ${failure}`);
  console.info(
    `a11y: ${captures.length} page-states × 2 themes, axe-core ${axe.version}: ${total} violation${total === 1 ? '' : 's'}`,
  );
  return total > 0 || failed > 0 || captures.length === 0 ? 1 : 0;
}

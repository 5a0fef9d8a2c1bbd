/** @jest-environment node */
/**
 * The accessibility check's own rules (scripts/a11y/page-checks.ts) and its report, in
 * headless Chromium on small pages built to break one rule each. The full check over every
 * page-state is `npm run a11y` (run by .ci/run).
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { formatReport, MIN_TARGET } from '../../scripts/a11y/check';
import { projectChecks, type PageFinding } from '../../scripts/a11y/page-checks';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium';
import { assertChromium, describeInBrowser } from '../support/browser';

const ICON = '<label class="t-icon--t-icon-star t-icon--t-icon-base"></label>';
const STYLE = `<style>
  body { margin: 0; background: #fff; font: 14px sans-serif; }
  [class*="t-icon-base"]::before { content: ''; display: inline-block; width: 22px; height: 22px; background-color: currentColor; }
  .star { display: inline-block; padding: 8px; line-height: 0; }
  .tap-target { position: relative; }
  .tap-target::after { content: ''; position: absolute; left: calc(50% - 22px); top: calc(50% - 22px); width: 44px; height: 44px; }
  .scaled::after { content: ''; position: absolute; left: 0; top: 0; width: 200%; height: 200%; transform: scale(0.5); }
</style>`;

describeInBrowser('a11y page checks')('a11y page checks', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    assertChromium();
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 375, height: 812 } });
  }, 30000);

  afterAll(async () => {
    await browser?.close();
  });

  const check = async (body: string): Promise<PageFinding[]> => {
    await page.setContent(`<!doctype html><html><head>${STYLE}</head><body>${body}</body></html>`);
    return page.evaluate(projectChecks, MIN_TARGET);
  };

  it('finds a small icon button without a role, and a grey icon', async () => {
    const findings = await check(`<div id="star" class="star" data-tap style="color:#999">${ICON}</div>`);
    expect(findings.map((finding) => finding.rule).sort()).toEqual([
      'icon-contrast',
      'tap-target-size',
      'tappable-role',
    ]);
    expect(findings.find((finding) => finding.rule === 'tap-target-size')?.detail).toBe('38×38 px');
    expect(findings.find((finding) => finding.rule === 'icon-contrast')?.detail).toBe('2.85:1');
  });

  it('accepts the same icon with a role, a 44×44 hit area around it and readable colour', async () => {
    const body = `<div id="star" class="star tap-target" data-tap role="button" aria-label="收藏《标题》" style="color:#6b6b6b">${ICON}</div>`;
    expect(await check(body)).toEqual([]);
  });

  it('does not count a scaled ::after (WeChat draws button borders that way) as a hit area', async () => {
    const findings = await check(
      '<div class="scaled" role="button" style="position:relative;width:52px;height:32px">登录</div>',
    );
    expect(findings).toEqual([expect.objectContaining({ rule: 'tap-target-size', detail: '52×32 px' })]);
  });

  it('skips what is hidden from screen readers, and finds a faint checkbox outline', async () => {
    expect(await check(`<div aria-hidden="true"><div class="star" data-tap>${ICON}</div></div>`)).toEqual([]);
    const findings = await check(
      '<div role="checkbox" aria-checked="false" style="width:120px;height:44px">' +
        '<div class="t-checkbox__icon-circle" style="width:18px;height:18px;border:2px solid #dcdcdc"></div>我已阅读</div>',
    );
    expect(findings).toEqual([expect.objectContaining({ rule: 'icon-contrast' })]);
  });
});

describe('a11y report', () => {
  it('prints one row per page-state and theme, a total, then each violation', () => {
    const report = formatReport([
      { id: 'home--guest', theme: 'light', violations: [] },
      {
        id: 'home--guest',
        theme: 'dark',
        violations: [{ column: 'targets', rule: 'tap-target-size', target: '#star', detail: '38×38 px' }],
      },
    ]);
    const lines = report.split('\n');
    expect(lines[0]).toMatch(/page-state .*names .*roles .*contrast .*images .*targets .*total/);
    expect(lines[2]).toMatch(/home--guest .*light .*\| +0 \|$/);
    expect(lines[3]).toMatch(/home--guest .*dark .*\| +1 \| +1 \|$/);
    expect(lines[4]).toMatch(/^\| all .*\| +1 \|$/);
    expect(lines[5]).toBe('  home--guest (dark) tap-target-size: #star — 38×38 px');
  });
});

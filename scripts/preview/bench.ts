/**
 * npm run preview:bench — figures of the live preview on this machine (not a test):
 *   - boot: starting the preview server until an app instance is booted and waiting;
 *   - first paint: opening the preview in Chromium until the home page is drawn;
 *   - tap round trip: a tap on the home page until the frame it caused is drawn
 *     (median and p95 over --taps taps, alternating 收藏 → login sheet and 暂不登录).
 * Uses an in-memory LocalCloud and Debian's Chromium (bash scripts/screenshots/setup.sh).
 */
import { parseArgs } from 'util';
import { runInBrowser } from './in-browser';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const ms = (value: number) => `${value.toFixed(1)} ms`;

/**
 * Runs in the page (as source text: the bundler's helpers do not exist there): clicks the
 * webview element matching `selector` (and containing `text`), resolves with the ms until
 * the next frame is drawn.
 */
const TAP_IN_PAGE = `(selector, text) => {
  const state = window.__preview;
  const doc = document.getElementById('webview').contentDocument;
  const target = Array.from(doc.querySelectorAll(selector)).find((element) => element.textContent.includes(text));
  if (!target) return Promise.reject(new Error('nothing matches ' + selector + ' ' + text));
  const before = state.seq;
  const started = performance.now();
  target.click();
  return new Promise((resolve, reject) => {
    const check = () => {
      if (state.seq > before) requestAnimationFrame(() => resolve(performance.now() - started));
      else if (performance.now() - started > 5000) reject(new Error('no frame after the tap'));
      else setTimeout(check, 1);
    };
    check();
  });
}`;

const tapInPage = (selector: string, text = '') =>
  `(${TAP_IN_PAGE})(${JSON.stringify(selector)}, ${JSON.stringify(text)})`;

runInBrowser('preview:bench', async ({ preview, browser, bootMs: boot }) => {
  const { values } = parseArgs({ options: { taps: { type: 'string', default: '100' } } });
  const taps = Number(values.taps);
  const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  const opened = Date.now();
  await page.goto(preview.url);
  const webview = page.frameLocator('#webview');
  await webview.locator('#star-guest-first').waitFor();
  const firstPaint = Date.now() - opened;
  const times: number[] = [];
  for (let i = 0; i < taps; i += 1) {
    const open = i % 2 === 0;
    if (!open) await webview.locator('wx-button', { hasText: '暂不登录' }).waitFor();
    const tap = open ? tapInPage('#star-guest-first') : tapInPage('wx-button', '暂不登录');
    times.push(await page.evaluate<number>(tap));
    // Let the sheet's state settle (the app ignores taps while it animates, like a phone).
    await page.waitForTimeout(open ? 60 : 120);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.info(`preview:bench (in-memory LocalCloud, ${taps} taps)`);
  console.info(`  boot (server start → app instance ready)   ${ms(boot)}`);
  console.info(`  first paint (open page → home drawn)        ${ms(firstPaint)}`);
  console.info(`  first paint after server start              ${ms(boot + firstPaint)}`);
  console.info(
    `  tap round trip: median ${ms(percentile(sorted, 50))}, p95 ${ms(percentile(sorted, 95))}, max ${ms(sorted.at(-1) ?? 0)}`,
  );
  return 0;
});

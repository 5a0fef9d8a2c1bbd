/**
 * npm run preview:picture — the README's picture of the live preview (docs/preview.png):
 * the preview page in Chromium after a new user saved an article (the phone, the side
 * panel, the call log). Uses an in-memory LocalCloud and Debian's Chromium.
 */
import path from 'path';
import { REPO_ROOT } from '../local-cloud';
import { runInBrowser } from './in-browser';

const OUTPUT = path.join(REPO_ROOT, 'docs', 'preview.png');

runInBrowser('preview:picture', async ({ preview, browser }) => {
  const page = await browser.newPage({ viewport: { width: 760, height: 870 } });
  await page.goto(preview.url);
  const webview = page.frameLocator('#webview');
  await webview.locator('#star-guest-first').click({ timeout: 60_000 });
  await webview.locator('[role="checkbox"]', { hasText: '我已阅读并同意' }).click();
  await webview.locator('wx-button', { hasText: '微信登录' }).click();
  await page.waitForFunction(() => {
    const doc = (document.getElementById('webview') as HTMLIFrameElement).contentDocument;
    return Boolean(doc?.querySelector('#star-guest-first')?.className.includes('star--on'));
  });
  // Past the "已收藏" toast: the picture shows the page itself.
  await page.waitForTimeout(2000);
  await page.screenshot({ path: OUTPUT });
  console.info(`preview picture -> ${path.relative(REPO_ROOT, OUTPUT)}`);
  return 0;
});

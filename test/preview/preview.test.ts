/** @jest-environment node */
/**
 * The live preview (`npm start`) in headless Chromium: the preview server on a free port
 * with an in-memory LocalCloud, the app running in a worker thread per tab, the page drawn
 * and driven through the browser like a user would.
 *
 * Needs /usr/bin/chromium (bash scripts/screenshots/setup.sh) or CHROMIUM_PATH. Without it
 * the tests are skipped, unless REQUIRE_BROWSER=1 (CI), which makes them fail.
 */
import { request as httpRequest } from 'http';
import { chromium, type Browser } from 'playwright-core';
import { LocalCloud } from '../../scripts/local-cloud';
import { startPreview, type RunningPreview } from '../../scripts/preview/server';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium';
import { assertChromium, describeInBrowser } from '../support/browser';
import {
  button,
  favouriteAsNewUser,
  FIRST,
  openPreview,
  SECOND,
  starIsOn,
  waitForStar,
  tickAgreement,
} from './support';

// Booting an app instance compiles every page (a few seconds, more on a busy machine).
jest.setTimeout(120_000);

/** A raw request to the preview with chosen headers: the status code. */
function statusOf(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url}/health`, { headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

describeInBrowser('live preview tests')('live preview (headless Chromium)', () => {
  let browser: Browser;
  let cloud: LocalCloud;
  let preview: RunningPreview;

  beforeAll(async () => {
    assertChromium();
    cloud = new LocalCloud({ load: 'source' });
    preview = await startPreview({ cloud, port: 0, spares: 1, log: () => undefined });
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    cloud?.close();
  });

  it('a guest taps 收藏, the sheet says why, agrees, logs in: saved, and still saved after a reload', async () => {
    const context = await browser.newContext();
    try {
      const tab = await openPreview(context, preview.url);
      const { page, webview } = tab;
      expect(await webview.locator('body').innerText()).toContain('先浏览，再登录');
      expect(await page.locator('.nav-title').innerText()).toBe('首页');
      expect(await page.locator('.tab-item').allInnerTexts()).toEqual(['首页', '我的']);

      await webview.locator(FIRST).click();
      await button(webview, '微信登录').waitFor();
      expect(await webview.locator('body').innerText()).toContain('登录后即可收藏文章');
      // Without the agreement the panel says what is missing instead of logging in.
      await button(webview, '微信登录').click();
      await webview.getByText('请先阅读并勾选同意').waitFor();
      await tickAgreement(webview);
      await button(webview, '微信登录').click();
      await waitForStar(page, FIRST, true);
      expect(await starIsOn(page, SECOND)).toBe(false);

      await page.reload();
      await webview.locator(FIRST).waitFor();
      await waitForStar(page, FIRST, true);
      expect(tab.problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('two browser contexts are two devices: two users who never see each other’s favourites', async () => {
    const one = await browser.newContext();
    const two = await browser.newContext();
    try {
      const first = await openPreview(one, preview.url);
      await favouriteAsNewUser(first, FIRST);
      const second = await openPreview(two, preview.url);
      expect(await starIsOn(second.page, FIRST)).toBe(false);
      await favouriteAsNewUser(second, SECOND);
      expect(await starIsOn(second.page, FIRST)).toBe(false);

      await first.page.reload();
      await first.webview.locator(FIRST).waitFor();
      await waitForStar(first.page, FIRST, true);
      expect(await starIsOn(first.page, SECOND)).toBe(false);

      // On the server: each article saved by exactly one user, and not the same one.
      const { data: favourites } = await cloud.database.collection('favorites').limit(100).get();
      const ownersOf = (itemId: string) =>
        new Set(
          favourites.filter((favourite) => favourite.itemId === itemId).map((favourite) => favourite.openid),
        );
      const secondOwners = ownersOf('avatar-nickname');
      expect(secondOwners.size).toBe(1);
      const [secondUser] = [...secondOwners];
      expect(ownersOf('guest-first').has(secondUser)).toBe(false);
      expect([...first.problems, ...second.problems]).toEqual([]);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('tabBar, page stack and WeChat’s modal: 我的 → 设置 → back; 退出登录 asks first', async () => {
    const context = await browser.newContext();
    try {
      const tab = await openPreview(context, preview.url);
      const { page, webview } = tab;
      await favouriteAsNewUser(tab, FIRST);

      await page.locator('.tab-item', { hasText: '我的' }).click();
      await page.locator('.nav-title', { hasText: '我的' }).waitFor();
      expect(await page.locator('.nav-button').count()).toBe(0);
      await webview.getByText('设置', { exact: true }).click();
      await page.locator('.nav-title', { hasText: '设置' }).waitFor();
      await page.locator('.nav-button[data-nav="back"]').click();
      await page.locator('.nav-title', { hasText: '我的' }).waitFor();

      await button(webview, '退出登录').click();
      await page.locator('.modal-title', { hasText: '退出登录' }).waitFor();
      await page.locator('.modal-button', { hasText: '取消' }).click();
      await page.locator('.modal').waitFor({ state: 'detached' });
      expect(await button(webview, '退出登录').count()).toBe(1);
      await button(webview, '退出登录').click();
      await page.locator('.modal-button', { hasText: '退出' }).click();
      await button(webview, '退出登录').waitFor({ state: 'detached' });
      expect(await webview.locator('body').innerText()).toContain('登录后可收藏内容');

      // Back on 首页 (kept alive as a tab page): a guest again, nothing shown as saved.
      await page.locator('.tab-item', { hasText: '首页' }).click();
      await waitForStar(page, FIRST, false);
      expect(tab.problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('profile: login from 我的, the app’s privacy popup, 同意, type a nickname, 保存 (form submit)', async () => {
    const context = await browser.newContext();
    try {
      const tab = await openPreview(context, preview.url);
      const { page, webview } = tab;
      await page.locator('.tab-item', { hasText: '我的' }).click();
      await webview.getByText('个人资料', { exact: true }).click();
      await tickAgreement(webview);
      await button(webview, '微信登录').click();
      await page.locator('.nav-title', { hasText: '个人资料' }).waitFor();
      await webview.getByText('隐私保护提示').waitFor();
      await button(webview, '同意').click();
      await webview.getByText('隐私保护提示').waitFor({ state: 'detached' });

      const field = webview.locator('#nickname .wx-input__field');
      await field.click();
      await field.pressSequentially('预览用户', { delay: 20 });
      await button(webview, '保存').click();
      await webview.getByText('已保存').waitFor();
      const deadline = Date.now() + 10_000;
      let names: unknown[] = [];
      while (!names.includes('预览用户') && Date.now() < deadline) {
        names = (await cloud.database.collection('users').limit(100).get()).data.map((user) => user.nickname);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(names).toContain('预览用户');
      expect(await field.inputValue()).toBe('预览用户');
      expect(tab.problems).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('closing a tab frees its app instance', async () => {
    const context = await browser.newContext();
    await openPreview(context, preview.url);
    const before = preview.sessions.size;
    expect(before).toBeGreaterThanOrEqual(1);
    await context.close();
    const deadline = Date.now() + 10_000;
    while (preview.sessions.size >= before && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(preview.sessions.size).toBe(before - 1);
  });

  it('refuses other hosts, cross-site pages and proxies, like the local cloud server', async () => {
    const host = new URL(preview.url).host;
    expect(await statusOf(preview.url, { Host: host })).toBe(200);
    expect(await statusOf(preview.url, { Host: 'evil.example' })).toBe(403);
    expect(await statusOf(preview.url, { Host: host, Origin: 'https://evil.example' })).toBe(403);
    expect(await statusOf(preview.url, { Host: host, 'X-Forwarded-For': '203.0.113.7' })).toBe(403);
    expect(await statusOf(preview.url, { Host: host, 'Sec-Fetch-Site': 'cross-site' })).toBe(403);
  });
});

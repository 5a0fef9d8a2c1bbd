/** @jest-environment node */
/**
 * The live preview driven through the whole journey a new user takes, in headless
 * Chromium: guest → 收藏 → login → profile (privacy popup, avatar from the browser's file
 * picker, nickname, phone number) → links (generate, copy to the browser's clipboard) →
 * settings (WeChat's settings page) → logout. Then the side panel: the three base-library
 * tiers of the profile page, privacy refused, offline, theme and call log, the share menu,
 * and a code change that reloads the tab on the same page.
 *
 * Needs /usr/bin/chromium (bash scripts/screenshots/setup.sh) or CHROMIUM_PATH; skipped
 * without it unless REQUIRE_BROWSER=1 (CI).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { LocalCloud } from '../../scripts/local-cloud';
import { startPreview, type RunningPreview } from '../../scripts/preview/server';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium';
import { sampleAvatar } from '../../scripts/screenshots/sample-avatar';
import { assertChromium, describeInBrowser } from '../support/browser';
import {
  button,
  eventually,
  favouriteAsNewUser,
  FIRST,
  loginFromMine,
  openPreview,
  openTab,
  waitForStar,
  waitForTitle,
  type Tab,
  tickAgreement,
} from './support';

jest.setTimeout(180_000);

// TDesign's buttons have no host element: the inner native button carries its open-type.
const AVATAR = 'wx-button[data-open-type="chooseAvatar"]';
const PHONE = 'wx-button[data-open-type="getPhoneNumber"]';

/** The value the preview's client keeps about itself (window.__preview). */
const previewState = (page: Page) =>
  page.evaluate(() => (window as unknown as { __preview: { seq: number; clipboard: string } }).__preview);

/**
 * A side-panel select: picks `value` and waits until the server applied it (a base library
 * or platform restarts the app: then also for the restarted app's first frame).
 */
async function choose(page: Page, select: string, value: string): Promise<void> {
  const before = (await previewState(page)).seq;
  const restarts = select === '#sdk-version' || select === '#platform';
  const applied = page.waitForResponse((response) =>
    /\/api\/sessions\/[^/]+\/(events|launch)$/.test(response.url()),
  );
  await page.selectOption(select, value);
  expect((await applied).status()).toBe(200);
  if (!restarts) return;
  await page.waitForFunction(
    (seq) => (window as unknown as { __preview: { seq: number } }).__preview.seq > seq,
    before,
    { timeout: 60_000 },
  );
}

const webviewText = (tab: Tab) => tab.webview.locator('body').innerText();

/** 我的 → 个人资料 for a logged-in user; agrees in the privacy popup when it shows. */
async function openProfile(tab: Tab, agree = true): Promise<void> {
  const { page, webview } = tab;
  await webview.getByText('个人资料', { exact: true }).click();
  await waitForTitle(page, '个人资料');
  if (!agree) return;
  await webview.getByText('隐私保护提示').waitFor();
  await button(webview, '同意').click();
  await webview.getByText('隐私保护提示').waitFor({ state: 'detached' });
}

describeInBrowser('live preview journey tests')('live preview: the whole journey (headless Chromium)', () => {
  let browser: Browser;
  let cloud: LocalCloud;
  let preview: RunningPreview;
  let context: BrowserContext;
  let pictures: string;

  beforeAll(async () => {
    assertChromium();
    cloud = new LocalCloud({ load: 'source' });
    preview = await startPreview({ cloud, port: 0, spares: 1, log: () => undefined });
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
    pictures = mkdtempSync(path.join(tmpdir(), 'preview-pictures-'));
  });

  beforeEach(async () => {
    context = await browser.newContext();
  });

  afterEach(async () => {
    await context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await preview?.close();
    cloud?.close();
    rmSync(pictures, { recursive: true, force: true });
  });

  it('guest → 收藏 → login → profile (avatar file, nickname, phone) → links → settings → logout', async () => {
    const tab = await openPreview(context, preview.url);
    const { page, webview } = tab;
    expect(await webviewText(tab)).toContain('先浏览，再登录');

    // 收藏 as a guest: the sheet says why; without the agreement it warns; then logs in.
    await webview.locator(FIRST).click();
    await button(webview, '微信登录').waitFor();
    expect(await webviewText(tab)).toContain('登录后即可收藏文章');
    await button(webview, '微信登录').click();
    await webview.getByText('请先阅读并勾选同意').waitFor();
    await tickAgreement(webview);
    await button(webview, '微信登录').click();
    await waitForStar(page, FIRST, true);
    await page.reload();
    await webview.locator(FIRST).waitFor();
    await waitForStar(page, FIRST, true);

    // 我的 shows the user; 个人资料 asks for the privacy agreement first.
    await openTab(page, '我的');
    await button(webview, '退出登录').waitFor();
    await openProfile(tab);

    // The avatar: WeChat's sheet → 从相册选择 → the browser's file picker.
    const file = path.join(pictures, 'avatar.png');
    writeFileSync(file, sampleAvatar(96));
    await webview.locator(AVATAR).click();
    await page.locator('.sheet-item', { hasText: '从相册选择' }).waitFor();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.locator('.sheet-item', { hasText: '从相册选择' }).click(),
    ]);
    await chooser.setFiles(file);
    await page.locator('.sheet').waitFor({ state: 'detached' });
    const field = webview.locator('#nickname .wx-input__field');
    await field.click();
    await field.pressSequentially('旅途中的人', { delay: 20 });
    await button(webview, '保存').click();
    await webview.getByText('已保存').waitFor();
    const saved = await eventually(
      async () => (await cloud.database.collection('users').limit(100).get()).data,
      (users) => users.some((user) => user.nickname === '旅途中的人'),
    );
    const user = saved.find((record) => record.nickname === '旅途中的人');
    expect(String(user?.avatarFileId ?? user?.avatar ?? '')).toMatch(/^cloud:\/\//);

    // The phone number: WeChat's sheet, 允许 → the code goes through the phone stand-in.
    await webview.locator(PHONE).click();
    await page.locator('.sheet-title', { hasText: '申请获取并验证你的手机号' }).waitFor();
    await page.locator('.sheet-item', { hasText: '微信绑定号码' }).click();
    await webview.getByText('手机号已绑定').waitFor();
    expect(await webviewText(tab)).toMatch(/138\*{4}\d{4}/);

    // Back on 我的: the nickname and the avatar picture.
    await page.locator('.nav-button[data-nav="back"]').click();
    await waitForTitle(page, '我的');
    await webview.getByText('旅途中的人').waitFor();
    // The avatar is drawn from the uploaded file (fetched from local storage into the frame).
    const avatar = await webview.locator('wx-image .wx-image__img').first().getAttribute('style');
    expect(avatar).toMatch(/url\("data:image\/png;base64,/);

    // Links: generate a URL Scheme, copy it: WeChat's toast, and the browser's clipboard.
    await webview.getByText('生成外部链接', { exact: true }).click();
    await waitForTitle(page, '生成外部链接');
    await button(webview, '生成链接').click();
    const url = webview.locator('#link-url');
    await url.waitFor();
    const link = (await url.innerText()).trim();
    expect(link).toMatch(/^weixin:\/\/dl\/business\/\?t=/);
    await button(webview, '复制链接').click();
    await page.locator('.toast-title', { hasText: '内容已复制' }).waitFor();
    expect((await previewState(page)).clipboard).toBe(link);

    // Settings: WeChat's own settings page opens and closes.
    await page.locator('.nav-button[data-nav="back"]').click();
    await webview.getByText('设置', { exact: true }).click();
    await waitForTitle(page, '设置');
    await button(webview, '管理权限').click();
    await page.locator('.settings-page').waitFor();
    await page.locator('.settings-page [data-answer="confirm"]').click();
    await page.locator('.settings-page').waitFor({ state: 'detached' });

    // Logout: asked first, then a guest again everywhere.
    await page.locator('.nav-button[data-nav="back"]').click();
    await button(webview, '退出登录').click();
    await page.locator('.modal-button', { hasText: '退出' }).click();
    await button(webview, '退出登录').waitFor({ state: 'detached' });
    await openTab(page, '首页');
    await waitForStar(page, FIRST, false);
    expect(tab.problems).toEqual([]);
  });

  it('the profile page in the three base-library tiers (side panel: base library, platform)', async () => {
    const tab = await openPreview(context, preview.url);
    const { page, webview } = tab;
    await loginFromMine(tab);
    await openProfile(tab);
    expect(await webview.locator(AVATAR).count()).toBe(1);
    expect(await webview.locator(PHONE).count()).toBe(1);

    // 2.20.1 on a phone: no fill components, a default avatar, phone binding needs an update.
    await choose(page, '#sdk-version', '2.20.1');
    await waitForTitle(page, '个人资料');
    await webview.getByText('当前微信版本不支持设置头像').waitFor();
    expect(await webview.locator(AVATAR).count()).toBe(0);
    expect(await webviewText(tab)).toContain('需要更新微信后使用');
    expect(await button(webview, '使用微信头像昵称').count()).toBe(0);

    // The same base library on Windows: getUserProfile still gives real data there.
    await choose(page, '#platform', 'windows');
    await button(webview, '使用微信头像昵称').waitFor();

    // Today's base library: the fill components again.
    await choose(page, '#sdk-version', '3.3.4');
    await choose(page, '#platform', 'ios');
    await webview.locator(AVATAR).waitFor();
    expect(await button(webview, '使用微信头像昵称').count()).toBe(0);
    expect(tab.problems).toEqual([]);
  });

  it('privacy refused keeps the page usable; the next privacy use asks again', async () => {
    const tab = await openPreview(context, preview.url);
    const { page, webview } = tab;
    await loginFromMine(tab);
    await openProfile(tab, false);
    await webview.getByText('隐私保护提示').waitFor();
    await button(webview, '拒绝').click();
    await webview.getByText('隐私保护提示').waitFor({ state: 'detached' });
    expect(await page.locator('#privacy-agreed').isChecked()).toBe(false);

    // The avatar is a privacy component: touching it asks again; refused, no picker opens.
    await webview.locator(AVATAR).click();
    await webview.getByText('隐私保护提示').waitFor();
    await button(webview, '拒绝').click();
    await webview.getByText('隐私保护提示').waitFor({ state: 'detached' });
    expect(await page.locator('.sheet').count()).toBe(0);

    // The page and the app stay usable: back to 我的, into 设置 and back.
    await page.locator('.nav-button[data-nav="back"]').click();
    await waitForTitle(page, '我的');
    await webview.getByText('设置', { exact: true }).click();
    await waitForTitle(page, '设置');
    await page.locator('.nav-button[data-nav="back"]').click();

    // Agreeing later (the next privacy use asks again) opens the picker.
    await openProfile(tab, false);
    await webview.getByText('隐私保护提示').waitFor();
    await button(webview, '同意').click();
    await webview.locator(AVATAR).click();
    await page.locator('.sheet-item', { hasText: '用微信头像' }).click();
    await page.locator('.sheet').waitFor({ state: 'detached' });
    await button(webview, '保存').click();
    await webview.getByText('已保存').waitFor();
    await page.waitForFunction(() => (document.getElementById('privacy-agreed') as HTMLInputElement).checked);
    expect(tab.problems).toEqual([]);
  });

  it('offline: saving shows the network error and keeps what was typed; back online it saves', async () => {
    const tab = await openPreview(context, preview.url);
    const { page, webview } = tab;
    await loginFromMine(tab);
    await openProfile(tab);
    const field = webview.locator('#nickname .wx-input__field');
    await field.click();
    await field.pressSequentially('离线时写的', { delay: 20 });
    await choose(page, '#network', 'offline');
    await button(webview, '保存').click();
    await webview
      .getByText(/网络不可用/)
      .first()
      .waitFor();
    expect(await field.inputValue()).toBe('离线时写的');

    await choose(page, '#network', 'normal');
    await button(webview, '保存').click();
    await webview.getByText('已保存').waitFor();
    expect(await field.inputValue()).toBe('离线时写的');
    expect(tab.problems).toEqual([]);
  });

  it('side panel: dark theme, the call log, a failing server, new device, reset', async () => {
    const tab = await openPreview(context, preview.url);
    const { page, webview } = tab;
    await favouriteAsNewUser(tab, FIRST);
    await page.locator('#log li', { hasText: 'callFunction login' }).first().waitFor();
    await page.locator('#log li', { hasText: 'wx.cloud.callFunction' }).first().waitFor();
    // No wx.login: the login function learns who calls from the platform.
    expect(await page.locator('#log li', { hasText: 'wx.login' }).count()).toBe(0);

    // app.wxss: page { background-color: var(--td-bg-color-page) }, dark in the dark theme.
    const background = () =>
      webview.locator('page').evaluate((element) => getComputedStyle(element).backgroundColor);
    // Read while the page is drawn (a redraw replaces the element: its style reads "" meanwhile).
    const light = await eventually(background, (colour) => colour !== '');
    await choose(page, '#theme', 'dark');
    await page.locator('body.theme-dark').waitFor();
    const dark = await eventually(background, (colour) => colour !== light && colour !== '');
    expect([dark === light, dark]).toEqual([false, expect.stringMatching(/^rgb/)]);
    await choose(page, '#theme', 'light');
    expect(await eventually(background, (colour) => colour === light)).toBe(light);

    // A failing server: the app's own error path, the favourite stays as it was.
    await choose(page, '#network', 'failing');
    await webview.locator(FIRST).click();
    await page.locator('#log li[data-ok="false"]', { hasText: 'callFunction favorites' }).first().waitFor();
    await waitForStar(page, FIRST, true);
    await choose(page, '#network', 'normal');

    // Reset: this device forgets the login (the server keeps the account).
    await page.locator('#reset-device').click();
    await page.locator('#status[data-state="restarting"]').waitFor({ state: 'detached', timeout: 60_000 });
    await webview.locator(FIRST).waitFor();
    await waitForStar(page, FIRST, false);

    // A new device is another WeChat user: nothing saved.
    const first = (await previewState(page)).seq;
    await page.locator('#new-device').click();
    await page.waitForFunction(
      (seq) => (window as unknown as { __preview: { seq: number } }).__preview.seq !== seq,
      first,
    );
    await webview.locator(FIRST).waitFor();
    await waitForStar(page, FIRST, false);
    expect(tab.problems).toEqual([]);
  });

  it('share: the button and the capsule menu show what onShareAppMessage returns', async () => {
    const tab = await openPreview(context, preview.url);
    const { page, webview } = tab;
    await page.locator('.capsule [data-nav="menu"]').click();
    await page.locator('.share-card').waitFor();
    expect(await page.locator('.share-path').innerText()).toMatch(/^\/pages\/home\/index/);
    await page.locator('.sheet-cancel').click();
    await page.locator('.share-card').waitFor({ state: 'detached' });

    await webview.getByText('先浏览，再登录', { exact: true }).first().click();
    await button(webview, '分享').click();
    await page.locator('.share-card').waitFor();
    const title = (await page.locator('.share-title').innerText()).trim();
    expect(title.length).toBeGreaterThan(2);
    expect(await webviewText(tab)).toContain(title);
    expect(await page.locator('.share-path').innerText()).toMatch(
      /^\/packages\/content\/article\/index\?id=/,
    );
    await page.locator('.sheet-item', { hasText: '发送' }).click();
    await page.locator('.toast-title', { hasText: '已发送' }).waitFor();
    expect(tab.problems).toEqual([]);
  });

  it('links: radio, stepper, scrolling that stays put while the app draws, a URL Link', async () => {
    const tab = await openPreview(context, preview.url);
    const { page, webview } = tab;
    await loginFromMine(tab);
    await webview.getByText('生成外部链接', { exact: true }).click();
    await waitForTitle(page, '生成外部链接');
    const scrollTop = () =>
      page.evaluate(() => {
        const doc = (document.getElementById('webview') as HTMLIFrameElement).contentDocument!;
        return (doc.scrollingElement ?? doc.documentElement).scrollTop;
      });

    // Scrolling with the wheel over the phone moves the page…
    const box = (await page.locator('#webview').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 300);
    const scrolled = await eventually(scrollTop, (top) => top > 0);
    expect(scrolled).toBeGreaterThan(0);

    // …and stays there when a tap makes the app draw again (the stepper's + : 7 → 8 days).
    const days = webview.locator('[aria-label="增加1"]');
    const daysField = webview
      .locator('#days .wx-input__field, [class*="t-stepper__input"] .wx-input__field')
      .first();
    const before = Number(await daysField.inputValue());
    await days.click();
    await eventually(
      async () => Number(await daysField.inputValue()),
      (value) => value === before + 1,
    );
    expect(Number(await daysField.inputValue())).toBe(before + 1);
    expect(Math.abs((await scrollTop()) - scrolled)).toBeLessThan(2);

    // The radio picks URL Link: the generated link is an https:// one.
    await webview.getByText('URL Link', { exact: true }).click();
    await button(webview, '生成链接').click();
    const url = webview.locator('#link-url');
    await url.waitFor();
    expect((await url.innerText()).trim()).toMatch(/^https:\/\//);
    expect(tab.problems).toEqual([]);
  });

  it('a code change restarts the app in the open tab, on the page it showed', async () => {
    const tab = await openPreview(context, preview.url);
    const { page, webview } = tab;
    await openTab(page, '我的');
    await webview.getByText('设置', { exact: true }).click();
    await waitForTitle(page, '设置');
    const before = (await previewState(page)).seq;
    await preview.reload({
      kinds: new Set(['app']),
      files: ['miniprogram/packages/account/settings/index.wxml'],
    });
    await page.waitForFunction(
      (seq) => (window as unknown as { __preview: { seq: number } }).__preview.seq > seq,
      before,
    );
    await waitForTitle(page, '设置');
    await button(webview, '管理权限').waitFor();
    expect(await page.locator('#status').innerText()).toMatch(/已重新启动|代码已修改/);
    // The restarted app answers taps (its frames continue the numbering).
    await button(webview, '管理权限').click();
    await page.locator('.settings-page').waitFor();
    expect(tab.problems).toEqual([]);
  });
});

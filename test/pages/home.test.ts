import { articles } from '../../miniprogram/data/articles';
import { favoritesStore } from '../../miniprogram/stores/favorites';
import { sessionStore } from '../../miniprogram/stores/session';
import { forbiddenCalls, launchApp, resetApp, sheet, sheetOpen } from '../support/app';
import { currentFakeWx } from '../support/fake-wx';
import { renderPage } from '../support/render';

const first = articles[0];

beforeEach(resetApp);

describe('home page for a guest', () => {
  it('shows real content at launch with no login UI and no network call', async () => {
    await launchApp();
    const page = await renderPage('pages/home/index');

    for (const article of articles) expect(page.text()).toContain(article.title);
    expect(page.text()).not.toContain('登录后继续');
    expect(page.text()).not.toContain('微信登录');
    const fake = currentFakeWx();
    expect(fake.cloud.calls).toHaveLength(0);
    expect(fake.calls).not.toContain('login');
    expect(forbiddenCalls()).toEqual([]);
    expect(fake.router.history.filter((record) => String(record.url).includes('login'))).toEqual([]);
  });

  it('opens the login sheet, saying why, when a guest taps 收藏', async () => {
    const page = await renderPage('pages/home/index');
    await page.tap(`#star-${first.id}`);

    expect(page.text()).toContain('登录后继续');
    expect(page.text()).toContain('登录后即可收藏文章');
    expect(page.text()).toContain('微信登录');
    expect(page.text()).toContain('暂不登录');
    expect(currentFakeWx().cloud.calls).toHaveLength(0);
  });

  it('a tap on the overlay declines like "暂不登录"', async () => {
    const page = await renderPage('pages/home/index');
    await page.tap(`#star-${first.id}`);
    await page.tap('#login-sheet >> #popup >> #popup-overlay');
    expect(sheetOpen(page)).toBe(false);
    expect(sessionStore.status).toBe('guest');
  });

  it('"暂不登录" closes the sheet and changes nothing', async () => {
    const page = await renderPage('pages/home/index');
    await page.tap(`#star-${first.id}`);
    await page.tap(sheet.cancel);

    expect(sheetOpen(page)).toBe(false);
    expect(sessionStore.status).toBe('guest');
    expect(favoritesStore.itemIds).toEqual([]);
    expect(currentFakeWx().cloud.calls).toHaveLength(0);
    expect(currentFakeWx().router.stack.map((entry) => entry.route)).toEqual(['pages/home/index']);
  });

  it('explains instead of failing silently when the agreement is not ticked', async () => {
    const page = await renderPage('pages/home/index');
    await page.tap(`#star-${first.id}`);
    await page.tap(sheet.login);

    expect(page.text()).toContain('请先阅读并勾选同意《用户协议》和《隐私保护指引》');
    expect(sessionStore.status).toBe('guest');
    expect(currentFakeWx().calls).not.toContain('login');
  });

  it('"登录" logs in and completes the favourite the guest asked for, without a second tap', async () => {
    const fake = currentFakeWx();
    const page = await renderPage('pages/home/index');
    await page.tap(`#star-${first.id}`);
    await page.tap(sheet.agree);
    await page.tap(sheet.login);
    await page.settle();

    expect(sessionStore.status).toBe('user');
    expect(sessionStore.openid).toBe(fake.user.openid);
    expect(sheetOpen(page)).toBe(false);
    expect(favoritesStore.itemIds).toEqual([first.id]);
    expect(page.instance.data.favoriteMap).toEqual({ [first.id]: true });
    // Stored on the server, for this user.
    const { data } = await fake.cloud.local.database
      .collection('favorites')
      .where({ openid: fake.user.openid })
      .get();
    expect(data.map((doc) => doc.itemId)).toEqual([first.id]);
    expect(forbiddenCalls()).toEqual([]);
  });

  it('shows a clear error and stays a guest when login fails, and retry works', async () => {
    const fake = currentFakeWx();
    fake.network.offline = true;
    const page = await renderPage('pages/home/index');
    await page.tap(`#star-${first.id}`);
    await page.tap(sheet.agree);
    await page.tap(sheet.login);

    expect(sessionStore.status).toBe('guest');
    expect(page.text()).toContain('网络不可用');
    expect(sheetOpen(page)).toBe(true);
    expect(favoritesStore.itemIds).toEqual([]);

    fake.network.offline = false;
    await page.tap(sheet.login);
    await page.settle();
    expect(sessionStore.status).toBe('user');
    expect(favoritesStore.itemIds).toEqual([first.id]);
  });

  it('keeps the sheet open while a login is on its way (the overlay cannot cancel it)', async () => {
    const fake = currentFakeWx();
    const page = await renderPage('pages/home/index');
    await page.tap(`#star-${first.id}`);
    await page.tap(sheet.agree);
    const release = fake.cloud.hold();
    await page.tap(sheet.login);
    await page.tap('#login-sheet >> #popup >> #popup-overlay');
    expect(sheetOpen(page)).toBe(true);
    release();
    await page.settle();
    expect(favoritesStore.itemIds).toEqual([first.id]);
  });

  it('shares the home page without share callbacks', async () => {
    const page = await renderPage('pages/home/index');
    const share = page.instance.onShareAppMessage();
    expect(share).toEqual({ title: expect.stringContaining('登录'), path: '/pages/home/index' });
  });
});

describe('home page for a user', () => {
  it('toggles a favourite directly, with no login sheet', async () => {
    await sessionStore.login();
    await favoritesStore.load();
    const page = await renderPage('pages/home/index');

    await page.tap(`#star-${first.id}`);
    await page.settle();
    expect(sheetOpen(page)).toBe(false);
    expect(favoritesStore.itemIds).toEqual([first.id]);

    await page.tap(`#star-${first.id}`);
    await page.settle();
    expect(favoritesStore.itemIds).toEqual([]);
  });
});

import { sessionStore } from '../../miniprogram/stores/session';
import { SESSION_KEY } from '../../miniprogram/utils/session-cache';
import { forbiddenCalls, resetApp, sheet } from '../support/app';
import { currentFakeWx } from '../support/fake-wx';
import { renderPage } from '../support/render';

beforeEach(resetApp);

describe('mine page', () => {
  it('shows a guest the full structure and a login button, forcing nothing', async () => {
    const page = await renderPage('pages/mine/index');

    expect(page.text()).toContain('未登录');
    for (const entry of ['我的收藏', '隐私保护指引', '用户协议']) expect(page.text()).toContain(entry);
    expect(page.has('#login')).toBe(true);
    expect(page.has('#logout')).toBe(false);
    expect(page.text()).not.toContain('登录后继续');
    expect(currentFakeWx().cloud.calls).toHaveLength(0);
    expect(forbiddenCalls()).toEqual([]);
  });

  it("draws a guest's placeholder, then the user's picture once there is one", async () => {
    const page = await renderPage('pages/mine/index');
    expect(page.has('#avatar-placeholder')).toBe(true);
    expect(page.has('#avatar-picture')).toBe(false);

    await sessionStore.login();
    const user = sessionStore.user;
    if (!user) throw new Error('login did not give a user');
    sessionStore.setUser({ ...user, avatarFileId: 'cloud://env.1234/avatars/a.png' });
    await page.settle();

    expect(page.has('#avatar-placeholder')).toBe(false);
    expect(page.instance.data.avatarUrl).toMatch(/avatars\/a\.png/);
    expect(page.has('#avatar-picture')).toBe(true);
  });

  it('opens the login page from the login button', async () => {
    const page = await renderPage('pages/mine/index');
    await page.tap('#login');
    expect(currentFakeWx().router.stack.map((entry) => entry.route)).toEqual([
      'pages/mine/index',
      'packages/account/login/index',
    ]);
  });

  it('re-renders for a user when the session store changes, and back on logout', async () => {
    const page = await renderPage('pages/mine/index');
    await sessionStore.login();
    await page.settle();

    expect(page.text()).not.toContain('未登录');
    expect(page.text()).toContain('未设置昵称');
    expect(page.has('#login')).toBe(false);
    expect(page.has('#logout')).toBe(true);

    const fake = currentFakeWx();
    fake.ui.modalAnswer = 'cancel';
    await page.tap('#logout');
    expect(sessionStore.status).toBe('user');

    fake.ui.modalAnswer = 'confirm';
    await page.tap('#logout');
    expect(fake.ui.modals.at(-1)?.title).toBe('退出登录');
    expect(sessionStore.status).toBe('guest');
    expect(fake.storage.has(SESSION_KEY)).toBe(false);
    expect(page.text()).toContain('未登录');
    expect(page.has('#login')).toBe(true);
  });

  it('asks a guest to log in before showing favourites, then opens them', async () => {
    const page = await renderPage('pages/mine/index');
    await page.tap('#favorites');
    expect(page.text()).toContain('登录后即可查看你收藏的文章');

    await page.tap(sheet.agree);
    await page.tap(sheet.login);
    await page.settle();
    expect(currentFakeWx().router.stack.at(-1)?.route).toBe('packages/account/favorites/index');
  });

  it('opens the privacy guide with wx.openPrivacyContract', async () => {
    const page = await renderPage('pages/mine/index');
    await page.tap('#privacy');
    expect(currentFakeWx().privacy.contractOpened).toBe(1);
  });
});

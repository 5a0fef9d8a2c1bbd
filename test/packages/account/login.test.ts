import { sessionStore } from '../../../miniprogram/stores/session';
import { forbiddenCalls, resetApp } from '../../support/app';
import { currentFakeWx } from '../../support/fake-wx';
import { openPage, renderPage } from '../../support/render';

beforeEach(resetApp);

/** Opens the mine page, then the login page on top of it, as a user would. */
async function openLoginFromMine() {
  await renderPage('pages/mine/index');
  return openPage('/packages/account/login/index');
}

describe('login page', () => {
  it('says what login is for and what is collected, with one login button and a way out', async () => {
    const page = await openLoginFromMine();
    const text = page.text();
    expect(text).toContain('登录后你可以');
    expect(text).toContain('openid');
    expect(text).toContain('微信登录');
    expect(text).toContain('暂不登录');
    expect(text).toContain('《用户协议》');
    expect(text).toContain('《隐私保护指引》');
    expect(page.root.querySelectorAll('wx-button')).toHaveLength(2);
  });

  it('"暂不登录" goes back, still a guest', async () => {
    const page = await openLoginFromMine();
    await page.tap('#panel >> #cancel');
    expect(sessionStore.status).toBe('guest');
    expect(currentFakeWx().router.stack.map((entry) => entry.route)).toEqual(['pages/mine/index']);
  });

  it('an unticked login tap explains; a ticked one logs in and goes back', async () => {
    const fake = currentFakeWx();
    const page = await openLoginFromMine();

    await page.tap('#panel >> #login');
    expect(page.text()).toContain('请先阅读并勾选同意');
    expect(fake.calls).not.toContain('login');

    await page.tap('#panel >> #agree');
    expect(page.text()).not.toContain('请先阅读并勾选同意');
    await page.tap('#panel >> #login');
    await page.settle();
    expect(sessionStore.status).toBe('user');
    expect(fake.ui.toasts.at(-1)?.title).toBe('登录成功');
    expect(fake.router.stack.map((entry) => entry.route)).toEqual(['pages/mine/index']);
    expect(forbiddenCalls()).toEqual([]);
  });

  it('double taps make one request', async () => {
    const fake = currentFakeWx();
    const page = await openLoginFromMine();
    await page.tap('#panel >> #agree');
    const release = fake.cloud.hold();
    await page.tap('#panel >> #login');
    await page.tap('#panel >> #login');
    expect(sessionStore.status).toBe('loading');
    release();
    await page.settle();
    expect(fake.cloud.calls.filter((call) => call.name === 'login')).toHaveLength(1);
    expect(sessionStore.status).toBe('user');
  });

  it('shows the network failure, stays a guest and can retry', async () => {
    const fake = currentFakeWx();
    const page = await openLoginFromMine();
    await page.tap('#panel >> #agree');
    fake.network.offline = true;
    await page.tap('#panel >> #login');
    expect(page.text()).toContain('网络不可用');
    expect(sessionStore.status).toBe('guest');
    expect(fake.router.stack.at(-1)?.route).toBe('packages/account/login/index');

    fake.network.offline = false;
    await page.tap('#panel >> #login');
    await page.settle();
    expect(sessionStore.status).toBe('user');
  });

  it('opens the privacy guide and the user agreement from the agreement line', async () => {
    const fake = currentFakeWx();
    const page = await openLoginFromMine();
    await page.tap('#panel >> #privacy-guide');
    expect(fake.privacy.contractOpened).toBe(1);
    await page.tap('#panel >> #terms');
    expect(fake.router.stack.at(-1)?.route).toBe('packages/account/agreement/index');
  });
});

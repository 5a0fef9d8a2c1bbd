import { renderPage } from '../../support/render';
import { currentFakeWx } from '../../support/fake-wx';

describe('diagnostics page', () => {
  it('renders TDesign components through the official compiler', async () => {
    const page = await renderPage('packages/account/diagnostics/index');
    // Real TDesign markup (class names prefixed by simulate), not unknown tags.
    expect(page.root.querySelector('wx-button[class*="t-button--t-button--primary"]')).not.toBeNull();
    expect(page.root.querySelectorAll('[class*="t-cell--t-cell__title-text"]').length).toBeGreaterThan(0);
    expect(page.text()).toContain('云开发');
    expect(page.text()).toContain('测试云函数');
  });

  it('calls the ping cloud function on tap and shows the openid the runtime assigned', async () => {
    const fake = currentFakeWx();
    const page = await renderPage('packages/account/diagnostics/index');
    expect(fake.cloud.calls).toHaveLength(0);

    // A guest: identified, but nothing is stored for someone without an account.
    await page.tap('#ping');
    const masked = `${fake.user.openid.slice(0, 4)}****${fake.user.openid.slice(-4)}`;
    expect(page.text()).toContain(masked);
    expect(page.text()).not.toContain(fake.user.openid);
    expect(page.instance.data.pingResult).toMatchObject({ openid: fake.user.openid, visits: 0 });
    expect(page.text()).toContain('登录后计数');

    await fake.cloud.local.callFunction('login', {}, { OPENID: fake.user.openid });
    await page.tap('#ping');
    expect(page.instance.data.pingResult).toMatchObject({ visits: 1 });
    await page.tap('#ping');
    expect(page.instance.data.pingResult).toMatchObject({ visits: 2 });
  });

  it('shows a clear message and stays usable when the network is down', async () => {
    const fake = currentFakeWx();
    fake.network.offline = true;
    const page = await renderPage('packages/account/diagnostics/index');

    await page.tap('#ping');
    expect(page.text()).toContain('网络不可用，请检查网络后重试');
    expect(page.instance.data.pinging).toBe(false);

    fake.network.offline = false;
    await page.tap('#ping');
    expect(page.instance.data.pingError).toBe('');
    expect(page.text()).toContain(fake.user.openid.slice(-4));
  });
});

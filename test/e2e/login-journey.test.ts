/**
 * End to end: real pages -> wx.login -> wx.cloud (fake client) -> the real `login` and
 * `favorites` functions in the local cloud runtime -> embedded database -> re-render.
 */
import { articles } from '../../miniprogram/data/articles';
import { sessionStore } from '../../miniprogram/stores/session';
import { forbiddenCalls, launchApp, resetApp, restartApp, sheet } from '../support/app';
import { currentFakeWx } from '../support/fake-wx';
import { renderPage } from '../support/render';

const article = articles[0];

beforeEach(resetApp);

async function serverUsers() {
  return (await currentFakeWx().cloud.local.database.collection('users').get()).data;
}

describe('login journey', () => {
  it('guest -> favourite tap -> login -> every bound page re-renders -> restart keeps the user', async () => {
    const fake = currentFakeWx();
    await launchApp();
    const home = await renderPage('pages/home/index');
    const mine = await renderPage('pages/mine/index'); // tabBar pages stay alive together
    expect(mine.text()).toContain('未登录');

    await home.tap(`#star-${article.id}`);
    await home.tap(sheet.agree);
    await home.tap(sheet.login);
    await home.settle();

    // The login function, and no wx.login: the platform tells the function who calls.
    expect(fake.cloud.calls.map((call) => call.name)).toContain('login');
    expect(fake.calls).not.toContain('login');
    expect(await serverUsers()).toEqual([expect.objectContaining({ _id: fake.user.openid })]);
    expect(home.instance.data.favoriteMap).toEqual({ [article.id]: true });
    expect(mine.text()).not.toContain('未登录');
    expect(mine.instance.data.favoriteCount).toBe(1);
    expect(forbiddenCalls()).toEqual([]);

    // Close and reopen: the cached session shows the user at once, favourites reload.
    restartApp();
    await launchApp();
    const mineAgain = await renderPage('pages/mine/index');
    expect(sessionStore.status).toBe('user');
    expect(mineAgain.text()).not.toContain('未登录');
    await mineAgain.settle();
    expect(mineAgain.instance.data.favoriteCount).toBe(1);
  });

  it('favourites survive a reinstall (storage wiped) because they live on the server', async () => {
    const fake = currentFakeWx();
    await sessionStore.login();
    const home = await renderPage('pages/home/index');
    await home.tap(`#star-${article.id}`);
    await home.settle();

    restartApp();
    fake.storage.clear();
    await launchApp();
    expect(sessionStore.status).toBe('guest');

    await sessionStore.login();
    const again = await renderPage('pages/home/index');
    await again.settle();
    expect(again.instance.data.favoriteMap).toEqual({ [article.id]: true });
    expect(await serverUsers()).toHaveLength(1);
  });

  it('two logins started at once (two pages) make one request and one record', async () => {
    const fake = currentFakeWx();
    const home = await renderPage('pages/home/index');
    await home.tap(`#star-${article.id}`);
    await home.tap(sheet.agree);
    const release = fake.cloud.hold();
    await home.tap(sheet.login);
    const second = sessionStore.login();
    release();
    await second;
    await home.settle();

    expect(fake.cloud.calls.filter((call) => call.name === 'login')).toHaveLength(1);
    expect(await serverUsers()).toHaveLength(1);
  });

  it('concurrent raw calls from one user still make one record', async () => {
    const fake = currentFakeWx();
    fake.wx.cloud.init({ env: 'local-test' });
    await Promise.all([
      fake.wx.cloud.callFunction({ name: 'login', data: {} }),
      fake.wx.cloud.callFunction({ name: 'login', data: {} }),
      fake.wx.cloud.callFunction({ name: 'login', data: {} }),
    ]);
    expect(await serverUsers()).toHaveLength(1);
  });

  it("a crafted event.openid is ignored: the server uses the caller's real identity", async () => {
    const fake = currentFakeWx();
    fake.wx.cloud.init({ env: 'local-test' });
    const victim = fake.newUser('victim');
    const response = (await fake.wx.cloud.callFunction({
      name: 'login',
      data: { openid: victim.openid, unionid: 'forged-unionid' },
    })) as unknown as { result: { ok: boolean; data: { openid: string } } };

    expect(response.result.data.openid).toBe(fake.user.openid);
    const users = await serverUsers();
    expect(users.map((user) => user._id)).toEqual([fake.user.openid]);
    expect(users[0].unionid).toBeUndefined();
  });
});

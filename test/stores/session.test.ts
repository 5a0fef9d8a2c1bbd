import { favoritesStore } from '../../miniprogram/stores/favorites';
import { sessionStore } from '../../miniprogram/stores/session';
import { setClock } from '../../miniprogram/utils/clock';
import { SESSION_KEY, SESSION_TTL_MS, type CachedSession } from '../../miniprogram/utils/session-cache';
import { launchApp, resetApp, restartApp } from '../support/app';
import { OUTDATED_CLIENT_MESSAGE } from '../../miniprogram/ui/client-update';
import { currentFakeWx } from '../support/fake-wx';
import { renderPage } from '../support/render';

const HOUR = 60 * 60 * 1000;
let clock = Date.UTC(2026, 10, 21, 8, 0, 0);

beforeEach(() => {
  resetApp();
  clock = Date.UTC(2026, 10, 21, 8, 0, 0);
  setClock(() => clock);
});

/** Logs in once, then closes and reopens the app (same storage, empty memory). */
async function loginThenRestart(): Promise<void> {
  await sessionStore.login();
  restartApp();
}

describe('favourites follow the session', () => {
  it('drops a favourites answer that arrives after logout', async () => {
    const fake = currentFakeWx();
    await sessionStore.login();
    await favoritesStore.toggle('guest-first');
    const release = fake.cloud.hold();
    const loading = favoritesStore.load();
    await Promise.resolve();
    sessionStore.logout();
    release();
    await loading;
    expect(favoritesStore.itemIds).toEqual([]);
  });
});

describe('session store', () => {
  it('caches the session for less than the 3 days session_key lives', async () => {
    await sessionStore.login();
    const cached = currentFakeWx().storage.get(SESSION_KEY) as CachedSession;
    expect(cached.openid).toBe(currentFakeWx().user.openid);
    expect(cached.expiresAt - cached.savedAt).toBe(SESSION_TTL_MS);
    expect(SESSION_TTL_MS).toBeLessThan(3 * 24 * HOUR);
  });

  it('shows a returning user at once, before the background refresh answers', async () => {
    await loginThenRestart();
    const fake = currentFakeWx();
    const release = fake.cloud.hold();
    const refresh = launchApp();
    const page = await renderPage('pages/mine/index');

    expect(sessionStore.status).toBe('user');
    expect(page.text()).not.toContain('未登录');
    expect(fake.cloud.held).toBeGreaterThan(0);
    release();
    await refresh;
    expect(fake.cloud.calls.filter((call) => call.name === 'login')).toHaveLength(2);
  });

  it('refreshes the cached session in the background and extends it', async () => {
    await loginThenRestart();
    clock += 47 * HOUR;
    await launchApp();
    const cached = currentFakeWx().storage.get(SESSION_KEY) as CachedSession;
    expect(cached.savedAt).toBe(clock);
    expect(sessionStore.status).toBe('user');
  });

  it('keeps the cached user when the background refresh fails on the network', async () => {
    await loginThenRestart();
    currentFakeWx().network.offline = true;
    await launchApp();
    expect(sessionStore.status).toBe('user');
    expect(currentFakeWx().storage.has(SESSION_KEY)).toBe(true);
  });

  it('treats an expired session as a guest, removes it and calls nothing', async () => {
    await loginThenRestart();
    clock += SESSION_TTL_MS;
    const fake = currentFakeWx();
    const callsBefore = fake.cloud.calls.length;
    await launchApp();
    expect(sessionStore.status).toBe('guest');
    expect(fake.storage.has(SESSION_KEY)).toBe(false);
    expect(fake.cloud.calls.length).toBe(callsBefore);
  });

  it('ignores a corrupt or tampered cache entry', async () => {
    const fake = currentFakeWx();
    for (const value of [
      'garbage',
      { openid: 'x' },
      { openid: 'x', user: {}, savedAt: clock, expiresAt: clock + 10 * 24 * HOUR },
    ]) {
      fake.storage.set(SESSION_KEY, value);
      await launchApp();
      expect(sessionStore.status).toBe('guest');
      expect(fake.storage.has(SESSION_KEY)).toBe(false);
    }
  });

  it('stays a guest at launch for a new user: no wx.login, no cloud call', async () => {
    await launchApp();
    expect(sessionStore.status).toBe('guest');
    expect(currentFakeWx().calls).not.toContain('login');
    expect(currentFakeWx().cloud.calls).toHaveLength(0);
  });

  it('makes one request for concurrent logins', async () => {
    const fake = currentFakeWx();
    await Promise.all([sessionStore.login(), sessionStore.login(), sessionStore.login()]);
    expect(fake.cloud.calls.filter((call) => call.name === 'login')).toHaveLength(1);
    expect(sessionStore.status).toBe('user');
  });

  it('drops a login answer that arrives after logout', async () => {
    const fake = currentFakeWx();
    const release = fake.cloud.hold();
    const pending = sessionStore.login();
    await Promise.resolve();
    sessionStore.logout();
    release();
    await expect(pending).rejects.toMatchObject({ code: 'LOGIN_CANCELLED' });
    expect(sessionStore.status).toBe('guest');
    expect(fake.storage.has(SESSION_KEY)).toBe(false);
  });
});

describe('session store below the minimum base library', () => {
  it('does not restore a cached session: the account features need the newer library', async () => {
    await loginThenRestart();
    const fake = currentFakeWx();
    fake.setSdkVersion('2.16.0');
    const callsBefore = fake.calls.length;
    expect(sessionStore.restore()).toBeNull();
    expect(sessionStore.status).toBe('guest');
    expect(fake.calls.slice(callsBefore)).not.toContain('login');
    // The cached session stays for when WeChat is updated.
    expect(fake.storage.has(SESSION_KEY)).toBe(true);
  });

  it('refuses a login with the reason and the update prompt, without calling wx.login', async () => {
    const fake = currentFakeWx();
    fake.setSdkVersion('2.13.0');
    await expect(sessionStore.login()).rejects.toMatchObject({ message: OUTDATED_CLIENT_MESSAGE });
    expect(sessionStore.status).toBe('guest');
    expect(fake.calls).not.toContain('login');
    expect(fake.cloud.calls).toHaveLength(0);
    expect(fake.ui.modals.map((modal) => modal.content)).toEqual([OUTDATED_CLIENT_MESSAGE]);

    fake.setSdkVersion('2.16.1');
    await sessionStore.login();
    expect(sessionStore.status).toBe('user');
  });
});

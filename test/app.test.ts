import { articles } from '../miniprogram/data/articles';
import { favoritesStore } from '../miniprogram/stores/favorites';
import { sessionStore } from '../miniprogram/stores/session';
import { OUTDATED_CLIENT_MESSAGE } from '../miniprogram/ui/client-update';
import { MIN_SDK_VERSION } from '../miniprogram/utils/version';
import { forbiddenCalls, launchApp, resetApp, restartApp } from './support/app';
import { currentFakeWx, installFakeWx, type FakeWx } from './support/fake-wx';
import { openPage, renderPage } from './support/render';

/** miniprogram/app.ts as WeChat loads it: App(options) once per process. */
let app: WechatMiniprogram.App.Option | undefined;
(globalThis as unknown as { App: (options: WechatMiniprogram.App.Option) => void }).App = (options) => {
  app = options;
};
// After the App stub above: a hoisted import would load app.ts before it exists.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../miniprogram/app');

const launch = () => app?.onLaunch?.({} as WechatMiniprogram.App.LaunchShowOption);
/** Lets the fake's asynchronous callbacks (showModal's success) run. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(resetApp);

describe('app launch', () => {
  it('registers the app once', () => {
    expect(app?.onLaunch).toEqual(expect.any(Function));
  });

  it('shows nothing, asks nothing and calls nothing for a new user', () => {
    launch();
    const fake = currentFakeWx();
    expect(forbiddenCalls()).toEqual([]);
    expect(fake.calls).not.toContain('login');
    expect(fake.cloud.calls).toHaveLength(0);
    expect(fake.ui.modals).toHaveLength(0);
    expect(fake.ui.toasts).toHaveLength(0);
    expect(fake.router.history).toHaveLength(0);
    expect(sessionStore.status).toBe('guest');
  });

  it('restores a returning user synchronously, with no prompt', async () => {
    await sessionStore.login();
    restartApp();
    launch();
    expect(sessionStore.status).toBe('user');
    const fake = currentFakeWx();
    expect(fake.ui.modals).toHaveLength(0);
    expect(fake.router.history).toHaveLength(0);
    expect(forbiddenCalls()).toEqual([]);
  });

  it('makes one cloud call for a returning user: the refresh brings the first screen’s favourites', async () => {
    await sessionStore.login();
    await favoritesStore.toggle(articles[0].id);
    restartApp();
    const before = currentFakeWx().cloud.calls.length;
    const callsSinceLaunch = () =>
      currentFakeWx()
        .cloud.calls.slice(before)
        .map((call) => call.name);
    await launchApp();
    const home = await renderPage('pages/home/index');
    const mine = await renderPage('pages/mine/index');
    await home.settle();
    expect(callsSinceLaunch()).toEqual(['login']);
    expect(home.instance.data.favoriteMap).toEqual({ [articles[0].id]: true });
    expect(mine.instance.data.favoriteCount).toBe(1);
    // 我的收藏 opened now asks for nothing more (the list is fresh).
    const favorites = await openPage('/packages/account/favorites/index');
    await favorites.settle();
    expect(callsSinceLaunch()).toEqual(['login']);
  });
});

/**
 * The built-ins WeChat polyfills only from base library 2.16.1 (miniprogram-compat's
 * polyfill data). Jest's Node has them all, so instead of removing them (the test
 * harness needs them) each is wrapped to record calls made directly from the app's own
 * code: on a client below the minimum those calls would throw. (Object.entries is not in
 * the list: WeChat's compile adds it itself.)
 */
const POLYFILLED_FROM_MINIMUM: [object, string, string][] = [
  [Object, 'fromEntries', 'Object.fromEntries'],
  [Object, 'values', 'Object.values'],
  [Promise.prototype, 'finally', 'Promise#finally'],
  [Promise, 'allSettled', 'Promise.allSettled'],
  [Promise, 'any', 'Promise.any'],
  [String.prototype, 'padStart', 'String#padStart'],
  [String.prototype, 'padEnd', 'String#padEnd'],
  [String.prototype, 'trimStart', 'String#trimStart'],
  [String.prototype, 'trimEnd', 'String#trimEnd'],
  [String.prototype, 'replaceAll', 'String#replaceAll'],
  [String.prototype, 'matchAll', 'String#matchAll'],
  [Array.prototype, 'flat', 'Array#flat'],
  [Array.prototype, 'flatMap', 'Array#flatMap'],
];
const APP_FRAME = /[\\/]miniprogram[\\/](?!miniprogram_npm[\\/])[^\s)]+\.ts/;

/** Runs `body`, returning which of those built-ins the app's own code called (and where). */
async function appCallsToNewerBuiltIns(body: () => Promise<void>): Promise<string[]> {
  const used: string[] = [];
  const originals = POLYFILLED_FROM_MINIMUM.map(([owner, key]) => [
    owner,
    key,
    Object.getOwnPropertyDescriptor(owner, key) as PropertyDescriptor,
  ]) as [object, string, PropertyDescriptor][];
  for (const [owner, key, label] of POLYFILLED_FROM_MINIMUM) {
    const original = (owner as Record<string, (...args: unknown[]) => unknown>)[key];
    Object.defineProperty(owner, key, {
      configurable: true,
      writable: true,
      value: function (this: unknown, ...args: unknown[]) {
        // Line 0 is "Error", line 1 this wrapper, line 2 the direct caller.
        const caller = (new Error().stack ?? '').split('\n')[2] ?? '';
        const frame = APP_FRAME.exec(caller);
        if (frame) used.push(`${label} at ${frame[0]}`);
        return original.apply(this, args);
      },
    });
  }
  try {
    await body();
  } finally {
    for (const [owner, key, descriptor] of originals) Object.defineProperty(owner, key, descriptor);
  }
  return used;
}

/** A client on `version` whose user logged in earlier (on a newer client), reopening the app. */
async function reopenOn(version: string): Promise<FakeWx> {
  await sessionStore.login();
  const saved = currentFakeWx()
    .storage.keys()
    .map((key) => [key, currentFakeWx().storage.get(key)]);
  restartApp();
  const fake = installFakeWx({ sdkVersion: version });
  for (const [key, value] of saved) fake.storage.set(key as string, value);
  return fake;
}

describe(`a base library below the minimum (${MIN_SDK_VERSION})`, () => {
  it('asks the user to update, and 「去升级」 opens WeChat’s update page', async () => {
    const fake = await reopenOn('2.16.0');
    fake.ui.modalAnswer = 'confirm';
    launch();
    await flush();
    expect(sessionStore.status).toBe('guest');
    expect(fake.ui.modals).toEqual([
      expect.objectContaining({
        content: OUTDATED_CLIENT_MESSAGE,
        showCancel: true,
        confirmText: '去升级',
        answer: 'confirm',
      }),
    ]);
    expect(fake.calls).toContain('updateWeChatApp');
  });

  it('closes the prompt without updating when the user declines', async () => {
    const fake = installFakeWx({ sdkVersion: '2.15.0' });
    fake.ui.modalAnswer = 'cancel';
    launch();
    await flush();
    expect(fake.ui.modals).toHaveLength(1);
    expect(fake.calls).not.toContain('updateWeChatApp');
  });

  it('only informs where the client cannot open the update page (below 2.12.0)', async () => {
    const fake = installFakeWx({ sdkVersion: '2.11.0' });
    launch();
    await flush();
    expect(fake.ui.modals).toEqual([
      expect.objectContaining({ content: OUTDATED_CLIENT_MESSAGE, showCancel: false, confirmText: '知道了' }),
    ]);
    expect(fake.calls).not.toContain('updateWeChatApp');
  });

  it('does not restore the session or call anything at launch; every guest page renders without errors', async () => {
    const fake = await reopenOn('2.14.0');
    const used = await appCallsToNewerBuiltIns(async () => {
      launch();
      expect(sessionStore.status).toBe('guest');
      const home = await renderPage('pages/home/index');
      expect(home.text()).toContain('头像昵称填写能力');
      const mine = await renderPage('pages/mine/index');
      expect(mine.text()).toContain('未登录');
      for (const url of [
        '/packages/content/article/index?id=guest-first',
        '/packages/account/profile/index',
        '/packages/account/favorites/index',
        '/packages/account/links/index',
        '/packages/account/settings/index',
        '/packages/account/agreement/index',
        '/packages/account/login/index',
      ]) {
        const page = await openPage(url);
        expect(page.text()).not.toBe('');
      }
    });
    expect(used).toEqual([]);
    expect(fake.callbackErrors).toEqual([]);
    expect(fake.calls).not.toContain('login');
    expect(fake.cloud.calls).toHaveLength(0);
    expect(fake.ui.modals.map((modal) => modal.content)).toEqual([OUTDATED_CLIENT_MESSAGE]);
  });

  it('answers a login tap with the update prompt and the reason, not a login that breaks', async () => {
    const fake = installFakeWx({ sdkVersion: '2.14.0' });
    launch();
    await renderPage('pages/mine/index');
    const page = await openPage('/packages/account/login/index');
    const used = await appCallsToNewerBuiltIns(async () => {
      // TDesign decides virtualHost by the base library of the first load (< 2.19.2: none),
      // so the checkbox is ticked through its change event rather than a tap on its inside.
      await page.trigger('#panel >> #agree', 'change', { checked: true });
      await page.tap('#panel >> #login');
      await page.settle();
    });
    expect(used).toEqual([]);
    expect(sessionStore.status).toBe('guest');
    expect(page.text()).toContain(OUTDATED_CLIENT_MESSAGE);
    expect(fake.calls).not.toContain('login');
    expect(fake.cloud.calls).toHaveLength(0);
    expect(fake.ui.modals.map((modal) => modal.content)).toEqual([
      OUTDATED_CLIENT_MESSAGE,
      OUTDATED_CLIENT_MESSAGE,
    ]);
    expect(fake.callbackErrors).toEqual([]);
  });

  it('records the app’s own use of those built-ins (the check above can fail)', async () => {
    const used = await appCallsToNewerBuiltIns(async () => {
      // links formats the expiry with String#padStart: reached only after login.
      const { formatDateTime } = await import('../miniprogram/packages/account/utils/format');
      formatDateTime(0);
    });
    expect(used.length).toBeGreaterThan(0);
    for (const call of used)
      expect(call).toMatch(
        /^String#padStart at .*miniprogram[\\/]packages[\\/]account[\\/]utils[\\/]format\.ts/,
      );
  });
});

describe(`at the minimum (${MIN_SDK_VERSION}) and above`, () => {
  it.each([MIN_SDK_VERSION, '2.21.2', '3.3.4'])('%s: no prompt, the session is restored', async (version) => {
    await reopenOn(version);
    launch();
    expect(sessionStore.status).toBe('user');
    expect(currentFakeWx().ui.modals).toEqual([]);
  });
});

import { sessionStore } from '../miniprogram/stores/session';
import { forbiddenCalls, resetApp, restartApp } from './support/app';
import { currentFakeWx } from './support/fake-wx';

/** miniprogram/app.ts as WeChat loads it: App(options) once per process. */
let app: WechatMiniprogram.App.Option | undefined;
(globalThis as unknown as { App: (options: WechatMiniprogram.App.Option) => void }).App = (options) => {
  app = options;
};
// After the App stub above: a hoisted import would load app.ts before it exists.
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../miniprogram/app');

const launch = () => app?.onLaunch?.({} as WechatMiniprogram.App.LaunchShowOption);

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
});

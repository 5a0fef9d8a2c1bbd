// Declared screenshot states and the renderer's units (no browser).
import { pageName, readAppConfig } from '../../scripts/screenshots/app-config';
import { declaredStates, matchesOnly, rpxToPx, transformRpx } from '../../scripts/screenshots/capture';

describe('declared states', () => {
  const config = readAppConfig();
  const states = declaredStates(config);

  it('cover every page of app.json, with unique ids', () => {
    expect(new Set(states.map((state) => state.route))).toEqual(new Set(config.pages));
    expect(new Set(states.map((state) => state.id)).size).toBe(states.length);
  });

  it('names pictures by the page folder, in the main package or a subpackage', () => {
    expect(pageName('pages/home/index')).toBe('home');
    expect(pageName('packages/account/profile/index')).toBe('profile');
    expect(pageName('packages/account/profile/edit')).toBe('edit');
    const twins = { ...config, pages: [...config.pages, 'packages/other/home/index'] };
    expect(() => declaredStates(twins)).toThrow(/share the picture name "home"/);
  });

  it('include the screens the README shows and an error and a dark state', () => {
    const ids = states.map((state) => state.id);
    for (const id of [
      'home--guest',
      'home--user',
      'home--login-sheet',
      'home--dark',
      'mine--guest',
      'mine--user',
    ]) {
      expect(ids).toContain(id);
    }
    expect(ids).toEqual(expect.arrayContaining(['login--default', 'favorites--error']));
    expect(states.find((state) => state.id === 'home--dark')?.state.theme).toBe('dark');
    for (const state of states) expect(state.state.caption).toMatch(/[\u4e00-\u9fff]/);
  });

  it('are filtered by --only on id or route', () => {
    const only = (parts: string[]) => states.filter((state) => matchesOnly(state, parts)).map((s) => s.id);
    expect(only(['home--guest'])).toEqual(['home--guest']);
    const mine = states.filter((state) => state.route === 'pages/mine/index').map((state) => state.id);
    expect(mine).toContain('mine--guest');
    expect(only(['pages/mine/'])).toEqual(mine);
    expect(only(['home--guest', 'mine--g'])).toEqual(['home--guest', 'mine--guest']);
    expect(only([])).toHaveLength(states.length);
  });
});

describe('rpx on a 375px-wide screen', () => {
  it('is half a pixel, floored like WeChat, never vanishing', () => {
    expect([rpxToPx(750), rpxToPx(28), rpxToPx(3), rpxToPx(1), rpxToPx(0), rpxToPx(-8)]).toEqual([
      375, 14, 1, 0.5, 0, -4,
    ]);
    expect(transformRpx('padding:32rpx 0.5rpx;margin:-24rpx;width:calc(100% - 2RPX)')).toBe(
      'padding:16px 0.5px;margin:-12px;width:calc(100% - 1px)',
    );
  });
});

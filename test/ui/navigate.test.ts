import { routes } from '../../miniprogram/routes';
import { goTo, OPEN_FAILED } from '../../miniprogram/ui/navigate';
import { resetApp } from '../support/app';
import { currentFakeWx, MAX_PAGES } from '../support/fake-wx';

beforeEach(resetApp);

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const stack = () => currentFakeWx().router.stack.map((entry) => entry.route);

describe('goTo', () => {
  it('opens a page of a subpackage on top of the current one, with its query', async () => {
    const fake = currentFakeWx();
    fake.router.reLaunch(routes.home);
    goTo('article', { id: 'guest-first' });
    await settle();
    expect(fake.router.stack.at(-1)).toEqual({
      route: 'packages/content/article/index',
      options: { id: 'guest-first' },
    });
    expect(fake.ui.toasts).toEqual([]);
  });

  it('says so when the page’s subpackage cannot be downloaded, and stays where it is', async () => {
    const fake = currentFakeWx();
    fake.router.reLaunch(routes.mine);
    fake.router.unreachablePackages.add('packages/account');
    goTo('profile');
    await settle();
    expect(stack()).toEqual(['pages/mine/index']);
    expect(fake.ui.toasts.at(-1)?.title).toBe(OPEN_FAILED);

    fake.router.unreachablePackages.clear();
    goTo('profile');
    await settle();
    expect(stack()).toEqual(['pages/mine/index', 'packages/account/profile/index']);
  });

  it('replaces the top page at WeChat’s limit of ten pages instead of doing nothing', async () => {
    const fake = currentFakeWx();
    fake.router.reLaunch(routes.home);
    for (let i = 1; i < MAX_PAGES; i += 1) fake.router.navigateTo(`${routes.article}?id=${i}`);
    goTo('settings');
    await settle();
    expect(stack()).toHaveLength(MAX_PAGES);
    expect(stack().at(-1)).toBe('packages/account/settings/index');
    expect(fake.ui.toasts).toEqual([]);
  });
});

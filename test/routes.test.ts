/** @jest-environment node */
import appJson from '../miniprogram/app.json';
import { pagesOf } from '../cloudfunctions/.shared/app-pages';
import { pageUrl, queryValue, routes } from '../miniprogram/routes';

interface AppPackages {
  pages: string[];
  subPackages: { root: string; name: string; pages: string[] }[];
  preloadRule: Record<string, { network?: string; packages: string[] }>;
  tabBar: { list: { pagePath: string }[] };
}
const app = appJson as unknown as AppPackages;

describe('routes and packages', () => {
  it('names every page of app.json once, and nothing else', () => {
    const named = Object.values(routes).map((route) => route.slice(1));
    expect(new Set(named).size).toBe(named.length);
    expect([...named].sort()).toEqual([...pagesOf(app)].sort());
  });

  it('keeps only the tab pages in the main package; every other page is in a subpackage', () => {
    const tabs = app.tabBar.list.map((tab) => tab.pagePath);
    expect([...app.pages].sort()).toEqual([...tabs].sort());
    expect(app.subPackages.length).toBeGreaterThan(0);
  });

  it('preloads every subpackage from a tab page on any network, so opening one does not wait', () => {
    const tabs = app.tabBar.list.map((tab) => tab.pagePath);
    const preloaded = new Set<string>();
    for (const [page, rule] of Object.entries(app.preloadRule)) {
      expect(tabs).toContain(page);
      expect(rule.network).toBe('all');
      for (const name of rule.packages) preloaded.add(name);
    }
    expect([...preloaded].sort()).toEqual(app.subPackages.map((sub) => sub.name).sort());
  });

  it('preloads from 首页 what 首页 opens, and from 我的 what 我的 opens', () => {
    const packageOf = (route: string) =>
      app.subPackages.find((sub) => route.startsWith(`/${sub.root}/`))?.name ?? 'main';
    expect(app.preloadRule['pages/home/index'].packages).toContain(packageOf(routes.article));
    for (const route of [routes.profile, routes.favorites, routes.links, routes.settings, routes.login])
      expect(app.preloadRule['pages/mine/index'].packages).toContain(packageOf(route));
  });

  it('builds a URL with an encoded query', () => {
    expect(pageUrl('home')).toBe('/pages/home/index');
    expect(pageUrl('article', { id: 'a 1&b' })).toBe('/packages/content/article/index?id=a%201%26b');
    expect(pageUrl('agreement', { doc: 'terms' })).toBe('/packages/account/agreement/index?doc=terms');
  });

  it('reads back what pageUrl encoded, and keeps a value that is not valid encoding', () => {
    expect(queryValue('a%201%26b')).toBe('a 1&b');
    expect(queryValue('guest-first')).toBe('guest-first');
    expect(queryValue('100%')).toBe('100%');
    expect(queryValue(undefined)).toBe('');
  });
});

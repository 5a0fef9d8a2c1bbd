import { readFileSync } from 'fs';
import { resolve as resolvePath } from 'path';
import { typeName, wxFail } from './async';

/**
 * The page stack behind wx.navigateTo / redirectTo / switchTab / reLaunch / navigateBack
 * and getCurrentPages(), with the documented rules: at most 10 pages, tabBar pages only via
 * switchTab / reLaunch, switchTab drops the query and closes every non-tabBar page, page
 * routes must exist in app.json (pages + subpackages) when it is readable.
 */
export type NavigationMethod = 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack';

export interface PageEntry {
  /** Like a page's `route`: no leading slash, e.g. `pages/home/index`. */
  route: string;
  /** The query, values as written in the url (WeChat does not decode them). */
  options: Record<string, string>;
  /** The page instance a render helper attached with `attach()`. */
  instance?: object;
}

export interface NavigationRecord {
  method: NavigationMethod;
  /** The url as passed (navigateBack: undefined). */
  url?: string;
  delta?: number;
  /** The page on top afterwards. */
  route: string;
  options: Record<string, string>;
}

export interface FakeRouter {
  readonly stack: readonly PageEntry[];
  readonly history: readonly NavigationRecord[];
  /** Known pages (from app.json) and tabBar pages; empty `pages` disables the check. */
  readonly pages: readonly string[];
  readonly tabBarPages: readonly string[];
  /**
   * Subpackage roots whose download fails (no network, not preloaded): opening one of their
   * pages fails. WeChat's exact errMsg for this is not documented; the app must not rely on it.
   */
  readonly unreachablePackages: Set<string>;
  navigateTo(url: string): PageEntry;
  redirectTo(url: string): PageEntry;
  switchTab(url: string): PageEntry;
  reLaunch(url: string): PageEntry;
  navigateBack(delta?: number): PageEntry;
  /**
   * Registers a rendered page instance for `route` (the lead's render helper calls it):
   * attaches it to the top-most entry of that route without an instance, else pushes a
   * new entry. The instance gets `route` / `options` if it has none, like a real page.
   */
  attach(route: string, instance: object, options?: Record<string, string>): PageEntry;
  /** What getCurrentPages() returns: attached instances, else the entries themselves. */
  currentPages(): object[];
  /** Called after every successful navigation; returns an unsubscribe function. */
  onNavigate(listener: (record: NavigationRecord, stack: readonly PageEntry[]) => void): () => void;
  /** Empties the stack (history is kept). */
  reset(): void;
}

export const MAX_PAGES = 10;

export interface RouterConfig {
  pages: string[];
  tabBarPages: string[];
}

/** Reads pages and tabBar pages from miniprogram/app.json; empty when it is missing. */
export function readAppConfig(
  appJsonPath = resolvePath(__dirname, '../../../miniprogram/app.json'),
): RouterConfig {
  try {
    const app = JSON.parse(readFileSync(appJsonPath, 'utf8')) as {
      pages?: string[];
      subpackages?: { root: string; pages: string[] }[];
      subPackages?: { root: string; pages: string[] }[];
      tabBar?: { list?: { pagePath: string }[] };
    };
    const pages = [...(app.pages ?? [])];
    for (const sub of [...(app.subpackages ?? []), ...(app.subPackages ?? [])]) {
      const root = sub.root.replace(/^\/+|\/+$/g, '');
      for (const page of sub.pages) pages.push(`${root}/${page}`);
    }
    const tabBarPages = (app.tabBar?.list ?? []).map((item) => item.pagePath.replace(/^\/+/, ''));
    return { pages, tabBarPages };
  } catch {
    return { pages: [], tabBarPages: [] };
  }
}

function parseQuery(query: string): Record<string, string> {
  const options: Record<string, string> = {};
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const index = pair.indexOf('=');
    if (index < 0) options[pair] = '';
    else options[pair.slice(0, index)] = pair.slice(index + 1);
  }
  return options;
}

export class Router implements FakeRouter {
  readonly stack: PageEntry[] = [];
  readonly history: NavigationRecord[] = [];
  readonly pages: string[];
  readonly tabBarPages: string[];
  readonly unreachablePackages = new Set<string>();
  private readonly listeners = new Set<(record: NavigationRecord, stack: readonly PageEntry[]) => void>();

  constructor(config: RouterConfig = readAppConfig()) {
    this.pages = [...config.pages];
    this.tabBarPages = [...config.tabBarPages];
  }

  private parse(method: NavigationMethod, url: unknown): { route: string; options: Record<string, string> } {
    if (typeof url !== 'string') {
      throw wxFail(
        `${method}:fail parameter error: parameter.url should be String instead of ${typeName(url)};`,
      );
    }
    if (url.trim() === '') throw wxFail(`${method}:fail url is empty`);
    const [rawPath, ...rest] = url.split('?');
    let path = rawPath;
    if (!path.startsWith('/')) {
      // Relative to the current page's folder.
      const top = this.stack[this.stack.length - 1];
      const base = top ? top.route.split('/').slice(0, -1) : [];
      for (const part of path.split('/')) {
        if (part === '..') base.pop();
        else if (part !== '.' && part !== '') base.push(part);
      }
      path = base.join('/');
    }
    const route = path.replace(/^\/+/, '').replace(/\/+$/, '');
    if (this.pages.length > 0 && !this.pages.includes(route)) {
      throw wxFail(`${method}:fail page "${route}" is not found`);
    }
    return { route, options: parseQuery(rest.join('?')) };
  }

  private isTab(route: string): boolean {
    return this.tabBarPages.includes(route);
  }

  private done(record: Omit<NavigationRecord, 'route' | 'options'>): PageEntry {
    const top = this.stack[this.stack.length - 1];
    const full: NavigationRecord = { ...record, route: top.route, options: { ...top.options } };
    this.history.push(full);
    for (const listener of [...this.listeners]) listener(full, this.stack);
    return top;
  }

  private load(method: NavigationMethod, route: string): void {
    for (const root of this.unreachablePackages) {
      if (route.startsWith(`${root}/`)) throw wxFail(`${method}:fail download subpackage ${root} failed`);
    }
  }

  navigateTo(url: string): PageEntry {
    const { route, options } = this.parse('navigateTo', url);
    if (this.isTab(route)) throw wxFail('navigateTo:fail can not navigateTo a tabbar page');
    if (this.stack.length >= MAX_PAGES) throw wxFail('navigateTo:fail webview count limit exceed');
    this.load('navigateTo', route);
    this.stack.push({ route, options });
    return this.done({ method: 'navigateTo', url });
  }

  redirectTo(url: string): PageEntry {
    const { route, options } = this.parse('redirectTo', url);
    if (this.isTab(route)) throw wxFail('redirectTo:fail can not redirectTo a tabbar page');
    this.load('redirectTo', route);
    this.stack.pop();
    this.stack.push({ route, options });
    return this.done({ method: 'redirectTo', url });
  }

  switchTab(url: string): PageEntry {
    const { route } = this.parse('switchTab', url);
    if (this.tabBarPages.length > 0 && !this.isTab(route)) {
      throw wxFail('switchTab:fail can not switch to no-tabBar page');
    }
    // Non-tabBar pages are closed; the tab page keeps its instance if it was alive.
    const existing = this.stack.find((entry) => entry.route === route);
    this.stack.length = 0;
    this.stack.push(existing ?? { route, options: {} });
    return this.done({ method: 'switchTab', url });
  }

  reLaunch(url: string): PageEntry {
    const { route, options } = this.parse('reLaunch', url);
    this.stack.length = 0;
    this.stack.push({ route, options });
    return this.done({ method: 'reLaunch', url });
  }

  navigateBack(delta = 1): PageEntry {
    if (this.stack.length <= 1) throw wxFail('navigateBack:fail cannot navigate back at first page.');
    const steps = Math.max(1, Math.floor(Number(delta) || 1));
    this.stack.splice(Math.max(1, this.stack.length - steps));
    return this.done({ method: 'navigateBack', delta: steps });
  }

  attach(route: string, instance: object, options?: Record<string, string>): PageEntry {
    const clean = route.replace(/^\/+/, '');
    let entry = [...this.stack]
      .reverse()
      .find((candidate) => candidate.route === clean && !candidate.instance);
    if (!entry) {
      entry = { route: clean, options: { ...(options ?? {}) } };
      this.stack.push(entry);
    } else if (options) {
      entry.options = { ...options };
    }
    entry.instance = instance;
    const page = instance as { route?: unknown; options?: unknown };
    if (page.route === undefined) page.route = entry.route;
    if (page.options === undefined) page.options = entry.options;
    return entry;
  }

  currentPages(): object[] {
    return this.stack.map((entry) => entry.instance ?? entry);
  }

  onNavigate(listener: (record: NavigationRecord, stack: readonly PageEntry[]) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  reset(): void {
    this.stack.length = 0;
  }
}

/**
 * What WeChat reads from app.json, theme.json and each page's json to draw around a page:
 * the page list, the tabBar, the window (navigation bar title and colours, background)
 * with per-page overrides, and the light/dark values behind `@name` references.
 */
import { existsSync, readFileSync } from 'fs';
import path from 'path';

export type Theme = 'light' | 'dark';

export const projectRoot = path.resolve(__dirname, '../..');
export const miniprogramRoot = path.join(projectRoot, 'miniprogram');

/** The window keys a page's json may override (app.json "window"). */
export interface WindowConfig {
  navigationBarTitleText?: string;
  navigationBarBackgroundColor?: string;
  navigationBarTextStyle?: string;
  navigationStyle?: string;
  backgroundColor?: string;
  backgroundTextStyle?: string;
}

export interface TabBarItem {
  pagePath: string;
  text: string;
  iconPath?: string;
  selectedIconPath?: string;
}

export interface TabBarConfig {
  color?: string;
  selectedColor?: string;
  backgroundColor?: string;
  borderStyle?: string;
  position?: string;
  custom?: boolean;
  list: TabBarItem[];
}

export interface AppConfig {
  /** Every page route (pages, then subpackage pages), as `pages/home/index`. */
  pages: string[];
  window: WindowConfig;
  tabBar?: TabBarConfig;
  /** app.json "style": "v2" switches the built-in components to their new default styles. */
  styleV2: boolean;
  /** theme.json values by name, per theme (empty when the app has no theme.json). */
  themeValues: Record<Theme, Record<string, string>>;
}

/** What WeChat draws for one page in one theme, with `@name` references resolved. */
export interface ResolvedWindow {
  title: string;
  navigationBarBackgroundColor: string;
  navigationBarTextStyle: 'black' | 'white';
  navigationStyle: 'default' | 'custom';
  backgroundColor: string;
}

export interface ResolvedTabBar {
  color: string;
  selectedColor: string;
  backgroundColor: string;
  borderStyle: 'black' | 'white';
  items: { pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }[];
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

export function readAppConfig(root = miniprogramRoot): AppConfig {
  const app = readJson<{
    pages?: string[];
    subpackages?: { root: string; pages: string[] }[];
    subPackages?: { root: string; pages: string[] }[];
    window?: WindowConfig;
    tabBar?: TabBarConfig;
    style?: string;
    themeLocation?: string;
  }>(path.join(root, 'app.json'));
  const pages = [...(app.pages ?? [])];
  for (const sub of [...(app.subpackages ?? []), ...(app.subPackages ?? [])]) {
    const base = sub.root.replace(/^\/+|\/+$/g, '');
    for (const page of sub.pages) pages.push(`${base}/${page}`);
  }
  const themeFile = app.themeLocation ? path.join(root, app.themeLocation) : undefined;
  const themes =
    themeFile && existsSync(themeFile)
      ? readJson<Partial<Record<Theme, Record<string, string>>>>(themeFile)
      : {};
  return {
    pages,
    window: app.window ?? {},
    tabBar: app.tabBar,
    styleV2: app.style === 'v2',
    themeValues: { light: themes.light ?? {}, dark: themes.dark ?? {} },
  };
}

/** Resolves a `@name` reference from theme.json (WeChat's darkmode variables). */
export function themed(config: AppConfig, value: string | undefined, theme: Theme): string | undefined {
  if (value === undefined || !value.startsWith('@')) return value;
  return config.themeValues[theme][value.slice(1)] ?? config.themeValues.light[value.slice(1)];
}

export function isTabPage(config: AppConfig, route: string): boolean {
  return (config.tabBar?.list ?? []).some((item) => item.pagePath.replace(/^\/+/, '') === route);
}

/** The page's window: app.json "window" overridden by the page's own json. */
export function resolveWindow(
  config: AppConfig,
  route: string,
  theme: Theme,
  root = miniprogramRoot,
): ResolvedWindow {
  const pageJsonFile = path.join(root, `${route}.json`);
  const pageJson = existsSync(pageJsonFile) ? readJson<WindowConfig>(pageJsonFile) : {};
  const merged: WindowConfig = { ...config.window, ...pageJson };
  const pick = (key: keyof WindowConfig, fallback: string): string =>
    themed(config, merged[key], theme) ?? fallback;
  return {
    title: merged.navigationBarTitleText ?? '',
    navigationBarBackgroundColor: pick('navigationBarBackgroundColor', '#000000'),
    navigationBarTextStyle: pick('navigationBarTextStyle', 'white') === 'black' ? 'black' : 'white',
    navigationStyle: merged.navigationStyle === 'custom' ? 'custom' : 'default',
    backgroundColor: pick('backgroundColor', theme === 'dark' ? '#191919' : '#ffffff'),
  };
}

/** The bottom tabBar for a page, or undefined when the page is not a tab (or it is custom). */
export function resolveTabBar(config: AppConfig, route: string, theme: Theme): ResolvedTabBar | undefined {
  const tabBar = config.tabBar;
  if (!tabBar || tabBar.custom || tabBar.position === 'top' || !isTabPage(config, route)) return undefined;
  const value = (raw: string | undefined, fallback: string) => themed(config, raw, theme) ?? fallback;
  return {
    color: value(tabBar.color, '#7a7e83'),
    selectedColor: value(tabBar.selectedColor, '#07c160'),
    backgroundColor: value(tabBar.backgroundColor, '#ffffff'),
    borderStyle: value(tabBar.borderStyle, 'black') === 'white' ? 'white' : 'black',
    items: tabBar.list.map((item) => ({
      pagePath: item.pagePath.replace(/^\/+/, ''),
      text: item.text,
      iconPath: themed(config, item.iconPath, theme),
      selectedIconPath: themed(config, item.selectedIconPath, theme),
    })),
  };
}

/**
 * The short name used in file names: the page's folder, wherever its package is
 * (`pages/home/index` → `home`, `packages/account/profile/index` → `profile`);
 * declaredStates refuses two pages with the same name.
 */
export function pageName(route: string): string {
  const parts = route.split('/');
  return parts.at(-1) === 'index' && parts.length > 1 ? parts[parts.length - 2] : (parts.at(-1) ?? route);
}

/**
 * Every page's path, named once. app.json declares the same pages (test/routes.test.ts
 * checks that the two agree); code navigates, shares and links through these names.
 * 首页 and 我的 are the main package; the other pages live in two subpackages
 * (packages/content, packages/account) that app.json's preloadRule fetches while 首页 or
 * 我的 is shown, so opening them does not wait for a download.
 */
export const routes = {
  home: '/pages/home/index',
  mine: '/pages/mine/index',
  article: '/packages/content/article/index',
  login: '/packages/account/login/index',
  profile: '/packages/account/profile/index',
  favorites: '/packages/account/favorites/index',
  links: '/packages/account/links/index',
  settings: '/packages/account/settings/index',
  agreement: '/packages/account/agreement/index',
  diagnostics: '/packages/account/diagnostics/index',
} as const;

export type RouteName = keyof typeof routes;

/** A page's URL with its query, e.g. `pageUrl('article', { id })`. */
export function pageUrl(name: RouteName, query: Record<string, string> = {}): string {
  const search = Object.keys(query)
    .map((key) => `${key}=${encodeURIComponent(query[key])}`)
    .join('&');
  return search ? `${routes[name]}?${search}` : routes[name];
}

/**
 * A query value as pageUrl wrote it: WeChat hands onLoad the query as it is in the URL, not
 * decoded. A value that is not valid percent-encoding comes back as it is.
 */
export function queryValue(raw: string | undefined): string {
  try {
    return decodeURIComponent(raw ?? '');
  } catch {
    return raw ?? '';
  }
}

import { articles } from '../../../data/articles';
import { routes, type RouteName } from '../../../routes';

/**
 * Pages a user may create an external link to, with what they show. The server checks
 * every path against app.json again; this list only decides what the picker offers.
 */
export interface LinkTarget {
  key: string;
  label: string;
  /** A page of app.json, without a leading slash. */
  path: string;
  query: string;
}

/** A page of app.json as the link APIs take it: without the leading slash. */
const pagePath = (name: RouteName) => routes[name].slice(1);

/** The first article of the catalogue, when there is one. */
const article = articles[0];

export const linkTargets: readonly LinkTarget[] = [
  { key: 'home', label: '首页', path: pagePath('home'), query: '' },
  ...(article
    ? [
        {
          key: 'article',
          label: `文章：${article.title}`,
          path: pagePath('article'),
          query: `id=${article.id}`,
        },
      ]
    : []),
  { key: 'favorites', label: '我的收藏', path: pagePath('favorites'), query: '' },
  { key: 'profile', label: '个人资料', path: pagePath('profile'), query: '' },
];

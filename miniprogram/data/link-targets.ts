import { articles } from './articles';

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

/** The first article of the catalogue, when there is one. */
const article = articles[0];

export const linkTargets: readonly LinkTarget[] = [
  { key: 'home', label: '首页', path: 'pages/home/index', query: '' },
  ...(article
    ? [
        {
          key: 'article',
          label: `文章：${article.title}`,
          path: 'pages/article/index',
          query: `id=${article.id}`,
        },
      ]
    : []),
  { key: 'favorites', label: '我的收藏', path: 'pages/favorites/index', query: '' },
  { key: 'profile', label: '个人资料', path: 'pages/profile/index', query: '' },
];

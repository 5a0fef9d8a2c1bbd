// Screenshot states of the article page (see scripts/screenshots/states.ts).
import { articles } from '../../../miniprogram/data/articles';
import { favoritesStore } from '../../../miniprogram/stores/favorites';
import { sessionStore } from '../../../miniprogram/stores/session';
import { pageStates } from '../../../scripts/screenshots/states';
import { openPage, renderPage } from '../../support/render';

const article = articles[1];

export default pageStates('packages/content/article/index', [
  {
    name: 'guest',
    caption: '从首页打开文章：游客可以完整阅读',
    async open() {
      await renderPage('pages/home/index');
      return openPage(`/packages/content/article/index?id=${article.id}`);
    },
  },
  {
    name: 'favorited',
    caption: '已登录并收藏：按钮显示“已收藏”',
    async open() {
      await sessionStore.login();
      await favoritesStore.toggle(article.id);
      await renderPage('pages/home/index');
      return openPage(`/packages/content/article/index?id=${article.id}`);
    },
  },
  {
    name: 'not-found',
    caption: '链接里的文章不存在：空状态和“返回首页”',
    open: () => openPage('/packages/content/article/index?id=nope'),
  },
]);

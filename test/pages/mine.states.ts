// Screenshot states of 我的 (see scripts/screenshots/states.ts).
import { articles } from '../../miniprogram/data/articles';
import { favoritesStore } from '../../miniprogram/stores/favorites';
import { sessionStore } from '../../miniprogram/stores/session';
import { pageStates } from '../../scripts/screenshots/states';
import { renderPage } from '../support/render';

export default pageStates('pages/mine/index', [
  { name: 'guest', caption: '游客：完整的页面结构和一个“登录”按钮，不强制登录' },
  {
    name: 'user',
    caption: '已登录：显示收藏数量和“退出登录”',
    async open({ route }) {
      await sessionStore.login();
      await favoritesStore.toggle(articles[0].id);
      await favoritesStore.toggle(articles[1].id);
      return renderPage(route);
    },
  },
]);

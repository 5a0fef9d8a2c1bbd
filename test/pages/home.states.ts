// Screenshot states of 首页 (see scripts/screenshots/states.ts).
import { articles } from '../../miniprogram/data/articles';
import { favoritesStore } from '../../miniprogram/stores/favorites';
import { sessionStore } from '../../miniprogram/stores/session';
import { pageStates } from '../../scripts/screenshots/states';
import { launchApp } from '../support/app';
import { renderPage } from '../support/render';

export default pageStates('pages/home/index', [
  {
    name: 'guest',
    caption: '游客打开小程序：直接看到全部内容，没有登录弹窗',
    async open({ route }) {
      await launchApp();
      return renderPage(route);
    },
  },
  {
    name: 'user',
    caption: '已登录：收藏过的文章亮起星标',
    async open({ route }) {
      await sessionStore.login();
      await favoritesStore.toggle(articles[0].id);
      await favoritesStore.toggle(articles[2].id);
      return renderPage(route);
    },
  },
  {
    name: 'login-sheet',
    caption: '游客点“收藏”：底部弹出登录说明，可以“暂不登录”',
    async open({ route }) {
      const page = await renderPage(route);
      await page.tap(`#star-${articles[0].id}`);
      return page;
    },
  },
  {
    name: 'dark',
    caption: '深色模式（theme.json 的 dark 配色）',
    theme: 'dark',
    async open({ route }) {
      await sessionStore.login();
      await favoritesStore.toggle(articles[1].id);
      return renderPage(route);
    },
  },
]);

// Screenshot states of 我的收藏 (see scripts/screenshots/states.ts).
import { articles } from '../../../miniprogram/data/articles';
import { FAVORITES_FRESH_MS, favoritesStore } from '../../../miniprogram/stores/favorites';
import { setClock } from '../../../miniprogram/utils/clock';
import { sessionStore } from '../../../miniprogram/stores/session';
import { pageStates } from '../../../scripts/screenshots/states';
import { openPage, renderPage } from '../../support/render';

/** 我的 → 我的收藏, as a user gets there. */
async function openFromMine() {
  await renderPage('pages/mine/index');
  return openPage('/packages/account/favorites/index');
}

export default pageStates('packages/account/favorites/index', [
  {
    name: 'guest',
    caption: '游客通过分享链接打开：说明原因并提供登录',
    open: () => openPage('/packages/account/favorites/index'),
  },
  {
    name: 'user',
    caption: '已登录：收藏的文章，最新的在前',
    async open() {
      await sessionStore.login();
      await favoritesStore.toggle(articles[0].id);
      await favoritesStore.toggle(articles[2].id);
      return openFromMine();
    },
  },
  {
    name: 'empty',
    caption: '已登录但还没有收藏',
    async open() {
      await sessionStore.login();
      return openFromMine();
    },
  },
  {
    name: 'error',
    caption: '网络不可用：显示原因和“重试”',
    async open({ fake }) {
      await sessionStore.login();
      await favoritesStore.load();
      // Back later, offline: the list is no longer fresh, and fetching it fails.
      setClock(() => Date.now() + FAVORITES_FRESH_MS + 1);
      fake.network.offline = true;
      return openFromMine();
    },
  },
]);

// Screenshot states of 我的 (see scripts/screenshots/states.ts).
import { articles } from '../../miniprogram/data/articles';
import { favoritesStore } from '../../miniprogram/stores/favorites';
import { sessionStore } from '../../miniprogram/stores/session';
import { pageStates } from '../../scripts/screenshots/states';
import { launchApp } from '../support/app';
import { renderPage } from '../support/render';
import { fillProfile } from '../packages/account/profile.states';

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
  {
    name: 'logout-confirm',
    caption: '点“退出登录”：微信的确认框（wx.showModal）',
    native: 'modal',
    async open({ route, fake }) {
      await sessionStore.login();
      const page = await renderPage(route);
      fake.ui.modalAnswer = 'cancel';
      await page.tap('#logout');
      return page;
    },
  },
  {
    name: 'privacy-popup',
    caption: 'tabBar 页面上用到隐私接口：只有最上层页面弹出隐私保护提示',
    async open({ route, fake }) {
      await launchApp();
      const page = await renderPage(route);
      void fake.privacy.touch('setClipboardData').catch(() => undefined);
      await page.settle();
      return page;
    },
  },
  {
    name: 'with-profile',
    caption: '填写过资料的用户：头像和昵称',
    async open({ route, fake }) {
      await fillProfile(fake);
      return renderPage(route);
    },
  },
]);

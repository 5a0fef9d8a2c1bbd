// Screenshot states of 生成外部链接 (see scripts/screenshots/states.ts).
import { sessionStore } from '../../../miniprogram/stores/session';
import { pageStates } from '../../../scripts/screenshots/states';
import { openPage, renderPage } from '../../support/render';

/** 我的 → 生成外部链接, as a user. */
async function openAsUser() {
  await sessionStore.login();
  await renderPage('pages/mine/index');
  return openPage('/packages/account/links/index');
}

export default pageStates('packages/account/links/index', [
  { name: 'guest', caption: '游客通过链接打开：说明原因并请他登录' },
  { name: 'user', caption: '选择目标页面、链接类型和有效期', open: openAsUser },
  {
    name: 'created',
    caption: '生成的 URL Scheme 与失效时间（最长 30 天）',
    scroll: 'bottom',
    async open({ fake }) {
      fake.privacy.agreed = true;
      const page = await openAsUser();
      await page.tap('#target-article');
      await page.tap('#create');
      await page.settle();
      return page;
    },
  },
]);

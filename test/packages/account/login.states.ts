// Screenshot states of the login page (see scripts/screenshots/states.ts).
import { pageStates } from '../../../scripts/screenshots/states';
import { openPage, renderPage } from '../../support/render';

/** The login page as a user reaches it: 我的 → 登录. */
async function openFromMine() {
  await renderPage('pages/mine/index');
  return openPage('/packages/account/login/index');
}

export default pageStates('packages/account/login/index', [
  {
    name: 'default',
    caption: '登录页：说明登录的用途和获取的信息，可以“暂不登录”',
    open: openFromMine,
  },
  {
    name: 'agreement-warning',
    caption: '未勾选协议就点“微信登录”：提示先阅读并同意',
    async open() {
      const page = await openFromMine();
      await page.tap('#panel >> #login');
      return page;
    },
  },
  {
    name: 'network-error',
    caption: '网络不可用时登录失败：说明原因，仍是游客，可重试',
    async open({ fake }) {
      const page = await openFromMine();
      await page.tap('#panel >> #agree');
      fake.network.offline = true;
      await page.tap('#panel >> #login');
      return page;
    },
  },
]);

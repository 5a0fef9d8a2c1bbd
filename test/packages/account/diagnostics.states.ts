// Screenshot states of 服务连通性 (see scripts/screenshots/states.ts).
import { pageStates } from '../../../scripts/screenshots/states';
import { openPage, renderPage } from '../../support/render';

/** 我的 → 服务连通性. */
async function openFromMine() {
  await renderPage('pages/mine/index');
  return openPage('/packages/account/diagnostics/index');
}

export default pageStates('packages/account/diagnostics/index', [
  { name: 'default', caption: '服务连通性：当前连接方式', open: openFromMine },
  {
    name: 'ping',
    caption: '测试云函数成功：显示本地云运行时分配的 openid',
    async open() {
      const page = await openFromMine();
      await page.tap('#ping');
      return page;
    },
  },
  {
    name: 'offline',
    caption: '网络不可用：调用失败的原因',
    async open({ fake }) {
      const page = await openFromMine();
      fake.network.offline = true;
      await page.tap('#ping');
      return page;
    },
  },
]);

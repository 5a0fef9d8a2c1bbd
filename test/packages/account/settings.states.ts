// Screenshot states of 设置 (see scripts/screenshots/states.ts).
import { pageStates } from '../../../scripts/screenshots/states';
import type { FakeWx } from '../../support/fake-wx';
import { openPage, renderPage } from '../../support/render';

/** What wx.getSetting answers: the permissions this user was asked about. */
function withAuthSetting(fake: FakeWx, authSetting: Record<string, boolean>): void {
  fake.wx.getSetting = ((options: WechatMiniprogram.GetSettingOption) =>
    options.success?.({ authSetting, errMsg: 'getSetting:ok' } as never)) as typeof fake.wx.getSetting;
}

/** 我的 → 设置. */
async function openFromMine() {
  await renderPage('pages/mine/index');
  return openPage('/packages/account/settings/index');
}

export default pageStates('packages/account/settings/index', [
  {
    name: 'default',
    caption: '用户被请求过的权限，用中文说明，可去微信设置里修改',
    async open({ fake }) {
      withAuthSetting(fake, {
        'scope.userLocation': true,
        'scope.writePhotosAlbum': false,
        'scope.camera': true,
      });
      return openFromMine();
    },
  },
  {
    name: 'nothing-asked',
    caption: '还没有申请过任何权限',
    async open({ fake }) {
      withAuthSetting(fake, {});
      return openFromMine();
    },
  },
]);

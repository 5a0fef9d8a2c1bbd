import { resetApp } from '../../support/app';
import { currentFakeWx, installFakeWx, type FakeWx } from '../../support/fake-wx';
import { openPage } from '../../support/render';

beforeEach(resetApp);

/** WeChat's getSetting/openSetting answer with the user's authSetting. */
function withAuthSetting(fake: FakeWx, authSetting: Record<string, boolean>, afterOpenSetting = authSetting) {
  fake.wx.getSetting = ((options: WechatMiniprogram.GetSettingOption) =>
    options.success?.({ authSetting, errMsg: 'getSetting:ok' } as never)) as typeof fake.wx.getSetting;
  const openSetting = jest.fn((options: WechatMiniprogram.OpenSettingOption) =>
    options.success?.({ authSetting: afterOpenSetting, errMsg: 'openSetting:ok' } as never),
  );
  fake.wx.openSetting = openSetting as unknown as typeof fake.wx.openSetting;
  return { openSetting };
}

describe('settings page', () => {
  it('shows the permissions the user was asked about, in words, without scope.userInfo', async () => {
    withAuthSetting(currentFakeWx(), {
      'scope.userLocation': true,
      'scope.writePhotosAlbum': false,
      'scope.userInfo': true,
    });
    const page = await openPage('/packages/account/settings/index');
    expect(page.text()).toContain('位置信息已允许');
    expect(page.text()).toContain('保存到相册未允许');
    expect(page.text()).not.toContain('userInfo');
  });

  it('says so when nothing was asked yet', async () => {
    withAuthSetting(currentFakeWx(), {});
    const page = await openPage('/packages/account/settings/index');
    expect(page.text()).toContain('暂未申请任何权限');
  });

  it("opens WeChat's settings only from the tap, and shows what the user changed there", async () => {
    const fake = currentFakeWx();
    const { openSetting } = withAuthSetting(
      fake,
      { 'scope.userLocation': false },
      { 'scope.userLocation': true },
    );
    const page = await openPage('/packages/account/settings/index');
    expect(openSetting).not.toHaveBeenCalled();
    expect(page.text()).toContain('位置信息未允许');

    await page.tap('#open-setting');
    expect(openSetting).toHaveBeenCalledTimes(1);
    expect(page.text()).toContain('位置信息已允许');
  });

  it('shows the version and base library, and opens the privacy guide', async () => {
    const fake = installFakeWx({ envVersion: 'release', version: '1.4.0', sdkVersion: '3.3.4' });
    withAuthSetting(fake, {});
    const page = await openPage('/packages/account/settings/index');
    expect(page.text()).toContain('1.4.0（正式版）');
    expect(page.text()).toContain('3.3.4');
    await page.tap('#privacy');
    expect(fake.privacy.contractOpened).toBe(1);
  });
});

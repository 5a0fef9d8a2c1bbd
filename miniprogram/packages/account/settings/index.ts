import { permissionRows, versionLabel } from '../utils/permissions';
import { openPrivacyContract, openUserAgreement } from '../../../ui/privacy-contract';
import { sdkVersion } from '../../../utils/version';
import type { SettingsData } from './type';

const initialData: SettingsData = {
  permissions: [],
  permissionsLoaded: false,
  permissionsError: '',
  version: '',
  sdkVersion: '',
};

/**
 * 设置: what the user has allowed (wx.getSetting), a way to change it (wx.openSetting,
 * which WeChat only allows from a tap), the privacy guide, and versions.
 */
Component({
  data: initialData,
  methods: {
    onLoad() {
      this.setData({ version: versionLabel(wx.getAccountInfoSync().miniProgram), sdkVersion: sdkVersion() });
    },

    /** Re-read on every show: the user may come back from WeChat's settings page. */
    onShow() {
      wx.getSetting({
        success: ({ authSetting }) =>
          this.setData({
            permissions: permissionRows(authSetting as Record<string, boolean>),
            permissionsLoaded: true,
            permissionsError: '',
          }),
        fail: () => this.setData({ permissionsLoaded: true, permissionsError: '请稍后重试' }),
      });
    },

    /** Only ever from this tap (WeChat rejects openSetting outside a user's tap). */
    onOpenSetting() {
      wx.openSetting({
        success: ({ authSetting }) =>
          this.setData({ permissions: permissionRows(authSetting as Record<string, boolean>) }),
      });
    },

    onOpenPrivacy() {
      openPrivacyContract();
    },

    onOpenTerms() {
      openUserAgreement();
    },
  },
});

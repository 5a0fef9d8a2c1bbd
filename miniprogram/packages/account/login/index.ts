import { routes } from '../../../routes';
/**
 * The dedicated login page: what login is for, what is collected, "微信登录" and
 * "暂不登录". Either way the user goes back to where they came from.
 */
Component({
  methods: {
    onSuccess() {
      wx.showToast({ title: '登录成功', icon: 'success' });
      this.leave();
    },

    onCancel() {
      this.leave();
    },

    leave() {
      if (getCurrentPages().length > 1) wx.navigateBack({ delta: 1 });
      else wx.switchTab({ url: routes.mine });
    },
  },
});

/**
 * The login prompt a page opens when a guest taps something that needs an account.
 * It says why (`reason`), and always lets the user decline. Events: `success`, `cancel`.
 */
Component({
  properties: {
    visible: { type: Boolean, value: false },
    reason: { type: String, value: '登录后即可使用此功能' },
  },
  methods: {
    onSuccess() {
      this.triggerEvent('success');
    },
    onCancel() {
      this.triggerEvent('cancel');
    },
    /** Overlay tap or swipe-down closes the sheet: the same as "暂不登录". */
    onVisibleChange(event: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
      if (!event.detail.visible) this.triggerEvent('cancel');
    },
  },
});

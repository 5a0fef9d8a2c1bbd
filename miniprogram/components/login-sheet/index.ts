import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { sessionStore } from '../../stores/session';

/**
 * The login prompt a page opens when a guest taps something that needs an account.
 * It says why (`reason`), and always lets the user decline (not while a login request
 * is on its way: that one finishes first). Events: `success`, `cancel`.
 */
ComponentWithStore({
  storeBindings: { store: sessionStore, fields: ['status'], actions: [] },
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
      if (!event.detail.visible && sessionStore.status !== 'loading') this.triggerEvent('cancel');
    },
  },
});

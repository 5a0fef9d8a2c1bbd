import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { sessionStore } from '../../stores/session';
import { openPrivacyContract, openUserAgreement } from '../../utils/privacy-contract';

/**
 * The one place a login starts: agreement line, "微信登录" and "暂不登录".
 * Used by the login page and the login sheet. Events: `success`, `cancel`.
 */
ComponentWithStore({
  storeBindings: {
    store: sessionStore,
    fields: ['status'],
    actions: [],
  },
  data: {
    agreed: false,
    /** Shown when the user tapped login without ticking the agreement. */
    needAgreement: false,
    error: '',
  },
  methods: {
    onAgreementChange(event: WechatMiniprogram.CustomEvent<{ checked: boolean }>) {
      this.setData({ agreed: event.detail.checked, needAgreement: false });
    },

    async onLogin(): Promise<void> {
      if (!this.data.agreed) {
        this.setData({ needAgreement: true });
        return;
      }
      this.setData({ error: '' });
      try {
        await sessionStore.login();
        this.triggerEvent('success');
      } catch (error) {
        this.setData({ error: `${(error as Error).message}，可点击重试` });
      }
    },

    onCancel() {
      this.setData({ error: '', needAgreement: false });
      this.triggerEvent('cancel');
    },

    onOpenTerms() {
      openUserAgreement();
    },

    onOpenPrivacy() {
      openPrivacyContract();
    },
  },
});

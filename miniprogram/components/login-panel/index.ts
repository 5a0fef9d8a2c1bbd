import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { sessionStore } from '../../stores/session';
import { openPrivacyContract, openUserAgreement } from '../../ui/privacy-contract';
import { emit, type StoreFields } from '../../utils/page-shape';
import type { LoginPanelBound, LoginPanelData, LoginPanelEvents } from './type';

const initialData: LoginPanelData = { agreed: false, needAgreement: false, error: '' };

/**
 * The one place a login starts: agreement line, "微信登录" and "暂不登录".
 * Used by the login page and the login sheet. Its data and events: ./type.ts.
 */
ComponentWithStore({
  storeBindings: {
    store: sessionStore,
    fields: { status: () => sessionStore.status } satisfies StoreFields<LoginPanelBound>,
    actions: [],
  },
  data: initialData,
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
        emit<LoginPanelEvents, 'success'>(this, 'success', {});
      } catch (error) {
        this.setData({ error: `${(error as Error).message}，可点击重试` });
      }
    },

    onCancel() {
      this.setData({ error: '', needAgreement: false });
      emit<LoginPanelEvents, 'cancel'>(this, 'cancel', {});
    },

    onOpenTerms() {
      openUserAgreement();
    },

    onOpenPrivacy() {
      openPrivacyContract();
    },
  },
});

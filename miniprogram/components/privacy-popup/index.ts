import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { privacyStore } from '../../stores/privacy';
import {
  agreePrivacy,
  disagreePrivacy,
  PRIVACY_AGREE_BUTTON_ID,
  reportPrivacyExposure,
} from '../../ui/privacy-requests';
import { openPrivacyContract } from '../../ui/privacy-contract';
import type { StoreFields } from '../../utils/page-shape';
import type { PrivacyPopupBound, PrivacyPopupData } from './type';

/** Why a feature needs the agreement, by WeChat's referrer name. */
const PURPOSES: Record<string, string> = {
  chooseAvatar: '设置头像',
  'button.chooseAvatar': '设置头像',
  'input.nickname': '填写昵称',
  getPhoneNumber: '绑定手机号',
  'button.getPhoneNumber': '绑定手机号',
  setClipboardData: '复制链接',
  getClipboardData: '读取剪贴板',
  chooseMedia: '选择图片',
  chooseImage: '选择图片',
};

const initialData: PrivacyPopupData = { visible: false, purpose: '' };

/**
 * The privacy-authorization popup. Every page includes it once:
 * `<privacy-popup id="privacy-popup" />`; the privacy manager (ui/privacy-requests.ts) opens the
 * one on the page on top. "同意" is WeChat's agreePrivacyAuthorization button.
 */
ComponentWithStore({
  storeBindings: {
    store: privacyStore,
    fields: { contractName: () => privacyStore.contractName } satisfies StoreFields<PrivacyPopupBound>,
    actions: [],
  },
  data: initialData,
  lifetimes: {
    detached() {
      // The page went away with the question open: the held requests must not hang.
      if (this.data.visible) disagreePrivacy();
    },
  },
  methods: {
    show(referrer: string) {
      this.setData({ visible: true, purpose: PURPOSES[referrer] ?? '' });
      reportPrivacyExposure();
    },

    hide() {
      this.setData({ visible: false });
    },

    onAgree(event: WechatMiniprogram.AgreePrivacyAuthorizationEvent) {
      if (event.detail?.errMsg && !/:ok/.test(event.detail.errMsg)) return;
      this.hide();
      agreePrivacy(PRIVACY_AGREE_BUTTON_ID);
    },

    onDisagree() {
      this.hide();
      disagreePrivacy();
    },

    onOpenContract() {
      openPrivacyContract();
    },
  },
});

import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import {
  agreePrivacy,
  disagreePrivacy,
  PRIVACY_AGREE_BUTTON_ID,
  privacyStore,
  reportPrivacyExposure,
} from '../../stores/privacy';
import { openPrivacyContract } from '../../utils/privacy-contract';

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

/**
 * The privacy-authorization popup. Every page includes it once:
 * `<privacy-popup id="privacy-popup" />`; the privacy manager (stores/privacy.ts) opens the
 * one on the page on top. "同意" is WeChat's agreePrivacyAuthorization button.
 */
ComponentWithStore({
  storeBindings: { store: privacyStore, fields: ['contractName'], actions: [] },
  data: {
    visible: false,
    purpose: '',
  },
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

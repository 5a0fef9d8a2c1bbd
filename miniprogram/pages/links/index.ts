import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import Toast from 'tdesign-miniprogram/toast/index';
import { loginGate, requireLogin } from '../../behaviors/login-gate';
import { linkTargets } from '../../data/link-targets';
import { createLink, type LinkKind } from '../../services/links';
import { sessionStore } from '../../stores/session';
import { formatDateTime } from '../../utils/format';

/**
 * 生成外部链接: a signed-in user creates a URL Scheme or URL Link (1-30 days) to a page,
 * sees it and copies it. Copying is a privacy API: it goes through the privacy popup.
 */
ComponentWithStore({
  behaviors: [loginGate],
  storeBindings: { store: sessionStore, fields: ['status'], actions: [] },
  data: {
    targets: linkTargets.slice(),
    targetKey: linkTargets[0].key,
    kind: 'scheme' as LinkKind,
    days: 7,
    creating: false,
    error: '',
    link: null as { kind: LinkKind; url: string; expireText: string } | null,
  },
  methods: {
    onLogin() {
      requireLogin(this, '登录后可生成打开小程序的链接', () => undefined);
    },

    onPickTarget(event: WechatMiniprogram.BaseEvent<Record<string, never>, { key: string }>) {
      this.setData({ targetKey: event.currentTarget.dataset.key, link: null, error: '' });
    },

    onKindChange(event: WechatMiniprogram.CustomEvent<{ value: LinkKind }>) {
      this.setData({ kind: event.detail.value, link: null, error: '' });
    },

    onDaysChange(event: WechatMiniprogram.CustomEvent<{ value: number }>) {
      this.setData({ days: Number(event.detail.value), link: null, error: '' });
    },

    async onCreate(): Promise<void> {
      if (this.data.creating) return;
      const target = linkTargets.find((item) => item.key === this.data.targetKey) ?? linkTargets[0];
      this.setData({ creating: true, error: '', link: null });
      try {
        const link = await createLink(this.data.kind, target.path, target.query, this.data.days);
        this.setData({ link: { kind: link.kind, url: link.url, expireText: formatDateTime(link.expireAt) } });
      } catch (error) {
        this.setData({ error: (error as Error).message });
      } finally {
        this.setData({ creating: false });
      }
    },

    onCopy() {
      const link = this.data.link;
      if (!link) return;
      wx.setClipboardData({
        data: link.url,
        // WeChat shows its own "内容已复制" toast on success.
        fail: (error) => {
          if (/privacy/i.test(error.errMsg)) return; // The privacy popup already said why.
          Toast({
            context: this,
            selector: '#t-toast',
            message: '复制失败，请长按链接手动复制',
            theme: 'error',
          });
        },
      });
    },
  },
});

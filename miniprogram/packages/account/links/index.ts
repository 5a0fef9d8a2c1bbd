import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { requireLogin } from '../../../ui/require-login';
import { toast } from '../../../ui/toast';
import { linkTargets } from '../data/link-targets';
import { createLink, type LinkKind } from '../services/links';
import { sessionStore } from '../../../stores/session';
import { formatDateTime } from '../utils/format';
import type { StoreFields } from '../../../utils/page-shape';
import type { LinksBound, LinksData } from './type';

const initialData: LinksData = {
  targets: linkTargets.slice(),
  targetKey: linkTargets[0]?.key ?? '',
  kind: 'scheme',
  days: 7,
  creating: false,
  error: '',
  link: null,
};

/**
 * 生成外部链接: a signed-in user creates a URL Scheme or URL Link (1-30 days) to a page,
 * sees it and copies it. Copying is a privacy API: it goes through the privacy popup.
 */
ComponentWithStore({
  storeBindings: {
    store: sessionStore,
    fields: { status: () => sessionStore.status } satisfies StoreFields<LinksBound>,
    actions: [],
  },
  data: initialData,
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
          toast(this, '复制失败，请长按链接手动复制', 'error');
        },
      });
    },
  },
});

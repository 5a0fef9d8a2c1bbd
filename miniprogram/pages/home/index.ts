import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { loginGate, requireLogin } from '../../behaviors/login-gate';
import { articles } from '../../data/articles';
import { toggleFavorite } from '../../utils/favorite-action';
import { favoritesStore } from '../../stores/favorites';

/** `{ [id]: true }` for WXML lookups (no Object.fromEntries: older clients lack it). */
function idSet(ids: readonly string[]): Record<string, true> {
  const set: Record<string, true> = {};
  for (const id of ids) set[id] = true;
  return set;
}

/** 首页: real content for everyone at once; only 收藏 needs an account. */
ComponentWithStore({
  behaviors: [loginGate],
  storeBindings: {
    store: favoritesStore,
    fields: {
      favoriteMap: () => idSet(favoritesStore.itemIds),
      /** Stars with a change on its way: shown busy, taps ignored. */
      pendingMap: () => idSet(favoritesStore.pending),
    },
    actions: [],
  },
  data: {
    articles: articles.map(({ id, title, summary }) => ({ id, title, summary })),
  },
  methods: {
    onOpenArticle(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      wx.navigateTo({ url: `/pages/article/index?id=${event.currentTarget.dataset.id}` });
    },

    onToggleFavorite(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      const { id } = event.currentTarget.dataset;
      requireLogin(this, '登录后即可收藏文章，并在其他设备上查看', () => toggleFavorite(this, id));
    },

    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
      return { title: '小程序登录与用户数据：先浏览，再登录', path: '/pages/home/index' };
    },
  },
});

import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { requireLogin } from '../../ui/require-login';
import { articles } from '../../data/articles';
import { toggleFavorite } from '../../ui/toggle-favorite';
import { favoritesStore } from '../../stores/favorites';
import type { StoreFields } from '../../utils/page-shape';
import type { HomeBound, HomeData } from './type';

/** `{ [id]: true }` for WXML lookups (no Object.fromEntries: older clients lack it). */
function idSet(ids: readonly string[]): Record<string, true> {
  const set: Record<string, true> = {};
  for (const id of ids) set[id] = true;
  return set;
}

/** 首页: real content for everyone at once; only 收藏 needs an account. */
ComponentWithStore({
  storeBindings: {
    store: favoritesStore,
    fields: {
      favoriteMap: () => idSet(favoritesStore.itemIds),
      pendingMap: () => idSet(favoritesStore.pending),
    } satisfies StoreFields<HomeBound>,
    actions: [],
  },
  data: {
    articles: articles.map(({ id, title, summary }) => ({ id, title, summary })),
  } satisfies HomeData,
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

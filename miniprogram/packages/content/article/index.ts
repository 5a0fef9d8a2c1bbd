import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { requireLogin } from '../../../ui/require-login';
import { findArticle, type Article } from '../../../data/articles';
import { favoritesStore } from '../../../stores/favorites';
import { toggleFavorite } from '../../../ui/toggle-favorite';
import type { StoreFields } from '../../../utils/page-shape';
import type { ArticleBound, ArticleData } from './type';
import { pageUrl, queryValue, routes } from '../../../routes';

const initialData: ArticleData = { article: null, favorited: false, busy: false };

/** An article: readable by everyone; 收藏 asks a guest to log in first. */
ComponentWithStore({
  storeBindings: {
    store: favoritesStore,
    fields: {
      favoriteIds: () => favoritesStore.itemIds.slice(),
      pendingIds: () => favoritesStore.pending.slice(),
    } satisfies StoreFields<ArticleBound>,
    actions: [],
  },
  data: initialData,
  observers: {
    'article, favoriteIds, pendingIds': function (
      this: WechatMiniprogram.Component.TrivialInstance,
      article: Article | null,
      favoriteIds: string[] = [],
      pendingIds: string[] = [],
    ) {
      const id = article?.id ?? '';
      this.setData({ favorited: favoriteIds.includes(id), busy: pendingIds.includes(id) });
    },
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const article = findArticle(queryValue(query.id)) ?? null;
      this.setData({ article });
      if (article) wx.setNavigationBarTitle({ title: article.title });
    },

    onToggleFavorite() {
      const article = this.data.article;
      if (!article) return;
      requireLogin(this, '登录后即可收藏这篇文章，并在其他设备上查看', () =>
        toggleFavorite(this, article.id),
      );
    },

    onBackHome() {
      wx.switchTab({ url: routes.home });
    },

    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
      const article = this.data.article;
      if (!article) return { title: '小程序登录与用户数据', path: routes.home };
      return { title: article.title, path: pageUrl('article', { id: article.id }) };
    },

    onShareTimeline(): WechatMiniprogram.Page.ICustomTimelineContent {
      const article = this.data.article;
      return { title: article?.title ?? '小程序登录与用户数据', query: article ? `id=${article.id}` : '' };
    },
  },
});

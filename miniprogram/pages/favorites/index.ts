import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { loginGate, requireLogin } from '../../behaviors/login-gate';
import { findArticle, type Article } from '../../data/articles';
import { favoritesStore } from '../../stores/favorites';
import { sessionStore } from '../../stores/session';

/** 我的收藏: a guest who arrives here (deep link, share) sees why and can log in. */
ComponentWithStore({
  behaviors: [loginGate],
  storeBindings: [
    { store: sessionStore, fields: ['status'], actions: [] },
    {
      store: favoritesStore,
      fields: {
        loaded: () => favoritesStore.loaded,
        error: () => favoritesStore.error,
        items: () =>
          favoritesStore.itemIds
            .map((id) => findArticle(id))
            .filter((article): article is Article => Boolean(article))
            .map(({ id, title, summary }) => ({ id, title, summary })),
      },
      actions: [],
    },
  ],
  methods: {
    onShow() {
      // Right after login the session's own load is on its way or fresh: no second request.
      if (sessionStore.status === 'user') void favoritesStore.refresh();
    },

    onLogin() {
      requireLogin(this, '登录后即可查看你收藏的文章', () => undefined);
    },

    onRetry() {
      void favoritesStore.load();
    },

    onGoHome() {
      wx.switchTab({ url: '/pages/home/index' });
    },

    onOpenArticle(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      wx.navigateTo({ url: `/pages/article/index?id=${event.currentTarget.dataset.id}` });
    },
  },
});

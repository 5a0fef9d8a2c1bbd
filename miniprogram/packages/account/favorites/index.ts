import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { requireLogin } from '../../../ui/require-login';
import { findArticle, type Article } from '../../../data/articles';
import { favoritesStore } from '../../../stores/favorites';
import { sessionStore } from '../../../stores/session';
import type { StoreFields } from '../../../utils/page-shape';
import type { FavoritesBound } from './type';
import { routes } from '../../../routes';
import { goTo } from '../../../ui/navigate';

/** 我的收藏: a guest who arrives here (deep link, share) sees why and can log in. */
ComponentWithStore({
  storeBindings: [
    {
      store: sessionStore,
      fields: { status: () => sessionStore.status } satisfies StoreFields<Pick<FavoritesBound, 'status'>>,
      actions: [],
    },
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
      } satisfies StoreFields<Omit<FavoritesBound, 'status'>>,
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
      wx.switchTab({ url: routes.home });
    },

    onOpenArticle(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      goTo('article', { id: event.currentTarget.dataset.id });
    },
  },
});

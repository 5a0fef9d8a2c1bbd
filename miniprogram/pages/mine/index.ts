import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { requireLogin } from '../../ui/require-login';
import { fileUrl } from '../../services/cloud';
import { favoritesStore } from '../../stores/favorites';
import { sessionStore } from '../../stores/session';
import { openPrivacyContract, openUserAgreement } from '../../ui/privacy-contract';
import type { StoreFields } from '../../utils/page-shape';
import type { MineBound } from './type';
import { goTo } from '../../ui/navigate';

/** 我的: the same structure for guests and users; nothing here forces login. */
ComponentWithStore({
  storeBindings: [
    {
      store: sessionStore,
      fields: {
        status: () => sessionStore.status,
        displayName: () => sessionStore.displayName,
        avatarUrl: () => fileUrl(sessionStore.user?.avatarFileId ?? ''),
      } satisfies StoreFields<Pick<MineBound, 'status' | 'displayName' | 'avatarUrl'>>,
      actions: [],
    },
    {
      store: favoritesStore,
      fields: { favoriteCount: () => favoritesStore.itemIds.length } satisfies StoreFields<
        Pick<MineBound, 'favoriteCount'>
      >,
      actions: [],
    },
  ],
  methods: {
    onLogin() {
      goTo('login');
    },

    onOpenProfile() {
      requireLogin(this, '登录后可设置头像和昵称', () => goTo('profile'));
    },

    onOpenFavorites() {
      requireLogin(this, '登录后即可查看你收藏的文章', () => goTo('favorites'));
    },

    onOpenPrivacy() {
      openPrivacyContract();
    },

    onOpenTerms() {
      openUserAgreement();
    },

    onOpenLinks() {
      requireLogin(this, '登录后可生成打开小程序的链接', () => goTo('links'));
    },

    onOpenSettings() {
      goTo('settings');
    },

    onOpenDiagnostics() {
      goTo('diagnostics');
    },

    onLogout() {
      wx.showModal({
        title: '退出登录',
        content: '退出后仍可浏览全部内容，收藏会保留在云端，下次登录即可看到。',
        confirmText: '退出',
        success: ({ confirm }) => {
          if (confirm) sessionStore.logout();
        },
      });
    },
  },
});

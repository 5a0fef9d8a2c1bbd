import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { requireLogin } from '../../ui/require-login';
import { fileUrl } from '../../services/cloud';
import { favoritesStore } from '../../stores/favorites';
import { sessionStore } from '../../stores/session';
import { openPrivacyContract, openUserAgreement } from '../../ui/privacy-contract';
import type { StoreFields } from '../../utils/page-shape';
import type { MineBound } from './type';
import { routes } from '../../routes';

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
      wx.navigateTo({ url: routes.login });
    },

    onOpenProfile() {
      requireLogin(this, '登录后可设置头像和昵称', () => wx.navigateTo({ url: routes.profile }));
    },

    onOpenFavorites() {
      requireLogin(this, '登录后即可查看你收藏的文章', () => wx.navigateTo({ url: routes.favorites }));
    },

    onOpenPrivacy() {
      openPrivacyContract();
    },

    onOpenTerms() {
      openUserAgreement();
    },

    onOpenLinks() {
      requireLogin(this, '登录后可生成打开小程序的链接', () => wx.navigateTo({ url: routes.links }));
    },

    onOpenSettings() {
      wx.navigateTo({ url: routes.settings });
    },

    onOpenDiagnostics() {
      wx.navigateTo({ url: routes.diagnostics });
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

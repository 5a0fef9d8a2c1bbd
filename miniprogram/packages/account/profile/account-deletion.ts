import { deleteAccount } from '../services/profile';
import { sessionStore } from '../../../stores/session';
import { toast } from '../../../ui/toast';
import { routes } from '../../../routes';

/** 个人资料's "注销账号": asks first, deletes everything server-side, then a guest on 我的. */
export const accountDeletion = Behavior({
  methods: {
    onDeleteAccount() {
      wx.showModal({
        title: '注销账号',
        content: '将删除你的账号、头像、昵称、手机号和收藏，且无法恢复。确定注销吗？',
        confirmText: '注销',
        confirmColor: '#d54941',
        success: async ({ confirm }) => {
          if (!confirm) return;
          try {
            await deleteAccount();
            sessionStore.logout();
            wx.showToast({ title: '账号已注销', icon: 'success' });
            wx.switchTab({ url: routes.mine });
          } catch (error) {
            toast(this, (error as Error).message, 'error');
          }
        },
      });
    },
  },
});

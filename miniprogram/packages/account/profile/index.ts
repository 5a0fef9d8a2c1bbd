import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { requireLogin } from '../../../ui/require-login';
import { toast } from '../../../ui/toast';
import { fileUrl } from '../../../services/cloud';
import { downloadImage, getProfile, saveProfile, type PublicUser } from '../services/profile';
import { requirePrivacyAuthorization } from '../../../ui/privacy-requests';
import { sessionStore } from '../../../stores/session';
import { isAnonymousProfile } from '../utils/profile-capabilities';
import type { StoreFields } from '../../../utils/page-shape';
import { accountDeletion } from './account-deletion';
import { clientCapabilities } from './capabilities';
import { phoneBinding } from './phone-binding';
import type { ProfileBound, ProfileData } from './type';

/** The form as the saved profile shows it (nothing changed yet). */
function formFrom(user: PublicUser | null) {
  return {
    nickname: user?.nickname ?? '',
    savedNickname: user?.nickname ?? '',
    avatarUrl: fileUrl(user?.avatarFileId ?? ''),
    avatarTempPath: '',
    dirty: false,
  };
}

const initialData: ProfileData = {
  caps: { fillComponents: true, getUserProfile: false, phoneNumberCode: true },
  nickname: '',
  savedNickname: '',
  avatarUrl: '',
  avatarTempPath: '',
  dirty: false,
  editing: false,
  saving: false,
  savingText: '',
  error: '',
  nicknameHint: '',
  phoneBusy: false,
};

/**
 * 个人资料: avatar with the chooseAvatar button, nickname with the nickname input inside a
 * form; phone binding (phone-binding.ts) and account deletion (account-deletion.ts) are
 * behaviors beside it. Old clients get what they support. Nothing typed is lost when
 * saving fails.
 */
ComponentWithStore({
  behaviors: [phoneBinding, accountDeletion],
  storeBindings: {
    store: sessionStore,
    fields: {
      status: () => sessionStore.status,
      user: () => sessionStore.user,
    } satisfies StoreFields<ProfileBound>,
    actions: [],
  },
  data: initialData,
  methods: {
    onLoad() {
      this.setData({ caps: clientCapabilities(), ...formFrom(sessionStore.user) });
      // A guest (deep link, share) sees why and a 登录 button: login starts only from a tap.
      if (sessionStore.status !== 'user') return;
      void this.refresh();
      // Proactive mode: the form is all privacy components, so ask for the agreement up front.
      void requirePrivacyAuthorization();
    },

    onLogin() {
      requireLogin(this, '登录后可设置头像和昵称', () => {
        void this.refresh();
        void requirePrivacyAuthorization();
      });
    },

    /** The server's copy wins unless the user is editing. */
    async refresh(): Promise<void> {
      try {
        const user = await getProfile();
        sessionStore.setUser(user);
        if (!this.data.dirty) this.setData(formFrom(user));
      } catch (error) {
        this.setData({ error: (error as Error).message });
      }
    },

    /** Applies an edit and works out whether the form now differs from the saved profile. */
    markDirty(changes: { nickname?: string; avatarTempPath?: string; [field: string]: unknown }) {
      const nickname = changes.nickname ?? this.data.nickname;
      const avatarTempPath = changes.avatarTempPath ?? this.data.avatarTempPath;
      this.setData({
        ...changes,
        dirty: nickname.trim() !== this.data.savedNickname || avatarTempPath !== '',
      });
    },

    onChooseAvatar(event: WechatMiniprogram.ChooseAvatarEvent) {
      const path = event.detail.avatarUrl;
      if (!path) return;
      // Preview the temporary file at once; it is uploaded when the user saves.
      this.markDirty({ avatarTempPath: path, avatarUrl: path, error: '' });
    },

    onNicknameInput(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.markDirty({ nickname: event.detail.value ?? '', error: '', nicknameHint: '' });
    },

    /**
     * Focus enables 保存 even before any input event: picking the WeChat nickname from the
     * keyboard does not always fire one (DevTools never does). Blur changes nothing: on some
     * clients it reports '' after such a pick, and the form's value is read on submit anyway.
     */
    onNicknameFocus() {
      this.setData({ editing: true, error: '', nicknameHint: '' });
    },

    /** WeChat checks the nickname on blur and clears it when it does not pass. */
    onNicknameReview(event: WechatMiniprogram.NicknameReviewEvent) {
      const { pass, timeout } = event.detail;
      if (pass || timeout) return;
      this.markDirty({ nickname: '', nicknameHint: '昵称未通过微信安全检测，请重新填写' });
    },

    async onSubmit(event: WechatMiniprogram.CustomEvent<{ value: { nickname?: string } }>): Promise<void> {
      if (this.data.saving) return;
      // The form's value is the truth: the nickname keyboard does not always fire input events.
      const typed = String(event.detail.value?.nickname ?? this.data.nickname);
      const nickname = typed.trim();
      const changes: { nickname?: string; avatarTempPath?: string } = {};
      if (nickname !== this.data.savedNickname) changes.nickname = nickname;
      if (this.data.avatarTempPath) changes.avatarTempPath = this.data.avatarTempPath;
      if (changes.nickname === undefined && !changes.avatarTempPath) {
        this.setData({ nickname: typed, dirty: false, editing: false });
        toast(this, '没有需要保存的修改', 'warning');
        return;
      }
      if (changes.nickname === '') {
        this.setData({ nickname: typed, error: '昵称不能为空' });
        return;
      }
      this.setData({ nickname: typed, saving: true, savingText: '正在保存…', error: '' });
      try {
        const user = await saveProfile(sessionStore.openid, changes, (step) =>
          this.setData({ savingText: step === 'uploading' ? '正在上传头像…' : '正在保存…' }),
        );
        sessionStore.setUser(user);
        this.setData({ ...formFrom(user), saving: false, editing: false });
        toast(this, '已保存');
      } catch (error) {
        // Keep everything the user entered, and say why it failed.
        this.setData({ saving: false, error: (error as Error).message });
      }
    },

    /** Base library below 2.27.1 on PC/macOS only, and only on a tap. */
    onUseWeChatProfile() {
      wx.getUserProfile({
        desc: '用于完善个人资料中的头像和昵称',
        success: async ({ userInfo }) => {
          // The anonymised answer (grey avatar, "微信用户") is no profile: keep the form as is.
          if (isAnonymousProfile(userInfo)) {
            toast(this, '未能获取微信头像昵称，请手动设置', 'warning');
            return;
          }
          this.markDirty({ nickname: userInfo.nickName, error: '' });
          try {
            const path = await downloadImage(userInfo.avatarUrl);
            this.markDirty({ avatarTempPath: path, avatarUrl: path });
          } catch {
            toast(this, '头像获取失败，可点击头像重新选择', 'warning');
          }
        },
        fail: () => undefined, // The user declined: nothing changes.
      });
    },
  },
});

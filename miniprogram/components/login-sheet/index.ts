import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { sessionStore } from '../../stores/session';
import type { LoginSheetApi } from '../../ui/require-login';
import type { StoreFields } from '../../utils/page-shape';
import type { LoginSheetBound, LoginSheetData } from './type';

const DEFAULT_REASON = '登录后即可使用此功能';

const initialData: LoginSheetData = { visible: false, reason: DEFAULT_REASON };

/** The answer each open sheet owes its caller. */
const answers = new WeakMap<object, (loggedIn: boolean) => void>();

/**
 * The login prompt a page opens when a guest taps something that needs an account
 * (ui/require-login.ts calls `open(reason)`). It says why, and always lets the user decline
 * (not while a login request is on its way: that one finishes first). The panel inside
 * does the login; the sheet only answers its caller.
 */
ComponentWithStore({
  storeBindings: {
    store: sessionStore,
    fields: { status: () => sessionStore.status } satisfies StoreFields<LoginSheetBound>,
    actions: [],
  },
  data: { ...initialData },
  lifetimes: {
    detached() {
      // The page went away with the sheet open: its caller gets "not logged in".
      answers.get(this)?.(false);
      answers.delete(this);
    },
  },
  methods: {
    open(reason: string): ReturnType<LoginSheetApi['open']> {
      answers.get(this)?.(false); // A second question replaces the first.
      return new Promise((resolve) => {
        answers.set(this, resolve);
        this.setData({ visible: true, reason: reason || DEFAULT_REASON });
      });
    },

    close(loggedIn: boolean) {
      const answer = answers.get(this);
      answers.delete(this);
      this.setData({ visible: false });
      answer?.(loggedIn);
    },

    onSuccess() {
      this.close(true);
    },

    onCancel() {
      this.close(false);
    },

    /** Overlay tap or swipe-down closes the sheet: the same as "暂不登录". */
    onVisibleChange(event: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
      if (!event.detail.visible && sessionStore.status !== 'loading') this.close(false);
    },
  },
});

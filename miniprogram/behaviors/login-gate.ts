import { sessionStore } from '../stores/session';

type PendingAction = () => unknown;

/** The action a guest asked for, kept per page instance until they log in or decline. */
const pending = new WeakMap<object, PendingAction>();

/**
 * For actions that need an account: runs `action` at once for a user; a guest gets the
 * page's login sheet saying `reason`, and the action runs right after a successful
 * login, without a second tap. Declining changes nothing. The page includes the
 * `loginGate` behavior and, in its wxml:
 * `<login-sheet visible="{{loginSheet.visible}}" reason="{{loginSheet.reason}}"
 *   bind:success="onLoginSuccess" bind:cancel="onLoginCancel" />`
 */
export function requireLogin(
  page: WechatMiniprogram.Component.TrivialInstance,
  reason: string,
  action: PendingAction,
): void {
  if (sessionStore.status === 'user') {
    void action();
    return;
  }
  pending.set(page, action);
  page.setData({ loginSheet: { visible: true, reason } });
}

export const loginGate = Behavior({
  data: {
    loginSheet: { visible: false, reason: '' },
  },
  methods: {
    onLoginSuccess(): void {
      const action = pending.get(this);
      pending.delete(this);
      this.setData({ 'loginSheet.visible': false });
      if (action) void action();
    },

    onLoginCancel(): void {
      pending.delete(this);
      this.setData({ 'loginSheet.visible': false });
    },
  },
});

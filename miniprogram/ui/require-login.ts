import { sessionStore } from '../stores/session';
import { goTo } from './navigate';

/** The selector every page uses for its sheet: `<login-sheet id="login-sheet" />`. */
export const LOGIN_SHEET_SELECTOR = '#login-sheet';

/** What a page's login sheet offers (components/login-sheet). */
export interface LoginSheetApi {
  /** Shows the sheet saying `reason`; true after a login, false when the user declined. */
  open(reason: string): Promise<boolean>;
}

/**
 * For actions that need an account: runs `action` at once for a user; a guest gets the
 * page's login sheet saying `reason`, and the action runs right after a successful login,
 * without a second tap. Declining changes nothing. The sheet is found and opened the way
 * the privacy popup is (`selectComponent`), so a page only needs the tag in its WXML.
 */
export function requireLogin(
  page: WechatMiniprogram.Component.TrivialInstance,
  reason: string,
  action: () => unknown,
): void {
  if (sessionStore.status === 'user') {
    void action();
    return;
  }
  const sheet = page.selectComponent(LOGIN_SHEET_SELECTOR) as unknown as LoginSheetApi | null;
  if (!sheet || typeof sheet.open !== 'function') {
    // A page without a sheet still lets the user log in: the login page, then back here.
    goTo('login');
    return;
  }
  void sheet.open(reason).then((loggedIn) => {
    if (loggedIn) void action();
  });
}

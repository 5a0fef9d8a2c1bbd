/**
 * App-level helpers for page tests: the stores are module singletons (as in the real
 * app), so each test starts from a logged-out app with the real clock.
 */
import { launch } from '../../miniprogram/launch';
import { favoritesStore } from '../../miniprogram/stores/favorites';
import { sessionStore } from '../../miniprogram/stores/session';
import { setClock } from '../../miniprogram/utils/clock';
import { currentFakeWx } from './fake-wx';

export function resetApp(): void {
  sessionStore.logout();
  favoritesStore.clear();
  setClock();
}

/** What App.onLaunch does; resolves when the background refresh (if any) finished. */
export async function launchApp(): Promise<void> {
  await launch();
}

/** The selector path of the login sheet's buttons on a page (see render.ts `query`). */
export const sheet = {
  login: '#login-sheet >> #panel >> #login',
  cancel: '#login-sheet >> #panel >> #cancel',
  agree: '#login-sheet >> #panel >> #agree',
};

/** Calls to APIs the login norms forbid for user info or outside a tap. */
export function forbiddenCalls(): string[] {
  const forbidden = ['getUserProfile', 'getUserInfo', 'authorize', 'openSetting'];
  return currentFakeWx().calls.filter((name) => forbidden.includes(name));
}

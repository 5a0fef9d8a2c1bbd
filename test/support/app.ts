/**
 * App-level helpers for page tests: the stores are module singletons (as in the real
 * app), so each test starts from a logged-out app with the real clock.
 */
import { launch } from '../../miniprogram/launch';
import { favoritesStore } from '../../miniprogram/stores/favorites';
import { resetPrivacyManager } from '../../miniprogram/ui/privacy-requests';
import { sessionStore } from '../../miniprogram/stores/session';
import { useTransport } from '../../miniprogram/services/cloud';
import { setClock } from '../../miniprogram/utils/clock';
import { SESSION_KEY } from '../../miniprogram/utils/session-cache';
import type { LocalCloud } from '../../scripts/local-cloud';
import { currentFakeWx } from './fake-wx';
import { query, type Rendered } from './render';

export function resetApp(): void {
  resetPrivacyManager();
  sessionStore.logout();
  favoritesStore.clear();
  setClock();
}

/**
 * Closing and reopening the mini-program: WeChat keeps storage (and its own state such as
 * the privacy agreement); the app's memory (stores, cloud init, pages) starts empty.
 */
export function restartApp(): void {
  const fake = currentFakeWx();
  const saved = fake.storage.has(SESSION_KEY) ? fake.storage.get(SESSION_KEY) : undefined;
  sessionStore.logout(); // empties the store (and storage, restored below)
  favoritesStore.clear();
  if (saved !== undefined) fake.storage.set(SESSION_KEY, saved);
  useTransport(undefined);
  resetPrivacyManager();
  fake.restartApp();
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
/** Whether the page's login sheet is open. */
export function sheetOpen(page: Rendered): boolean {
  const node = query(page.component, '#login-sheet') as unknown as {
    instance?: { data: { visible?: boolean } };
  } | null;
  if (!node?.instance) throw new Error('the page has no login sheet');
  return node.instance.data.visible === true;
}

export function forbiddenCalls(): string[] {
  const forbidden = ['getUserProfile', 'getUserInfo', 'authorize', 'openSetting'];
  return currentFakeWx().calls.filter((name) => forbidden.includes(name));
}

/** The server side of the current fake (the local cloud runtime), with its test controls. */
export function server(): LocalCloud {
  return currentFakeWx().cloud.local as LocalCloud;
}

import { initPrivacy } from './ui/privacy-requests';
import { sessionStore } from './stores/session';
import { checkClientVersion } from './ui/client-update';
import './stores/favorites';

/**
 * What the app does at launch: nothing the user can see, no popup, no redirect.
 * The one privacy listener is registered (it only acts when a privacy API is used).
 * A returning user's cached session is shown at once and re-validated in the
 * background; a new user stays a guest until they tap login. Returns the background
 * refresh, if one started (tests await it).
 *
 * The one exception to "nothing visible": a base library below MIN_SDK_VERSION gets the
 * update prompt, and nothing else runs (no session restore); the pages still render for
 * a guest, and login explains that WeChat needs an update.
 */
export function launch(): Promise<void> | null {
  if (!checkClientVersion()) return null;
  initPrivacy();
  return sessionStore.restore();
}

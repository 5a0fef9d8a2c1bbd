import { initPrivacy } from './stores/privacy';
import { sessionStore } from './stores/session';
import './stores/favorites';

/**
 * What the app does at launch: nothing the user can see, no popup, no redirect.
 * The one privacy listener is registered (it only acts when a privacy API is used).
 * A returning user's cached session is shown at once and re-validated in the
 * background; a new user stays a guest until they tap login. Returns the background
 * refresh, if one started (tests await it).
 */
export function launch(): Promise<void> | null {
  initPrivacy();
  return sessionStore.restore();
}

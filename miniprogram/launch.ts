import { sessionStore } from './stores/session';
import './stores/favorites';

/**
 * What the app does at launch: nothing the user can see, no popup, no redirect.
 * A returning user's cached session is shown at once and re-validated in the
 * background; a new user stays a guest until they tap login. Returns the background
 * refresh, if one started (tests await it).
 */
export function launch(): Promise<void> | null {
  return sessionStore.restore();
}

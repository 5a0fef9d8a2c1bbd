import type { LoginResult } from '../contracts/results';
import type { PublicUser } from '../contracts/results';
import { now } from './clock';

/**
 * The login state cached in storage so a returning user is shown at once. It holds only
 * what the `login` function answered (no session_key: the app never receives one). Two
 * days bound how long a user deleted or changed elsewhere can still look signed in on this
 * phone without a successful refresh; every launch refreshes it in the background anyway.
 */
export const SESSION_KEY = 'session.v1';
export const SESSION_TTL_MS = 2 * 24 * 60 * 60 * 1000;

export interface CachedSession {
  openid: string;
  unionid?: string;
  user: PublicUser;
  savedAt: number;
  expiresAt: number;
}

/** Validates what storage returned; anything malformed or expired is no session. */
export function parseSession(raw: unknown, at: number): CachedSession | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const session = raw as Partial<CachedSession>;
  if (typeof session.openid !== 'string' || session.openid === '') return null;
  if (typeof session.user !== 'object' || session.user === null) return null;
  if (typeof session.expiresAt !== 'number' || typeof session.savedAt !== 'number') return null;
  if (at >= session.expiresAt || session.expiresAt - session.savedAt > SESSION_TTL_MS) return null;
  return session as CachedSession;
}

export function sessionFromLogin(result: LoginResult, at: number): CachedSession {
  const session: CachedSession = {
    openid: result.openid,
    user: result.user,
    savedAt: at,
    expiresAt: at + SESSION_TTL_MS,
  };
  if (result.unionid) session.unionid = result.unionid;
  return session;
}

/** The cached session, or null (an expired or corrupt entry is removed). */
export function readSession(): CachedSession | null {
  const raw: unknown = wx.getStorageSync(SESSION_KEY);
  const session = parseSession(raw, now());
  if (!session && raw !== '') wx.removeStorageSync(SESSION_KEY);
  return session;
}

export function saveSession(result: LoginResult): CachedSession {
  const session = sessionFromLogin(result, now());
  wx.setStorageSync(SESSION_KEY, session);
  return session;
}

export function clearSession(): void {
  wx.removeStorageSync(SESSION_KEY);
}

/** Keeps the cached session's profile in step with the server after an edit. */
export function updateCachedUser(user: PublicUser): void {
  const session = readSession();
  if (session) wx.setStorageSync(SESSION_KEY, { ...session, user });
}

import { observable, runInAction } from 'mobx-miniprogram';
import type { PublicUser } from '../contracts/results';
import { signIn, type LoginResult } from '../services/auth';
import { OUTDATED_CLIENT_MESSAGE, promptClientUpdate } from '../ui/client-update';
import { clearSession, readSession, saveSession, updateCachedUser } from '../utils/session-cache';
import { ServiceError, toServiceError } from '../utils/service-error';
import { isSdkSupported } from '../utils/version';

export type SessionStatus = 'guest' | 'loading' | 'user';

/** One login (or refresh) request at a time: double taps and concurrent callers share it. */
let inflight: Promise<void> | null = null;
/** Bumped by logout, so a login or refresh that answers afterwards is dropped. */
let generation = 0;
/** Told when a login / refresh request starts, and about its answer once applied. */
export interface SignInListener {
  started(): void;
  answered(result: LoginResult): void;
}
const signInListeners: SignInListener[] = [];

/** Registers a listener for login / refresh requests (the favourites store takes its list). */
export function onSignIn(listener: SignInListener): void {
  if (!signInListeners.includes(listener)) signInListeners.push(listener);
}

/**
 * Who is using the app: a guest (the default, complete experience), a login in
 * progress, or a user. Pages bind to it with mobx-miniprogram-bindings.
 */
export const sessionStore = observable({
  status: 'guest' as SessionStatus,
  openid: '',
  unionid: '',
  user: null as PublicUser | null,

  get displayName(): string {
    if (this.status !== 'user') return '未登录';
    return this.user?.nickname || '未设置昵称';
  },

  applyLogin(result: LoginResult): void {
    saveSession(result);
    this.status = 'user';
    this.openid = result.openid;
    this.unionid = result.unionid ?? '';
    this.user = result.user;
  },

  /** The server's latest copy of the user's public profile (after an edit). */
  setUser(user: PublicUser): void {
    if (this.status !== 'user') return;
    this.user = user;
    updateCachedUser(user);
  },

  /**
   * At launch: show a returning user at once from the cached session (no network), then
   * refresh it in the background. Returns the background refresh, if one started.
   */
  restore(): Promise<void> | null {
    // Below the minimum base library the app is guest-only (see login()).
    if (!isSdkSupported()) return null;
    const cached = readSession();
    if (!cached) return null;
    this.status = 'user';
    this.openid = cached.openid;
    this.unionid = cached.unionid ?? '';
    this.user = cached.user;
    return this.refresh();
  },

  /**
   * Login from a user's tap. Resolves once the user is signed in; rejects with a
   * ServiceError whose message can be shown (also when a logout overtook the login).
   */
  login(): Promise<void> {
    if (this.status === 'user') return Promise.resolve();
    // Below the minimum base library the account features would hit missing built-ins:
    // say why and point to WeChat's update instead of starting a login that breaks.
    if (!isSdkSupported()) {
      promptClientUpdate();
      return Promise.reject(new ServiceError('WX_LOGIN_FAILED', OUTDATED_CLIENT_MESSAGE));
    }
    if (!inflight) {
      this.status = 'loading';
      request(
        (result) => this.applyLogin(result),
        (failure) => {
          this.status = 'guest';
          throw failure;
        },
      );
    }
    return (inflight as Promise<void>).then(() => {
      if (sessionStore.status !== 'user') throw new ServiceError('LOGIN_CANCELLED');
    });
  },

  /** Silent re-validation of a cached session; a network failure keeps the cached user. */
  refresh(): Promise<void> {
    if (inflight) return inflight;
    return request(
      (result) => this.applyLogin(result),
      (failure) => {
        if (failure.code === 'UNAUTHENTICATED') this.logout();
      },
    );
  },

  logout(): void {
    generation += 1;
    inflight = null;
    clearSession();
    this.status = 'guest';
    this.openid = '';
    this.unionid = '';
    this.user = null;
  },
});

export type SessionStore = typeof sessionStore;

/**
 * The `login` function, shared by concurrent callers. Its answer is applied inside a MobX
 * action (then passed to the sign-in listeners), and dropped if the user logged out in
 * the meantime.
 */
function request(onResult: (result: LoginResult) => void, onFailure: (failure: ServiceError) => void) {
  const started = generation;
  for (const listener of signInListeners) listener.started();
  const pending: Promise<void> = signIn()
    .then(
      (result) => {
        if (started !== generation) return;
        runInAction(() => onResult(result));
        for (const listener of signInListeners) listener.answered(result);
      },
      (error: unknown) => {
        if (started === generation) runInAction(() => onFailure(toServiceError(error)));
      },
    )
    .finally(() => {
      if (inflight === pending) inflight = null;
    });
  inflight = pending;
  return pending;
}

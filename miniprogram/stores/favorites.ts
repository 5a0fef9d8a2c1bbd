import { observable, reaction, runInAction } from 'mobx-miniprogram';
import { addFavorite, listFavorites, removeFavorite } from '../services/favorites';
import { now } from '../utils/clock';
import { ServiceError, toServiceError } from '../utils/service-error';
import { onSignIn, sessionStore } from './session';

/** A list younger than this is not fetched again when a page shows it. */
export const FAVORITES_FRESH_MS = 30 * 1000;

/**
 * Which server answer the store may show. Every list the server sends is a snapshot taken
 * at some moment; answers can arrive in any order, so:
 * - every request gets a sequence number, and a snapshot older than the one shown is
 *   dropped (the item a change was about still takes that change's confirmed state);
 * - a plain list answer is dropped when any change started or ended while it was on its
 *   way (it may predate the change); the list is fetched again once no change is pending,
 *   unless a change's own answer already brought a newer one.
 */
let requestSeq = 0;
let shownSeq = 0;
let changeEvents = 0;
let reloadWhenIdle = false;
let inFlight: Promise<void> | undefined;
let loadedAt = 0;
/** The sequence number and change count when the login / refresh request on its way started. */
let signInMark = { seq: 0, changes: 0 };

/**
 * The signed-in user's favourites (stored server-side by the `favorites` function). The
 * login / refresh answer brings them (no request of its own at launch or after a login);
 * they are cleared when the user logs out.
 */
export const favoritesStore = observable({
  itemIds: [] as string[],
  /** Item ids with a request in flight (the star shows progress, taps are ignored). */
  pending: [] as string[],
  loaded: false,
  error: '',

  /** Shows a server snapshot taken for request `seq`, unless a newer one is shown. */
  applySnapshot(seq: number, itemIds: string[]): boolean {
    if (seq < shownSeq) return false;
    shownSeq = seq;
    this.itemIds = itemIds;
    this.loaded = true;
    this.error = '';
    loadedAt = now();
    return true;
  },

  /**
   * The list a login / refresh answer brought: a snapshot like a list answer, taken when
   * that request started. Dropped when a change crossed it (then listed again, once no
   * change is pending).
   */
  applySignIn(itemIds: string[]): void {
    const { seq, changes } = signInMark;
    if (this.pending.length > 0) {
      reloadWhenIdle = true;
      return;
    }
    if (changeEvents !== changes) {
      void this.load();
      return;
    }
    this.applySnapshot(seq, itemIds);
  },

  clear(): void {
    this.itemIds = [];
    this.pending = [];
    this.loaded = false;
    this.error = '';
    shownSeq = requestSeq;
    reloadWhenIdle = false;
    inFlight = undefined;
    loadedAt = 0;
  },

  /** Fetches the list; a call while one is on its way shares it. */
  load(): Promise<void> {
    if (!inFlight) {
      const request = this.fetchList().finally(() => {
        if (inFlight === request) inFlight = undefined;
      });
      inFlight = request;
    }
    return inFlight;
  },

  /** For a page being shown: fetches the list unless a fresh one is here or on its way. */
  refresh(): Promise<void> {
    if (this.loaded && !reloadWhenIdle && now() - loadedAt < FAVORITES_FRESH_MS) return Promise.resolve();
    return this.load();
  },

  async fetchList(attempt = 1): Promise<void> {
    const owner = sessionStore.openid;
    const seq = (requestSeq += 1);
    const changesAtStart = changeEvents;
    try {
      const { itemIds } = await listFavorites();
      if (owner !== sessionStore.openid || seq < shownSeq) return;
      if (changeEvents !== changesAtStart || this.pending.length > 0) {
        // A change crossed this answer: ask again once it is settled.
        if (this.pending.length > 0) reloadWhenIdle = true;
        else if (attempt < 3) return this.fetchList(attempt + 1);
        return;
      }
      runInAction(() => this.applySnapshot(seq, itemIds));
    } catch (error) {
      if (owner !== sessionStore.openid) return;
      runInAction(() => {
        this.error = toServiceError(error).message;
      });
    }
  },

  /** Shows the server's list after a change to `itemId`: never undoes that change's own result. */
  applyChange(seq: number, itemIds: string[], itemId: string, present: boolean): void {
    if (this.applySnapshot(seq, itemIds)) {
      reloadWhenIdle = false;
      return;
    }
    const others = this.itemIds.filter((id) => id !== itemId);
    this.itemIds = present ? [itemId, ...others] : others;
  },

  /**
   * Adds or removes one favourite; needs a signed-in user. Resolves with whether it was
   * an add, or `undefined` when the item already has a change on its way (a double tap:
   * ignored, nothing to tell the user). Rejects with a ServiceError (the UI shows its
   * message). The list is only changed by the server's answer; after a "maybe saved"
   * failure it is listed again, and the change counts as done if the list shows it.
   */
  async toggle(itemId: string): Promise<boolean | undefined> {
    if (this.pending.includes(itemId)) return undefined;
    const adding = !this.itemIds.includes(itemId);
    const owner = sessionStore.openid;
    const seq = (requestSeq += 1);
    changeEvents += 1;
    this.pending = [...this.pending, itemId];
    try {
      const { itemIds } = adding ? await addFavorite(itemId) : await removeFavorite(itemId);
      if (owner === sessionStore.openid) runInAction(() => this.applyChange(seq, itemIds, itemId, adding));
      return adding;
    } catch (error) {
      const failure = toServiceError(error);
      if (!failure.maybeSaved) throw failure;
      // The change may have landed: the server's list decides what the star shows.
      const relist = (requestSeq += 1);
      let itemIds: string[];
      try {
        ({ itemIds } = await listFavorites());
      } catch {
        throw failure;
      }
      const landed = itemIds.includes(itemId) === adding;
      if (owner === sessionStore.openid) {
        runInAction(() => this.applyChange(relist, itemIds, itemId, itemIds.includes(itemId)));
      }
      if (landed) return adding;
      throw new ServiceError(failure.code, adding ? '收藏未成功，请重试' : '取消收藏未成功，请重试');
    } finally {
      changeEvents += 1;
      runInAction(() => {
        this.pending = this.pending.filter((id) => id !== itemId);
      });
      if (this.pending.length === 0 && reloadWhenIdle && owner === sessionStore.openid) {
        reloadWhenIdle = false;
        void this.load();
      }
    }
  },
});

// Follow the session: another user (or none) forgets the list; each login / refresh
// answer brings the user's list.
reaction(
  () => (sessionStore.status === 'user' ? sessionStore.openid : ''),
  () => favoritesStore.clear(),
);
onSignIn({
  started() {
    signInMark = { seq: (requestSeq += 1), changes: changeEvents };
  },
  answered(result) {
    if (result.openid === sessionStore.openid) {
      runInAction(() => favoritesStore.applySignIn(result.favorites ?? []));
    }
  },
});

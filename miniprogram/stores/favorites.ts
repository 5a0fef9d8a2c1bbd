import { observable, reaction, runInAction } from 'mobx-miniprogram';
import { addFavorite, listFavorites, removeFavorite } from '../services/favorites';
import { ServiceError, toServiceError } from '../utils/service-error';
import { sessionStore } from './session';

/**
 * The signed-in user's favourites (stored server-side by the `favorites` function).
 * Loaded when a user appears, cleared when they log out.
 */
export const favoritesStore = observable({
  itemIds: [] as string[],
  /** Item ids with a request in flight (the star shows progress, taps are ignored). */
  pending: [] as string[],
  loaded: false,
  error: '',

  setItems(itemIds: string[]): void {
    this.itemIds = itemIds;
    this.loaded = true;
    this.error = '';
  },

  clear(): void {
    this.itemIds = [];
    this.pending = [];
    this.loaded = false;
    this.error = '';
  },

  async load(): Promise<void> {
    const owner = sessionStore.openid;
    try {
      const { itemIds } = await listFavorites();
      // An answer for a user who has since logged out (or switched) is dropped.
      if (owner === sessionStore.openid) runInAction(() => this.setItems(itemIds));
    } catch (error) {
      if (owner !== sessionStore.openid) return;
      runInAction(() => {
        this.error = toServiceError(error).message;
      });
    }
  },

  /**
   * Adds or removes one favourite; needs a signed-in user. Resolves with whether it was
   * an add; rejects with a ServiceError (the UI shows its message). The list is only
   * changed by the server's answer; after a "maybe saved" failure it is listed again, and
   * the change counts as done if the list shows it.
   */
  async toggle(itemId: string): Promise<boolean> {
    if (this.pending.includes(itemId)) return this.itemIds.includes(itemId);
    const adding = !this.itemIds.includes(itemId);
    const owner = sessionStore.openid;
    this.pending = [...this.pending, itemId];
    try {
      const { itemIds } = adding ? await addFavorite(itemId) : await removeFavorite(itemId);
      if (owner === sessionStore.openid) runInAction(() => this.setItems(itemIds));
      return adding;
    } catch (error) {
      const failure = toServiceError(error);
      if (!failure.maybeSaved) throw failure;
      // The change may have landed: the server's list decides what the star shows.
      let itemIds: string[];
      try {
        ({ itemIds } = await listFavorites());
      } catch {
        throw failure;
      }
      if (owner === sessionStore.openid) runInAction(() => this.setItems(itemIds));
      if (itemIds.includes(itemId) === adding) return adding;
      throw new ServiceError(failure.code, adding ? '收藏未成功，请重试' : '取消收藏未成功，请重试');
    } finally {
      runInAction(() => {
        this.pending = this.pending.filter((id) => id !== itemId);
      });
    }
  },
});

// Follow the session: a new user's favourites are fetched, a logout forgets them.
reaction(
  () => (sessionStore.status === 'user' ? sessionStore.openid : ''),
  (openid) => {
    favoritesStore.clear();
    if (openid) void favoritesStore.load();
  },
);

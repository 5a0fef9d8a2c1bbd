import type { FavoritesResult } from '../../miniprogram/contracts/results';
import { favoriteIdsOf } from '../.shared/favorites';
import type { Context } from '../.shared/handler';
import { requiredString, type Fields } from '../.shared/validate';
import { invalidArgument } from '../.shared/errors';

export { MAX_FAVORITES, type FavoriteRecord } from '../.shared/favorites';

/**
 * What an item id looks like: lower-case letters, digits and "-" (the catalogue's ids,
 * e.g. `guest-first`). The function stores ids, not content: it does not know the
 * catalogue (miniprogram/data/articles.ts), so replacing or removing the demo content
 * leaves it untouched; the client shows only the favourites its catalogue has.
 */
export const ITEM_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/** The `itemId` of an add or remove. */
export function parseItem(fields: Fields): { itemId: string } {
  const itemId = requiredString(fields, 'itemId', 64);
  if (!ITEM_ID.test(itemId)) throw invalidArgument(`内容 ${itemId} 不存在`);
  return { itemId };
}

/** The caller's favourites, newest first: every action answers with them. */
export async function listOf({ caller, db }: Context): Promise<FavoritesResult> {
  return { itemIds: caller.openid ? await favoriteIdsOf(db, caller.openid) : [] };
}

import { FAVORITES } from './account';
import type { Database } from './db';

/** The `favorites` collection: one document per (user, item), `_id` = `<openid>:<itemId>`. */
export interface FavoriteRecord {
  _id: string;
  openid: string;
  itemId: string;
  createdAt: Date;
}

/** A user keeps at most this many favourites (and a list returns at most this many). */
export const MAX_FAVORITES = 100;

/** A user's favourite item ids, newest first (`favorites` answers them; `login` brings them). */
export async function favoriteIdsOf(db: Database, openid: string): Promise<string[]> {
  const { data } = await db
    .collection(FAVORITES)
    .where({ openid })
    .orderBy('createdAt', 'desc')
    .limit(MAX_FAVORITES)
    .get();
  return (data as unknown as FavoriteRecord[]).map((record) => record.itemId);
}

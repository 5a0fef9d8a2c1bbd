import { findArticle } from '../../miniprogram/data/articles';
import { AppError, invalidArgument } from '../.shared/errors';
import { defineFunction } from '../.shared/handler';
import { oneOf, requiredString, type Fields } from '../.shared/validate';

/** The `favorites` collection: one document per (user, item), `_id` = `<openid>:<itemId>`. */
interface FavoriteRecord {
  _id: string;
  openid: string;
  itemId: string;
  createdAt: Date;
}

export type FavoritesEvent =
  { action: 'list' } | { action: 'add'; itemId: string } | { action: 'remove'; itemId: string };

export interface FavoritesResult {
  /** The caller's favourite item ids, newest first. */
  itemIds: string[];
}

const ACTIONS = ['list', 'add', 'remove'] as const;
/** A user keeps at most this many favourites (and a list call returns at most this many). */
export const MAX_FAVORITES = 100;

function parse(fields: Fields): FavoritesEvent {
  const action = oneOf(fields, 'action', ACTIONS);
  if (action === 'list') return { action };
  const itemId = requiredString(fields, 'itemId', 64);
  if (!findArticle(itemId)) throw invalidArgument(`内容 ${itemId} 不存在`);
  return { action, itemId };
}

export const main = defineFunction({
  parse,
  async run(event, { caller, db }): Promise<FavoritesResult> {
    const favorites = db.collection('favorites');
    const mine = { openid: caller.openid };
    if (event.action !== 'list') {
      const doc = favorites.doc(`${caller.openid}:${event.itemId}`);
      if (event.action === 'remove') {
        await doc.remove();
      } else {
        const { total } = await favorites.where(mine).count();
        if (total >= MAX_FAVORITES) throw new AppError('LIMIT_EXCEEDED', `最多收藏 ${MAX_FAVORITES} 条内容`);
        // set() makes a repeated add (double tap, retry) idempotent.
        await doc.set({ data: { openid: caller.openid, itemId: event.itemId, createdAt: db.serverDate() } });
      }
    }
    const { data } = await favorites.where(mine).orderBy('createdAt', 'desc').limit(MAX_FAVORITES).get();
    return { itemIds: (data as unknown as FavoriteRecord[]).map((record) => record.itemId) };
  },
});

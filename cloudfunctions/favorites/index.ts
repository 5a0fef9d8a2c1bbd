import { findArticle } from '../../miniprogram/data/articles';
import { FAVORITES } from '../.shared/account';
import { AppError, invalidArgument } from '../.shared/errors';
import { action, defineActions, type Context } from '../.shared/handler';
import { requiredString, type Fields } from '../.shared/validate';

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

/** A user keeps at most this many favourites (and a list call returns at most this many). */
export const MAX_FAVORITES = 100;

function parseItem(fields: Fields): { itemId: string } {
  const itemId = requiredString(fields, 'itemId', 64);
  if (!findArticle(itemId)) throw invalidArgument(`内容 ${itemId} 不存在`);
  return { itemId };
}

async function listOf({ caller, db }: Context, openid = caller.openid): Promise<FavoritesResult> {
  const { data } = await db
    .collection(FAVORITES)
    .where({ openid })
    .orderBy('createdAt', 'desc')
    .limit(MAX_FAVORITES)
    .get();
  return { itemIds: (data as unknown as FavoriteRecord[]).map((record) => record.itemId) };
}

/** Someone without an account has no favourites (nothing is stored for them). */
const list = action({
  account: 'optional',
  run: (_event, context) => (context.user ? listOf(context) : { itemIds: [] }),
});

/** Only an account holds favourites; `set` makes a repeated add (double tap, retry) idempotent. */
const add = action({
  account: 'required',
  parse: parseItem,
  async run({ itemId }, context): Promise<FavoritesResult> {
    const { caller, db } = context;
    const favorites = db.collection(FAVORITES);
    const { total } = await favorites.where({ openid: caller.openid }).count();
    if (total >= MAX_FAVORITES) throw new AppError('LIMIT_EXCEEDED', `最多收藏 ${MAX_FAVORITES} 条内容`);
    await favorites
      .doc(`${caller.openid}:${itemId}`)
      .set({ data: { openid: caller.openid, itemId, createdAt: db.serverDate() } });
    return listOf(context);
  },
});

const remove = action({
  account: 'optional',
  parse: parseItem,
  async run({ itemId }, context): Promise<FavoritesResult> {
    if (!context.user) return { itemIds: [] };
    await context.db.collection(FAVORITES).doc(`${context.caller.openid}:${itemId}`).remove();
    return listOf(context);
  },
});

export const main = defineActions({ list, add, remove });

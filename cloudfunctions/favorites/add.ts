import { FAVORITES } from '../.shared/account';
import { AppError } from '../.shared/errors';
import { action } from '../.shared/handler';
import type { FavoritesResult } from '../../miniprogram/contracts/results';
import { MAX_FAVORITES, listOf, parseItem } from './records';

/** Only an account holds favourites; `set` makes a repeated add (double tap, retry) idempotent. */
export const add = action({
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

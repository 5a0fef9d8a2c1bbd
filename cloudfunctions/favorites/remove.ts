import { FAVORITES } from '../.shared/account';
import { action } from '../.shared/handler';
import type { FavoritesResult } from '../../miniprogram/contracts/results';
import { listOf, parseItem } from './records';

/** Removing what is not there (or without an account) changes nothing and is no error. */
export const remove = action({
  account: 'optional',
  parse: parseItem,
  async run({ itemId }, context): Promise<FavoritesResult> {
    if (!context.user) return { itemIds: [] };
    await context.db.collection(FAVORITES).doc(`${context.caller.openid}:${itemId}`).remove();
    return listOf(context);
  },
});

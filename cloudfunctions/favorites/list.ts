import { action } from '../.shared/handler';
import { listOf } from './records';

/** Someone without an account has no favourites (nothing is stored for them). */
export const list = action({
  account: 'optional',
  run: (_event, context) => (context.user ? listOf(context) : { itemIds: [] }),
});

import type { DeleteResult } from '../../miniprogram/contracts/results';
import { deleteAccountData } from '../.shared/account';
import { invalidArgument } from '../.shared/errors';
import { action } from '../.shared/handler';

/**
 * Deletes the account and everything stored for it (the right to delete personal data):
 * the user record, favourites, visit counter, rate-limit counters, and every file in the
 * uploads ledger or the record. Idempotent: a retry after a failure finishes the job.
 */
export const deleteAccount = action({
  account: 'none',
  parse(fields) {
    // A destructive action needs an explicit confirmation in the event.
    if (fields.confirm !== true) throw invalidArgument('注销账号需要确认（confirm: true）');
    return {};
  },
  async run(_event, context): Promise<DeleteResult> {
    return { deleted: true, removedFiles: await deleteAccountData(context, context.caller.openid) };
  },
});

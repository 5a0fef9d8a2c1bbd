import { AppError } from './errors';
import type { Context } from './handler';
import { RATE_LIMIT_COLLECTION, callerHash } from './rate-limit';
import { allUserFiles, deleteUserFiles } from './user-files';
import { USERS, findUser, isActive, type UserRecord } from './users';

/**
 * The life of an account, and the rule that keeps deleted accounts deleted:
 * - deletion marks the record (`deletingAt`), removes everything stored for the user,
 *   then removes the record;
 * - every write for a user is checked again after it is made: if the account is gone or
 *   going, the writer removes the user's data itself. A write that lands after the
 *   deleter's sweep is therefore always seen by its own writer.
 */
export const FAVORITES = 'favorites';
export const PINGS = 'pings';
/** A deletion that started longer ago than this has failed midway; a new login finishes it. */
export const STALE_DELETION_MS = 60_000;

/** The account was deleted while this call wrote; its write has been removed again. */
export class UndoneError extends AppError {}

export const accountGone = () => new UndoneError('NOT_FOUND', '账号已注销，请重新登录');
export const accountDeleting = () => new AppError('ACCOUNT_DELETING');

/**
 * Removes every document and file stored for the user except the `users` record.
 * Idempotent; safe to run concurrently. Resolves with the number of files removed.
 */
export async function purgeUserData(context: Pick<Context, 'db' | 'cloud'>, openid: string): Promise<number> {
  const { db } = context;
  const record = await findUser(db, openid);
  const removedFiles = await deleteUserFiles(
    context,
    openid,
    await allUserFiles(db, openid, record?.avatarFileId),
  );
  await db.collection(FAVORITES).where({ openid }).remove();
  await db.collection(PINGS).where({ _id: openid }).remove();
  await db
    .collection(RATE_LIMIT_COLLECTION)
    .where({ caller: callerHash(`openid:${openid}`) })
    .remove();
  return removedFiles;
}

/** Deletes the account: mark, purge, remove the record. Idempotent. */
export async function deleteAccountData(
  context: Pick<Context, 'db' | 'cloud'>,
  openid: string,
): Promise<number> {
  const { db } = context;
  const _ = db.command;
  await db
    .collection(USERS)
    .where({ _id: openid, deletingAt: _.exists(false) })
    .update({ data: { deletingAt: db.serverDate() } });
  const removedFiles = await purgeUserData(context, openid);
  await db
    .collection(USERS)
    .where({ _id: openid, deletingAt: _.exists(true) })
    .remove();
  return removedFiles;
}

/** The caller's active record, or the error that says why there is none. */
export async function requireActiveUser(context: Pick<Context, 'db'>, openid: string): Promise<UserRecord> {
  const record = await findUser(context.db, openid);
  if (!record) throw new AppError('NOT_FOUND');
  if (!isActive(record)) throw accountDeleting();
  return record;
}

/**
 * After a write for the user: if the account is gone or being deleted, the write must not
 * survive it, so remove the user's data and say the account is gone.
 */
export async function verifyAccountAfterWrite(
  context: Pick<Context, 'db' | 'cloud'>,
  openid: string,
): Promise<void> {
  if (isActive(await findUser(context.db, openid))) return;
  await purgeUserData(context, openid);
  throw accountGone();
}

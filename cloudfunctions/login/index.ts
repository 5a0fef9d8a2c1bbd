import type { LoginResult } from '../../miniprogram/contracts/results';
import { STALE_DELETION_MS, accountDeleting, deleteAccountData } from '../.shared/account';
import { now } from '../.shared/clock';
import type { DocumentData } from '../.shared/db';
import { favoriteIdsOf } from '../.shared/favorites';
import { defineFunction, type Context, type UserCaller } from '../.shared/handler';
import { USERS, findUser, isActive, toPublicUser } from '../.shared/users';

/** Rounds of "find, then create or touch" before giving up on a record that keeps changing. */
const ATTEMPTS = 3;

/**
 * One round: creates the record (the document id is the openid, so of two concurrent first
 * logins one add() fails and that caller goes round again and finds the winner's record),
 * or touches the existing one unless it is being deleted. Undefined = go round again.
 */
async function loginOnce(context: Context<UserCaller>): Promise<LoginResult | undefined> {
  const { caller, db } = context;
  const users = db.collection(USERS);
  const record = await findUser(db, caller.openid);
  if (record?.deletingAt) {
    // A deletion still running: wait for it. One that stopped midway: finish it, then sign up anew.
    if (now() - new Date(record.deletingAt).getTime() < STALE_DELETION_MS) throw accountDeleting();
    await deleteAccountData(context, caller.openid);
    return undefined;
  }
  const identity: DocumentData = {};
  // unionid appears once the app is bound to an Open Platform account, and can change.
  if (caller.unionid) identity.unionid = caller.unionid;
  if (!record) {
    if (caller.appid) identity.appid = caller.appid;
    try {
      await users.add({
        data: { _id: caller.openid, ...identity, createdAt: db.serverDate(), lastLoginAt: db.serverDate() },
      });
    } catch (error) {
      // Lost the race to a concurrent first login: go round and find its record.
      if (await findUser(db, caller.openid)) return undefined;
      throw error;
    }
    // Created: the answer must not fail now. The read is only for the stored createdAt.
    const created = await findUser(db, caller.openid).catch(() => undefined);
    return {
      openid: caller.openid,
      user: toPublicUser(created ?? { _id: caller.openid, createdAt: new Date(now()) }),
      isNew: true,
      favorites: [],
    };
  }
  // Read before the write below: once it is done, the answer must not fail.
  const favorites = await favoriteIdsOf(db, caller.openid);
  const _ = db.command;
  const touched = await users
    .where({ _id: caller.openid, deletingAt: _.exists(false) })
    .update({ data: { ...identity, lastLoginAt: db.serverDate() } });
  // `updated` counts changed documents: 0 also when nothing differed (same second, same unionid).
  if (touched.stats.updated === 0 && !isActive(await findUser(db, caller.openid))) return undefined;
  return { openid: caller.openid, user: toPublicUser({ ...record, ...identity }), isNew: false, favorites };
}

/**
 * Login and the silent refresh at launch: creates or touches the caller's record and
 * answers the user with their favourites, so a returning user's first screen needs this
 * one call. It reads no field of the event: the identity comes from the platform
 * (getWXContext), so the client sends no wx.login code (see miniprogram/services/auth.ts).
 */
export const main = defineFunction({
  account: 'none',
  parse: () => ({}),
  async run(_event, context): Promise<LoginResult> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const result = await loginOnce(context as Context<UserCaller>);
      if (result) {
        if (context.caller.unionid) result.unionid = context.caller.unionid;
        return result;
      }
    }
    // The record changed under every attempt (e.g. deleted and re-created around us).
    throw accountDeleting();
  },
});

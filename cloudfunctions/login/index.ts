import type { DocumentData } from '../.shared/db';
import { defineFunction, type Context, type UserCaller } from '../.shared/handler';
import { findUser, toPublicUser, type PublicUser } from '../.shared/users';
import { invalidArgument } from '../.shared/errors';
import { optionalString } from '../.shared/validate';

export interface LoginResult {
  openid: string;
  unionid?: string;
  user: PublicUser;
  /** True only for the call that created the user record. */
  isNew: boolean;
}

/** wx.login codes are short opaque strings; anything else is a client bug. */
const CODE_PATTERN = /^[\w-]{1,128}$/;

/**
 * Creates the caller's record unless it exists. The document id is the openid, so two
 * concurrent first logins race on one `add`: the loser gets a duplicate-key error and
 * finds the winner's record instead of creating a second one.
 */
async function ensureUser({ caller, db }: Context<UserCaller>): Promise<boolean> {
  if (await findUser(db, caller.openid)) return false;
  const record: DocumentData = {
    _id: caller.openid,
    createdAt: db.serverDate(),
    lastLoginAt: db.serverDate(),
  };
  if (caller.unionid) record.unionid = caller.unionid;
  if (caller.appid) record.appid = caller.appid;
  try {
    await db.collection('users').add({ data: record });
    return true;
  } catch (error) {
    if (await findUser(db, caller.openid)) return false;
    throw error;
  }
}

export const main = defineFunction({
  parse(fields) {
    // The code proves a fresh wx.login on the client. With Cloud Development the identity
    // comes from getWXContext(), so the code is only checked for shape, never trusted.
    const code = optionalString(fields, 'code', 128);
    if (code !== undefined && !CODE_PATTERN.test(code)) throw invalidArgument('登录凭证格式不正确');
    return { code };
  },
  async run(_event, context): Promise<LoginResult> {
    const { caller, db } = context;
    const isNew = await ensureUser(context);
    if (!isNew) {
      const changes: DocumentData = { lastLoginAt: db.serverDate() };
      // unionid appears once the app is bound to an Open Platform account, and can change.
      if (caller.unionid) changes.unionid = caller.unionid;
      await db.collection('users').doc(caller.openid).update({ data: changes });
    }
    const record = await findUser(db, caller.openid);
    if (!record) throw new Error(`user ${caller.openid} vanished during login`);
    const result: LoginResult = { openid: caller.openid, user: toPublicUser(record), isNew };
    if (caller.unionid) result.unionid = caller.unionid;
    return result;
  },
});

import type { PingResult } from '../../miniprogram/contracts/results';
import { PINGS } from '../.shared/account';
import { defineFunction } from '../.shared/handler';
import { optionalString } from '../.shared/validate';

/**
 * Health check and identity echo: proves the client -> cloud function -> database
 * round trip and returns who the platform says the caller is. Visits are counted for
 * account holders only (nothing is stored for anyone else).
 */
export const main = defineFunction({
  account: 'optional',
  parse: (fields) => ({ echo: optionalString(fields, 'echo', 100) }),
  async run({ echo }, { caller, db, user }): Promise<PingResult> {
    const result = { openid: caller.openid, appid: caller.appid, unionid: caller.unionid, echo, visits: 0 };
    if (!user) return result;
    const _ = db.command;
    const pings = db.collection(PINGS);
    const visit = { lastAt: db.serverDate() };
    // Atomic on one document: concurrent first pings race on add(), and the losers count again.
    const increment = async () =>
      (await pings.where({ _id: caller.openid }).update({ data: { count: _.inc(1), ...visit } })).stats
        .updated > 0;
    if (!(await increment())) {
      try {
        await pings.add({ data: { _id: caller.openid, count: 1, ...visit } });
      } catch (error) {
        if (!(await increment())) throw error;
      }
    }
    const { data } = await pings.where({ _id: caller.openid }).limit(1).get();
    return { ...result, visits: Number((data[0] as { count?: unknown } | undefined)?.count ?? 0) };
  },
});

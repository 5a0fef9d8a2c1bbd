import { defineFunction } from '../.shared/handler';
import { optionalString } from '../.shared/validate';

/**
 * Health check and identity echo: proves the client -> cloud function -> database
 * round trip. Records the caller's visit and returns who the platform says they are.
 */
export interface PingResult {
  openid: string;
  appid?: string;
  unionid?: string;
  echo?: string;
  /** How many times this caller has pinged, counted in the database. */
  visits: number;
}

export const main = defineFunction({
  parse: (fields) => ({ echo: optionalString(fields, 'echo', 100) }),
  async run({ echo }, { caller, db }): Promise<PingResult> {
    const _ = db.command;
    const visits = db.collection('pings').doc(caller.openid);
    const updated = await visits.update({ data: { count: _.inc(1), lastAt: db.serverDate() } });
    if (updated.stats.updated === 0) {
      await visits.set({ data: { count: 1, lastAt: db.serverDate() } });
    }
    const { data } = await visits.get();
    return {
      openid: caller.openid,
      appid: caller.appid,
      unionid: caller.unionid,
      echo,
      visits: (data as { count: number }).count,
    };
  },
});

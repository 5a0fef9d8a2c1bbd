import { createHash } from 'node:crypto';
import { now } from './clock';
import type { Database } from './db';
import { AppError } from './errors';
import type { Caller } from './handler';

/**
 * A per-caller rate limit kept in the database (collection `rate_limits`), so it holds
 * across function instances. Fixed windows: the clock is cut into windows of `windowMs`
 * and each caller may make `perUser` calls (callers with an openid) or `perIp` calls
 * (anonymous web callers, counted per client IP) in one window. A burst across a window
 * boundary can reach twice the limit; that is the price of one atomic counter per window.
 *
 * One document per (scope, caller, window): `_id` = `<bucket>-<window>`, where bucket is a
 * hash of the scope and the caller's key (no raw openid or IP is stored). The count is
 * raised by one conditional update (`count < limit` → `_.inc(1)`), atomic on one document,
 * so concurrent calls never overshoot and refused calls are not counted; the first call of
 * a window creates the document (a concurrent creator loses on the duplicate `_id` and
 * takes a slot instead) and removes the caller's older windows. `expireAt` lets an
 * optional TTL index (or a periodic cleanup) drop the documents of idle callers.
 */
export interface RateLimitRule {
  /** Names the counter, e.g. the function name. */
  scope: string;
  /** Calls per window for a caller with an openid. */
  perUser: number;
  /** Calls per window for an anonymous caller, per client IP. */
  perIp: number;
  windowMs: number;
}

export const RATE_LIMIT_COLLECTION = 'rate_limits';

function callerKey(rule: RateLimitRule, caller: Caller): { key: string; limit: number } {
  if (caller.openid) return { key: `openid:${caller.openid}`, limit: rule.perUser };
  // A web caller's anonymous user id costs nothing to renew: the IP is what limits them.
  if (caller.clientIp) return { key: `ip:${caller.clientIp}`, limit: rule.perIp };
  if (caller.webUid) return { key: `uid:${caller.webUid}`, limit: rule.perIp };
  throw new AppError('UNAUTHENTICATED', '无法识别调用方，请在小程序或网页中使用');
}

/** The caller's key, hashed: stored with each counter so account deletion can find them. */
export function callerHash(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/** Counts this call; throws RATE_LIMITED (saying when to retry) once the caller is over the limit. */
export async function enforceRateLimit(db: Database, caller: Caller, rule: RateLimitRule): Promise<void> {
  const { key, limit } = callerKey(rule, caller);
  const bucket = createHash('sha256').update(`${rule.scope}\n${key}`).digest('hex').slice(0, 32);
  const time = now();
  const windowIndex = Math.floor(time / rule.windowMs);
  const _ = db.command;
  const collection = db.collection(RATE_LIMIT_COLLECTION);
  const id = `${bucket}-${windowIndex}`;
  // One atomic compare-and-increment: it succeeds only while the window has room.
  const claim = async () =>
    limit > 0 &&
    (await collection.where({ _id: id, count: _.lt(limit) }).update({ data: { count: _.inc(1) } })).stats
      .updated > 0;
  const exists = async () => (await collection.where({ _id: id }).count()).total > 0;

  if (await claim()) return;
  if (limit > 0 && !(await exists())) {
    try {
      const expireAt = new Date((windowIndex + 2) * rule.windowMs);
      await collection.add({
        data: {
          _id: id,
          scope: rule.scope,
          bucket,
          caller: callerHash(key),
          window: windowIndex,
          count: 1,
          expireAt,
        },
      });
      await collection.where({ bucket, window: _.lt(windowIndex) }).remove();
      return;
    } catch (error) {
      // Another call created this window's document first: take a slot in it.
      if (!(await exists())) throw error;
      if (await claim()) return;
    }
  }
  const retryAfter = Math.max(1, Math.ceil(((windowIndex + 1) * rule.windowMs - time) / 1000));
  throw new AppError('RATE_LIMITED', `操作过于频繁，请 ${retryAfter} 秒后再试`);
}

import { APP_PAGES } from '../.shared/app-pages';
import { now } from '../.shared/clock';
import { invalidArgument } from '../.shared/errors';
import type { RateLimitRule } from '../.shared/rate-limit';
import { oneOf, optionalInteger, optionalString, type Fields } from '../.shared/validate';

/**
 * What both actions take: the page, its query, the version and the expiry. Every field is
 * validated before WeChat is asked, so a bad request never spends the app's quota
 * (500,000 links a day). Rules: README "平台规则" and "从外部打开小程序".
 */
export type EnvVersion = 'release' | 'trial' | 'develop';

export type Expiry = { kind: 'interval'; days: number } | { kind: 'time'; at: number };

export interface LinkParams {
  /** A page of app.json; '' = the home page. */
  path: string;
  query: string;
  envVersion: EnvVersion;
  expiry: Expiry;
}

const ENV_VERSIONS = ['release', 'trial', 'develop'] as const;
export const DAY_SECONDS = 24 * 60 * 60;

export const MAX_QUERY_LENGTH = 1024;
/** WeChat's ceiling since 2022-04-11: no link lives longer than 30 days. */
export const MAX_EXPIRE_DAYS = 30;
/** Without an expiry a link gets the longest allowed (what WeChat itself assigns then). */
export const DEFAULT_EXPIRE_DAYS = MAX_EXPIRE_DAYS;
/** An explicit `expireAt` must be at least this far ahead (WeChat fails intermittently near 1 minute). */
export const MIN_EXPIRE_LEAD_SECONDS = 5 * 60;
/** Per caller: 10 links a minute from the mini-program, 20 per client IP from the web. */
export const RATE_LIMIT: RateLimitRule = { scope: 'urlscheme', perUser: 10, perIp: 20, windowMs: 60_000 };

/** Digits, letters and `!#$&'()*+,/:;=?@-._~`; `%` only as a percent escape (`%E4`). */
const QUERY_PATTERN = /^(?:[A-Za-z0-9!#$&'()*+,/:;=?@._~-]|%[0-9A-Fa-f]{2})*$/;

function parsePath(fields: Fields): string {
  const path = optionalString(fields, 'path', 256) ?? '';
  if (path === '' || APP_PAGES.includes(path)) return path;
  const hint = path.includes('?') ? '；参数请放在 query 中' : path.startsWith('/') ? '；开头不要加 "/"' : '';
  throw invalidArgument(`参数 path 必须是小程序的页面之一（如 ${APP_PAGES[0]}），留空表示首页${hint}`);
}

function parseQuery(fields: Fields): string {
  const query = optionalString(fields, 'query', MAX_QUERY_LENGTH) ?? '';
  if (!QUERY_PATTERN.test(query)) {
    throw invalidArgument(
      "参数 query 只能包含数字、英文字母和 !#$&'()*+,/:;=?@-._~，以及 %XX 形式的编码（中文等字符请先用 encodeURIComponent 编码）",
    );
  }
  return query;
}

function parseExpiry(fields: Fields): Expiry {
  const days = optionalInteger(fields, 'expireIntervalDays', 1, MAX_EXPIRE_DAYS, '（有效天数，最长 30 天）');
  const nowSeconds = Math.floor(now() / 1000);
  const earliest = nowSeconds + MIN_EXPIRE_LEAD_SECONDS;
  const latest = nowSeconds + MAX_EXPIRE_DAYS * DAY_SECONDS;
  const at = fields.expireAt;
  if (at !== undefined && at !== null && days !== undefined) {
    throw invalidArgument('参数 expireIntervalDays 和 expireAt 只能二选一');
  }
  if (at === undefined || at === null) return { kind: 'interval', days: days ?? DEFAULT_EXPIRE_DAYS };
  if (typeof at !== 'number' || !Number.isInteger(at) || at < earliest || at > latest) {
    const unit = typeof at === 'number' && at > latest * 100 ? '（看起来是毫秒，请除以 1000）' : '';
    throw invalidArgument(
      `参数 expireAt 必须是 Unix 时间戳（秒），在当前时间 5 分钟后到 30 天内（${earliest} 到 ${latest}）${unit}`,
    );
  }
  return { kind: 'time', at };
}

/** The event of either action (the action itself was chosen by the function's table). */
export function parseLinkParams(fields: Fields): LinkParams {
  return {
    path: parsePath(fields),
    query: parseQuery(fields),
    envVersion: oneOf(fields, 'envVersion', ENV_VERSIONS, 'release'),
    expiry: parseExpiry(fields),
  };
}

/** The expiry fields of both APIs (camelCase; wx-server-sdk sends them snake_case). */
export function expiryParams(expiry: Expiry) {
  // is_expire is ignored since 2022-04-11 (every link expires); true is harmless for older servers.
  return expiry.kind === 'time'
    ? { isExpire: true, expireType: 0, expireTime: expiry.at }
    : { isExpire: true, expireType: 1, expireInterval: expiry.days };
}

/** When the link stops working, unix seconds. */
export function expireAtOf(expiry: Expiry): number {
  return expiry.kind === 'time' ? expiry.at : Math.floor(now() / 1000) + expiry.days * DAY_SECONDS;
}

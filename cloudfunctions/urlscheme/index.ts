import { APP_PAGES } from '../.shared/app-pages';
import { now } from '../.shared/clock';
import { AppError, invalidArgument } from '../.shared/errors';
import { definePublicFunction } from '../.shared/handler';
import type { RateLimitRule } from '../.shared/rate-limit';
import { oneOf, optionalInteger, optionalString, type Fields } from '../.shared/validate';
import { toWeChatAppError, type WeChatErrorMapping } from '../.shared/wechat';

/**
 * Opens the mini-program from outside WeChat (SMS, an external browser, a web page):
 * `scheme` asks `urlscheme.generate` for a `weixin://dl/business/?t=...` URL Scheme,
 * `link` asks `urllink.generate` for an `https://wxaurl.cn/...` URL Link.
 *
 * Open to anonymous web callers (the H5 jump page, through the Cloud Development web SDK):
 * they are rate-limited per client IP, callers from the mini-program per openid. Every
 * field is validated before WeChat is asked, so a bad request never spends the app's
 * quota (500,000 links a day). Rules: README "平台规则" and "从外部打开小程序".
 */
export type LinkAction = 'scheme' | 'link';
export type EnvVersion = 'release' | 'trial' | 'develop';

export type Expiry = { kind: 'interval'; days: number } | { kind: 'time'; at: number };

export interface UrlSchemeEvent {
  action: LinkAction;
  /** A page of app.json; '' = the home page. */
  path: string;
  query: string;
  envVersion: EnvVersion;
  expiry: Expiry;
}

/** `expireAt`: when the link stops working, unix seconds. */
export interface SchemeResult {
  openlink: string;
  expireAt: number;
}

export interface LinkResult {
  urlLink: string;
  expireAt: number;
}

export type UrlSchemeResult = SchemeResult | LinkResult;

const ACTIONS = ['scheme', 'link'] as const;
const ENV_VERSIONS = ['release', 'trial', 'develop'] as const;
const DAY_SECONDS = 24 * 60 * 60;

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

/** WeChat errcodes of urlscheme.generate / urllink.generate, as stable codes and Chinese messages. */
export const WECHAT_ERRORS: Readonly<Record<number, WeChatErrorMapping>> = {
  40002: {
    code: 'LINK_NOT_PERMITTED',
    message: '当前小程序没有生成链接的权限（仅已认证的国内非个人主体小程序可用）',
  },
  40165: { code: 'PAGE_NOT_PUBLISHED', message: '页面在小程序已发布的版本中不存在，请发布后再生成链接' },
  40212: { code: 'QUERY_REJECTED', message: '微信不接受这个 query 参数，请检查其中的字符' },
  44990: { code: 'RATE_LIMITED', message: '生成链接太频繁（微信限制每秒 100 次），请稍后重试' },
  44993: {
    code: 'DAILY_QUOTA_EXCEEDED',
    message: '今天生成的链接数量已达上限（每个小程序每天 50 万条），请明天再试',
  },
  // The older documentation's code for the same daily quota.
  45009: {
    code: 'DAILY_QUOTA_EXCEEDED',
    message: '今天生成的链接数量已达上限（每个小程序每天 50 万条），请明天再试',
  },
  85079: { code: 'APP_NOT_PUBLISHED', message: '小程序还没有发布线上版本，暂时无法生成链接' },
  85401: { code: 'EXPIRY_REJECTED', message: '微信不接受这个有效期：链接有效期须在 1 分钟到 30 天之间' },
  85402: {
    code: 'ENV_VERSION_REJECTED',
    message: '微信不接受这个小程序版本：只能是 release、trial 或 develop',
  },
};

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

function parse(fields: Fields): UrlSchemeEvent {
  return {
    action: oneOf(fields, 'action', ACTIONS),
    path: parsePath(fields),
    query: parseQuery(fields),
    envVersion: oneOf(fields, 'envVersion', ENV_VERSIONS, 'release'),
    expiry: parseExpiry(fields),
  };
}

/** The expiry fields of both APIs (camelCase; wx-server-sdk sends them snake_case). */
function expiryParams(expiry: Expiry) {
  // is_expire is ignored since 2022-04-11 (every link expires); true is harmless for older servers.
  return expiry.kind === 'time'
    ? { isExpire: true, expireType: 0, expireTime: expiry.at }
    : { isExpire: true, expireType: 1, expireInterval: expiry.days };
}

function text(answer: unknown, field: string): string {
  const value = (answer as Record<string, unknown> | null)?.[field];
  if (typeof value !== 'string' || value === '')
    throw new AppError('WECHAT_API_ERROR', '微信没有返回链接，请稍后重试');
  return value;
}

export const main = definePublicFunction({
  parse,
  rateLimit: RATE_LIMIT,
  async run(event, { cloud }): Promise<UrlSchemeResult> {
    const { path, query, envVersion, expiry } = event;
    const expireAt =
      expiry.kind === 'time' ? expiry.at : Math.floor(now() / 1000) + expiry.days * DAY_SECONDS;
    let answer: unknown;
    try {
      answer =
        event.action === 'scheme'
          ? await cloud.openapi.urlscheme.generate({
              jumpWxa: { path, query, envVersion },
              ...expiryParams(expiry),
            })
          : await cloud.openapi.urllink.generate({ path, query, envVersion, ...expiryParams(expiry) });
    } catch (error) {
      throw toWeChatAppError(error, WECHAT_ERRORS);
    }
    return event.action === 'scheme'
      ? { openlink: text(answer, 'openlink'), expireAt }
      : { urlLink: text(answer, 'urlLink'), expireAt };
  },
});

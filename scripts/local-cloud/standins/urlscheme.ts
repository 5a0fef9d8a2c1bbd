import { randomBytes } from 'node:crypto';
import { APP_PAGES } from '../../../cloudfunctions/.shared/app-pages';
import type { Identity } from '../invocation-context';
import { OpenApiError, type OpenApiStandIns } from '../openapi';

/**
 * `urlscheme.generate` and `urllink.generate` under the rules in force since 2022-04-11
 * (README "从外部打开小程序"), with the params as wx-server-sdk passes them (camelCase):
 *
 * - scheme: `{ jumpWxa?: { path?, query?, envVersion? }, isExpire?, expireType?, expireTime?,
 *   expireInterval? }` → `{ openlink: 'weixin://dl/business/?t=...' }`;
 * - link: `{ path?, query?, envVersion?, isExpire?, expireType?, expireTime?, expireInterval? }`
 *   → `{ urlLink: 'https://wxaurl.cn/...' }` (WeChat's `url_link`, camelCased by the SDK).
 *
 * Checked like WeChat: a published version exists (85079), at most `perSecondLimit` calls a
 * second (44990), at most `dailyQuota` links a day for both APIs together, counted per
 * China calendar day (44993), wrong types (47001), `path` a page of the published version,
 * without query, '' = home, a leading "/" tolerated (40165), `query` <= 1024 of
 * `A-Za-z0-9!#$&'()*+,/:;=?@-._~%` (40212), `envVersion` release | trial | develop
 * (85402), expiry: `expireType` 0 with `expireTime` more than 1 minute and at most 30 days
 * ahead, or 1 with `expireInterval` 1..30 days (85401). `isExpire` is ignored; without an
 * expiry a link lives 30 days.
 */
export type LinkKind = 'scheme' | 'link';

export interface GeneratedLink {
  kind: LinkKind;
  /** The openlink or URL Link handed out. */
  url: string;
  path: string;
  query: string;
  envVersion: string;
  /** Unix seconds. */
  expireAt: number;
  /** Runtime clock, ms. */
  createdAt: number;
  /** Who called the function that asked for it. */
  caller: Identity;
}

export interface UrlSchemeRequest {
  api: 'urlscheme.generate' | 'urllink.generate';
  params: unknown;
  /** Runtime clock, ms. */
  at: number;
}

export interface UrlSchemeControls {
  /** Pages of the published version (default: app.json's pages). */
  publishedPages: string[];
  /** false = no version has been published yet: every call answers 85079. */
  published: boolean;
  /** Links per app per China calendar day, scheme and link together (WeChat: 500,000). */
  dailyQuota: number;
  /** Calls per second per app (WeChat: 100). */
  perSecondLimit: number;
  /** Makes the next call fail with this errcode (queued; e.g. 40002 for a personal account). */
  failNext(errcode: number, errmsg?: string): void;
  /** Links generated on the runtime clock's current China day. */
  usedToday(): number;
  /** The generated link with this URL. */
  find(url: string): GeneratedLink | undefined;
  /** Every link handed out, in order. */
  readonly generated: GeneratedLink[];
  /** Every call, accepted or refused, in order. */
  readonly requests: UrlSchemeRequest[];
}

export const DAILY_LINK_QUOTA = 500_000;
export const LINKS_PER_SECOND = 100;
export const MAX_QUERY_LENGTH = 1024;
const DAY_SECONDS = 24 * 60 * 60;
const MAX_EXPIRE_DAYS = 30;
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const QUERY_CHARS = /^[A-Za-z0-9!#$&'()*+,/:;=?@._~%-]*$/;
const ENV_VERSIONS = ['release', 'trial', 'develop'];
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

const DEFAULT_ERRMSG: Record<number, string> = {
  40002: 'invalid grant type',
  40165: 'invalid weapp pagepath',
  40212: 'invalid query',
  44990: 'freq limit',
  44993: 'reach max api daily quota limit',
  47001: 'data format error',
  85079: 'miniprogram has no online release',
  85401: 'time limit between 1min and 30days',
  85402: 'invalid env_version',
};

function fail(errcode: number, detail?: string): never {
  const message = DEFAULT_ERRMSG[errcode] ?? 'system error';
  throw new OpenApiError(errcode, detail ? `${message}: ${detail}` : message);
}

function token(length: number): string {
  return [...randomBytes(length)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

function objectParam(value: unknown, name: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) fail(47001, `${name} must be an object`);
  return value as Record<string, unknown>;
}

function stringParam(value: unknown, name: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') fail(47001, `${name} must be a string`);
  return value;
}

interface Target {
  path: string;
  query: string;
  envVersion: string;
}

export function registerUrlScheme(openapi: OpenApiStandIns, now: () => number): UrlSchemeControls {
  const failures: { errcode: number; errmsg?: string }[] = [];
  const chinaDay = (ms: number) => Math.floor((ms + CHINA_OFFSET_MS) / (DAY_SECONDS * 1000));
  const controls: UrlSchemeControls = {
    publishedPages: [...APP_PAGES],
    published: true,
    dailyQuota: DAILY_LINK_QUOTA,
    perSecondLimit: LINKS_PER_SECOND,
    failNext(errcode, errmsg) {
      failures.push({ errcode, errmsg });
    },
    usedToday() {
      const today = chinaDay(now());
      return controls.generated.filter((link) => chinaDay(link.createdAt) === today).length;
    },
    find(url) {
      return controls.generated.find((link) => link.url === url);
    },
    generated: [],
    requests: [],
  };

  function checkTarget(raw: Record<string, unknown>): Target {
    const path = stringParam(raw.path, 'path').replace(/^\//, '');
    if (path !== '' && !controls.publishedPages.includes(path)) fail(40165);
    const query = stringParam(raw.query, 'query');
    if (query.length > MAX_QUERY_LENGTH || !QUERY_CHARS.test(query)) fail(40212);
    const envVersion = raw.envVersion === undefined ? 'release' : raw.envVersion;
    if (typeof envVersion !== 'string' || !ENV_VERSIONS.includes(envVersion)) fail(85402);
    return { path, query, envVersion };
  }

  /** The expiry as unix seconds; `isExpire` is ignored (every link expires). */
  function checkExpiry(params: Record<string, unknown>, nowSeconds: number): number {
    const type = params.expireType ?? 0;
    if (type === 1) {
      const days = params.expireInterval;
      if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_EXPIRE_DAYS) {
        fail(85401);
      }
      return nowSeconds + days * DAY_SECONDS;
    }
    if (type !== 0) fail(85401, 'expire_type must be 0 or 1');
    const time = params.expireTime;
    // A "permanent" link (no expiry) gets the longest allowed life since 2022-04-11.
    if (time === undefined || time === null) return nowSeconds + MAX_EXPIRE_DAYS * DAY_SECONDS;
    if (typeof time !== 'number' || !Number.isInteger(time)) fail(47001, 'expire_time must be an integer');
    if (time <= nowSeconds + 60 || time > nowSeconds + MAX_EXPIRE_DAYS * DAY_SECONDS) fail(85401);
    return time;
  }

  function generate(kind: LinkKind, raw: unknown, caller: Identity): Record<string, string> {
    const at = now();
    const api = kind === 'scheme' ? 'urlscheme.generate' : 'urllink.generate';
    const second = Math.floor(at / 1000);
    const sameSecond = controls.requests.filter((request) => Math.floor(request.at / 1000) === second).length;
    controls.requests.push({ api, params: raw, at });
    const failure = failures.shift();
    if (failure)
      throw new OpenApiError(
        failure.errcode,
        failure.errmsg ?? DEFAULT_ERRMSG[failure.errcode] ?? 'system error',
      );
    if (!controls.published) fail(85079);
    if (sameSecond >= controls.perSecondLimit) fail(44990);
    if (controls.usedToday() >= controls.dailyQuota) fail(44993);
    const params = objectParam(raw, 'params');
    const target = checkTarget(kind === 'scheme' ? objectParam(params.jumpWxa, 'jump_wxa') : params);
    const expireAt = checkExpiry(params, second);
    const url = kind === 'scheme' ? `weixin://dl/business/?t=${token(11)}` : `https://wxaurl.cn/${token(11)}`;
    controls.generated.push({ kind, url, ...target, expireAt, createdAt: at, caller: { ...caller } });
    return kind === 'scheme' ? { openlink: url } : { urlLink: url };
  }

  openapi.register('urlscheme.generate', (params, { identity }) => generate('scheme', params, identity));
  openapi.register('urllink.generate', (params, { identity }) => generate('link', params, identity));
  return controls;
}

/** @jest-environment node */
import { APP_PAGES } from '../../cloudfunctions/.shared/app-pages';
import { setClock } from '../../cloudfunctions/.shared/clock';
import { RATE_LIMIT_COLLECTION } from '../../cloudfunctions/.shared/rate-limit';
import { ERROR_CODES } from '../../miniprogram/contracts/errors';
import { RATE_LIMIT, WECHAT_ERRORS } from '../../cloudfunctions/urlscheme/index';
import type { CloudResult, LinkResult, SchemeResult } from '../../miniprogram/contracts/results';
import type { Identity } from '../../scripts/local-cloud';
import { alice, bob, useTestCloud } from '../support/cloud';

const t = useTestCloud();
// The function's own clock (rate-limit windows, expiry maths) follows the runtime's.
beforeEach(() => setClock(() => t.now()));
afterEach(() => setClock());

const DAY = 24 * 60 * 60;
const web: Identity = { TCB_SOURCE_IP: '203.0.113.7', TCB_UUID: 'anonWebVisitor0001' };
const standIn = () => t.cloud.standIns.urlscheme;
const nowSeconds = () => Math.floor(t.now() / 1000);

function scheme(data: Record<string, unknown>, identity: Identity = alice) {
  return t.call<SchemeResult>('urlscheme', { action: 'scheme', ...data }, identity);
}

/** The failure's error body; fails the test on success. */
function errorOf(result: CloudResult<unknown>) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.data)}`);
  return result.error;
}

/** Counts every cloud.openapi call the function makes, whatever the API. */
function spyOnOpenApi() {
  return jest.spyOn(t.cloud.openapi, 'call');
}

describe('urlscheme: success', () => {
  it('generates a URL Scheme for the home page with the default expiry of 30 days', async () => {
    const result = await t.call<SchemeResult>('urlscheme', { action: 'scheme' }, alice);
    expect(result).toEqual({
      ok: true,
      data: {
        openlink: expect.stringMatching(/^weixin:\/\/dl\/business\/\?t=[A-Za-z0-9]{11}$/),
        expireAt: nowSeconds() + 30 * DAY,
      },
    });
    expect(standIn().generated).toEqual([
      expect.objectContaining({
        kind: 'scheme',
        url: (result as { data: SchemeResult }).data.openlink,
        path: '',
        query: '',
        envVersion: 'release',
        expireAt: nowSeconds() + 30 * DAY,
        caller: alice,
      }),
    ]);
  });

  it('generates a URL Link with path, query, envVersion and an expiry in days', async () => {
    const result = await t.call<LinkResult>(
      'urlscheme',
      {
        action: 'link',
        path: 'packages/content/article/index',
        query: 'id=a1&from=sms',
        envVersion: 'trial',
        expireIntervalDays: 7,
      },
      alice,
    );
    expect(result).toEqual({
      ok: true,
      data: {
        urlLink: expect.stringMatching(/^https:\/\/wxaurl\.cn\/[A-Za-z0-9]{11}$/),
        expireAt: nowSeconds() + 7 * DAY,
      },
    });
    expect(standIn().generated[0]).toMatchObject({
      kind: 'link',
      path: 'packages/content/article/index',
      query: 'id=a1&from=sms',
      envVersion: 'trial',
    });
  });

  it('sends WeChat the documented params: expire_type 1 + interval, or 0 + time', async () => {
    await scheme({ path: 'pages/mine/index', expireIntervalDays: 3 });
    const at = nowSeconds() + 3600;
    await t.call('urlscheme', { action: 'link', expireAt: at }, alice);
    expect(standIn().requests.map((request) => [request.api, request.params])).toEqual([
      [
        'urlscheme.generate',
        {
          jumpWxa: { path: 'pages/mine/index', query: '', envVersion: 'release' },
          isExpire: true,
          expireType: 1,
          expireInterval: 3,
        },
      ],
      [
        'urllink.generate',
        { path: '', query: '', envVersion: 'release', isExpire: true, expireType: 0, expireTime: at },
      ],
    ]);
  });

  it('accepts anonymous web callers, identified by their client IP', async () => {
    const result = await scheme({ path: 'pages/home/index' }, web);
    expect(result.ok).toBe(true);
    expect(standIn().generated[0].caller).toEqual(web);
  });

  it('ignores unknown fields and the userInfo the platform adds', async () => {
    const result = await scheme({ foo: 1, openid: bob.OPENID, userInfo: { openId: bob.OPENID } });
    expect(result.ok).toBe(true);
  });
});

describe('urlscheme: validation (before any openapi call)', () => {
  let openapi: jest.SpyInstance;
  beforeEach(() => {
    openapi = spyOnOpenApi();
  });
  afterEach(() => {
    expect(openapi).not.toHaveBeenCalled();
  });

  async function rejects(data: unknown, message: string | RegExp, identity: Identity = alice) {
    const error = errorOf(await t.call('urlscheme', data, identity));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(message);
  }

  it.each([
    ['missing', {}],
    ['unknown', { action: 'qrcode' }],
    ['not a string', { action: 1 }],
  ])('rejects an action that is %s', async (_name, data) => {
    await rejects(data, '参数 action 必须是 scheme / link 之一');
  });

  it('rejects an event that is not an object', async () => {
    await rejects(['scheme'], '请求参数必须是对象');
    await rejects('scheme', '请求参数必须是对象');
  });

  it.each([
    [
      'a page missing from app.json',
      'pages/nowhere/index',
      /path 必须是小程序的页面之一（如 pages\/home\/index），留空表示首页$/,
    ],
    ['a leading "/"', '/pages/home/index', '开头不要加 "/"'],
    ['a query in the path', 'packages/content/article/index?id=1', '参数请放在 query 中'],
    ['a number', 42, '参数 path 必须是字符串'],
    ['longer than 256 characters', 'p'.repeat(257), '参数 path 不能超过 256 个字符'],
  ])('rejects a path that is %s', async (_name, path, message) => {
    await rejects({ action: 'scheme', path }, message);
  });

  it.each([
    ['longer than 1024 characters', 'a'.repeat(1025), '参数 query 不能超过 1024 个字符'],
    ['Chinese', 'name=中文', 'encodeURIComponent'],
    ['a space', 'a=1 b', '只能包含数字、英文字母和'],
    ['"<"', 'a=<b>', '只能包含数字、英文字母和'],
    ['a lone "%"', 'a=100%', '%XX'],
    ['a bad escape', 'a=%G1', '%XX'],
    ['a number', 12, '参数 query 必须是字符串'],
  ])('rejects a query with %s', async (_name, query, message) => {
    await rejects({ action: 'scheme', query }, message);
  });

  it.each([['beta'], ['Release'], [1], ['']])('rejects envVersion %p', async (envVersion) => {
    await rejects({ action: 'scheme', envVersion }, '参数 envVersion 必须是 release / trial / develop 之一');
  });

  it.each([[0], [31], [-1], [1.5], ['7'], [true]])('rejects expireIntervalDays %p', async (days) => {
    await rejects(
      { action: 'scheme', expireIntervalDays: days },
      '参数 expireIntervalDays 必须是 1 到 30 之间的整数（有效天数，最长 30 天）',
    );
  });

  it.each([
    ['less than 5 minutes ahead', () => nowSeconds() + 299, '在当前时间 5 分钟后到 30 天内'],
    ['in the past', () => nowSeconds() - 1, '在当前时间 5 分钟后到 30 天内'],
    ['more than 30 days ahead', () => nowSeconds() + 30 * DAY + 1, '在当前时间 5 分钟后到 30 天内'],
    ['in milliseconds', () => t.now() + 3_600_000, '看起来是毫秒'],
    ['not an integer', () => nowSeconds() + 3600.5, 'Unix 时间戳（秒）'],
    ['a string', () => String(nowSeconds() + 3600), 'Unix 时间戳（秒）'],
  ])('rejects an expireAt %s', async (_name, at, message) => {
    await rejects({ action: 'scheme', expireAt: at() }, message);
  });

  it('states the allowed expireAt range in seconds', async () => {
    const now = nowSeconds();
    await rejects({ action: 'link', expireAt: 1 }, `（${now + 300} 到 ${now + 30 * DAY}）`);
  });

  it('rejects expireIntervalDays together with expireAt', async () => {
    await rejects(
      { action: 'scheme', expireIntervalDays: 1, expireAt: nowSeconds() + 3600 },
      '参数 expireIntervalDays 和 expireAt 只能二选一',
    );
  });

  it('does not count rejected requests against the rate limit', async () => {
    for (let i = 0; i < RATE_LIMIT.perUser + 1; i += 1)
      await rejects({ action: 'scheme', path: 'x' }, 'path');
    expect((await t.cloud.database.collection(RATE_LIMIT_COLLECTION).count()).total).toBe(0);
  });
});

describe('urlscheme: validation boundaries that pass', () => {
  it('accepts every page of app.json and the empty path (home)', async () => {
    for (const path of ['', ...APP_PAGES]) {
      const result = await scheme({ path });
      expect(result.ok).toBe(true);
      t.advance(RATE_LIMIT.windowMs);
    }
    expect(standIn().generated.map((link) => link.path)).toEqual(['', ...APP_PAGES]);
  });

  it('accepts a query of exactly 1024 characters and every allowed special character', async () => {
    expect((await scheme({ query: 'q'.repeat(1024) })).ok).toBe(true);
    expect((await scheme({ query: "a=1&b=!#$'()*+,/:;=?@-._~" })).ok).toBe(true);
    expect((await scheme({ query: `name=${encodeURIComponent('中文')}` })).ok).toBe(true);
    expect(standIn().generated.map((link) => link.query.length)).toEqual([1024, 25, 23]);
  });

  it.each([['release'], ['trial'], ['develop']])('accepts envVersion %s', async (envVersion) => {
    expect((await scheme({ envVersion })).ok).toBe(true);
    expect(standIn().generated[0].envVersion).toBe(envVersion);
  });

  it.each([[1], [30]])('accepts expireIntervalDays %i and returns the computed expiry', async (days) => {
    const result = await scheme({ expireIntervalDays: days });
    expect(result).toEqual({
      ok: true,
      data: { openlink: expect.any(String), expireAt: nowSeconds() + days * DAY },
    });
  });

  it.each([
    ['5 minutes ahead', 300],
    ['30 days ahead', 30 * DAY],
  ])('accepts an expireAt %s and returns it', async (_name, lead) => {
    const expireAt = nowSeconds() + lead;
    expect(await scheme({ expireAt })).toEqual({
      ok: true,
      data: { openlink: expect.any(String), expireAt },
    });
  });

  it('treats null fields as absent', async () => {
    const result = await scheme({
      path: null,
      query: null,
      envVersion: null,
      expireAt: null,
      expireIntervalDays: null,
    });
    expect(result).toEqual({
      ok: true,
      data: { openlink: expect.any(String), expireAt: nowSeconds() + 30 * DAY },
    });
  });
});

describe('urlscheme: WeChat errors', () => {
  it.each(
    Object.entries(WECHAT_ERRORS).map(([code, mapping]) => [
      Number(code),
      mapping.code,
      mapping.message ?? ERROR_CODES[mapping.code],
    ]),
  )('maps errcode %i to %s', async (errcode, code, message) => {
    standIn().failNext(errcode);
    expect(await scheme({})).toEqual({ ok: false, error: { code, message, wxErrCode: errcode } });
  });

  it('has a stable code and a Chinese message for each documented errcode', () => {
    for (const errcode of [40002, 40165, 40212, 44990, 44993, 85079, 85401, 85402]) {
      const mapping = WECHAT_ERRORS[errcode];
      expect(mapping?.code).toMatch(/^[A-Z_]+$/);
      expect(mapping && (mapping.message ?? ERROR_CODES[mapping.code])).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('passes unknown errcodes through', async () => {
    standIn().failNext(40013, 'invalid appid');
    expect(await scheme({})).toEqual({
      ok: false,
      error: {
        code: 'WECHAT_API_ERROR',
        message: '微信接口调用失败（错误码 40013），请稍后重试',
        wxErrCode: 40013,
      },
    });
  });

  it('reports the real conditions behind the errors through the stand-in', async () => {
    standIn().published = false;
    expect(errorOf(await scheme({})).code).toBe('APP_NOT_PUBLISHED');
    standIn().published = true;

    standIn().publishedPages = APP_PAGES.filter((page) => page !== 'pages/mine/index');
    expect(errorOf(await scheme({ path: 'pages/mine/index' }))).toMatchObject({
      code: 'PAGE_NOT_PUBLISHED',
      wxErrCode: 40165,
    });

    standIn().dailyQuota = standIn().usedToday();
    expect(errorOf(await t.call('urlscheme', { action: 'link' }, alice))).toMatchObject({
      code: 'DAILY_QUOTA_EXCEEDED',
      wxErrCode: 44993,
    });
  });

  it('reports a malformed answer as a WeChat error, not a crash', async () => {
    t.cloud.openapi.register('urlscheme.generate', () => ({ openlink: '' }));
    expect(await scheme({})).toEqual({
      ok: false,
      error: { code: 'WECHAT_API_ERROR', message: '微信没有返回链接，请稍后重试' },
    });
  });
});

describe('urlscheme: rate limit', () => {
  const { perUser, perIp, windowMs } = RATE_LIMIT;

  async function burst(count: number, identity: Identity) {
    const results = [];
    for (let i = 0; i < count; i += 1) results.push(await scheme({}, identity));
    return results;
  }

  it(`allows ${RATE_LIMIT.perUser} calls a minute per openid, without calling WeChat beyond`, async () => {
    const openapi = spyOnOpenApi();
    const results = await burst(perUser, alice);
    expect(results.every((result) => result.ok)).toBe(true);

    t.advance(15_000);
    expect(errorOf(await scheme({}, alice))).toEqual({
      code: 'RATE_LIMITED',
      message: '操作过于频繁，请 45 秒后再试',
    });
    expect(openapi).toHaveBeenCalledTimes(perUser);

    expect((await scheme({}, bob)).ok).toBe(true);

    t.advance(windowMs - 15_000);
    expect((await scheme({}, alice)).ok).toBe(true);
    expect(openapi).toHaveBeenCalledTimes(perUser + 2);
  });

  it(`allows ${RATE_LIMIT.perIp} calls a minute per client IP for anonymous callers`, async () => {
    const results = await burst(perIp, web);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(errorOf(await scheme({}, web)).code).toBe('RATE_LIMITED');

    // Another IP, and a mini-program user, have their own counters.
    expect((await scheme({}, { TCB_SOURCE_IP: '203.0.113.8' })).ok).toBe(true);
    expect((await scheme({}, alice)).ok).toBe(true);

    t.advance(windowMs);
    expect((await scheme({}, web)).ok).toBe(true);
    expect(standIn().generated).toHaveLength(perIp + 3);
  });

  it('uses fixed windows aligned to the clock', async () => {
    t.advance(windowMs - 1000);
    await burst(perUser, alice);
    expect(errorOf(await scheme({}, alice)).message).toBe('操作过于频繁，请 1 秒后再试');
    t.advance(1000);
    expect((await scheme({}, alice)).ok).toBe(true);
  });

  it('counts concurrent calls exactly', async () => {
    const results = await Promise.all(Array.from({ length: perUser + 5 }, () => scheme({}, alice)));
    expect(results.filter((result) => result.ok)).toHaveLength(perUser);
    expect(results.filter((result) => !result.ok && result.error.code === 'RATE_LIMITED')).toHaveLength(5);
  });

  it('keeps one document per caller, without the raw openid or IP', async () => {
    await scheme({}, alice);
    await scheme({}, web);
    t.advance(windowMs);
    await scheme({}, alice);
    const { data } = await t.cloud.database.collection(RATE_LIMIT_COLLECTION).get();
    expect(data).toHaveLength(2);
    expect(JSON.stringify(data)).not.toContain(alice.OPENID);
    expect(JSON.stringify(data)).not.toContain(web.TCB_SOURCE_IP);
    expect(data.map((doc) => doc.count).sort()).toEqual([1, 1]);
  });

  it('refuses callers with neither an openid nor a client IP', async () => {
    const openapi = spyOnOpenApi();
    expect(errorOf(await scheme({}, {}))).toEqual({
      code: 'UNAUTHENTICATED',
      message: '无法识别调用方，请在小程序或网页中使用',
    });
    expect(openapi).not.toHaveBeenCalled();
  });
});

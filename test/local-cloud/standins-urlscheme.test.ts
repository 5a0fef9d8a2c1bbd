/** @jest-environment node */
import { APP_PAGES } from '../../cloudfunctions/.shared/app-pages';
import { CloudSdkError, type Identity } from '../../scripts/local-cloud';
import { useTestCloud } from '../support/cloud';

/** The stand-ins called directly, as `cloud.openapi.urlscheme.generate(params)` would reach them. */
const t = useTestCloud();
const DAY = 24 * 60 * 60;
const nowSeconds = () => Math.floor(t.now() / 1000);
const controls = () => t.cloud.standIns.urlscheme;

function call(api: 'urlscheme.generate' | 'urllink.generate', params: unknown, identity: Identity = {}) {
  return t.cloud.openapi.call(api, params, { identity, now: () => t.now() });
}
const scheme = (params: Record<string, unknown> = {}) => call('urlscheme.generate', params);
const link = (params: Record<string, unknown> = {}) => call('urllink.generate', params);

/** The WeChat errcode a call fails with (the SDK's error shape). */
async function errcodeOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CloudSdkError);
    return (error as CloudSdkError).errCode;
  }
  throw new Error('expected the call to fail');
}

describe('urlscheme.generate / urllink.generate stand-ins', () => {
  it('answer like wx-server-sdk: openlink / urlLink, errCode 0, errMsg ok', async () => {
    expect(await scheme({ jumpWxa: { path: 'pages/home/index' } })).toEqual({
      openlink: expect.stringMatching(/^weixin:\/\/dl\/business\/\?t=[A-Za-z0-9]{11}$/),
      errCode: 0,
      errMsg: 'openapi.urlscheme.generate:ok',
    });
    expect(await link({ path: 'pages/home/index' })).toEqual({
      urlLink: expect.stringMatching(/^https:\/\/wxaurl\.cn\/[A-Za-z0-9]{11}$/),
      errCode: 0,
      errMsg: 'openapi.urllink.generate:ok',
    });
    const [first, second] = controls().generated;
    expect(first).toMatchObject({
      kind: 'scheme',
      path: 'pages/home/index',
      query: '',
      envVersion: 'release',
    });
    expect(second.kind).toBe('link');
    expect(controls().find(second.url)).toBe(second);
    expect(first.url).not.toBe(second.url);
  });

  it('fails with the SDK error shape', async () => {
    await expect(scheme({ jumpWxa: { path: 'pages/nowhere/index' } })).rejects.toMatchObject({
      errCode: 40165,
      errMsg: 'openapi.urlscheme.generate:fail invalid weapp pagepath',
    });
  });

  describe('path', () => {
    it('accepts the published pages (default: app.json), a leading "/", and "" for the home page', async () => {
      expect(controls().publishedPages).toEqual([...APP_PAGES]);
      for (const path of [...APP_PAGES, `/${APP_PAGES[1]}`, '']) await scheme({ jumpWxa: { path } });
      await scheme({});
      expect(controls().generated.map((generated) => generated.path)).toEqual([
        ...APP_PAGES,
        APP_PAGES[1],
        '',
        '',
      ]);
    });

    it('refuses unpublished pages and paths with a query with 40165', async () => {
      expect(await errcodeOf(link({ path: 'pages/nowhere/index' }))).toBe(40165);
      expect(await errcodeOf(link({ path: 'pages/home/index?a=1' }))).toBe(40165);
      controls().publishedPages = ['pages/home/index'];
      expect(await errcodeOf(scheme({ jumpWxa: { path: 'pages/mine/index' } }))).toBe(40165);
    });
  });

  describe('query', () => {
    it('accepts up to 1024 allowed characters, "%" included', async () => {
      await scheme({ jumpWxa: { query: 'a'.repeat(1024) } });
      await link({ query: "x=!#$&'()*+,/:;=?@-._~%E4" });
      expect(controls().generated).toHaveLength(2);
    });

    it.each([['a'.repeat(1025)], ['名字=张三'], ['a b'], ['a=<b>'], ['a"b']])(
      'refuses %p with 40212',
      async (query) => {
        expect(await errcodeOf(scheme({ jumpWxa: { query } }))).toBe(40212);
      },
    );
  });

  describe('envVersion', () => {
    it.each([['release'], ['trial'], ['develop']])('accepts %s', async (envVersion) => {
      await link({ envVersion });
      expect(controls().generated[0].envVersion).toBe(envVersion);
    });

    it.each([['beta'], [''], [1]])('refuses %p with 85402', async (envVersion) => {
      expect(await errcodeOf(scheme({ jumpWxa: { envVersion } }))).toBe(85402);
    });
  });

  describe('expiry', () => {
    it('accepts expire_interval 1..30 days and expire_time up to 30 days ahead', async () => {
      await scheme({ expireType: 1, expireInterval: 1 });
      await scheme({ expireType: 1, expireInterval: 30 });
      await link({ expireType: 0, expireTime: nowSeconds() + 61 });
      await link({ expireTime: nowSeconds() + 30 * DAY });
      expect(controls().generated.map((generated) => generated.expireAt - nowSeconds())).toEqual([
        DAY,
        30 * DAY,
        61,
        30 * DAY,
      ]);
    });

    it.each([
      ['interval 0', { expireType: 1, expireInterval: 0 }],
      ['interval 31', { expireType: 1, expireInterval: 31 }],
      ['interval missing', { expireType: 1 }],
      ['time only 1 minute ahead', { expireType: 0, expireTime: 'now+60' }],
      ['time in the past', { expireType: 0, expireTime: 'now-1' }],
      ['time 30 days + 1 s ahead', { expireType: 0, expireTime: 'now+2592001' }],
      ['an unknown expire_type', { expireType: 2, expireInterval: 1 }],
    ])('refuses %s with 85401', async (_name, params) => {
      const resolved = { ...params } as Record<string, unknown>;
      if (typeof resolved.expireTime === 'string') {
        resolved.expireTime = nowSeconds() + Number(resolved.expireTime.slice(3));
      }
      expect(await errcodeOf(scheme(resolved))).toBe(85401);
    });

    it('ignores is_expire: without an expiry, or with isExpire false, a link lives 30 days', async () => {
      await scheme({});
      await link({ isExpire: false });
      expect(controls().generated.map((generated) => generated.expireAt)).toEqual([
        nowSeconds() + 30 * DAY,
        nowSeconds() + 30 * DAY,
      ]);
    });
  });

  it('refuses malformed params with 47001', async () => {
    expect(await errcodeOf(scheme({ jumpWxa: 'pages/home/index' }))).toBe(47001);
    expect(await errcodeOf(link({ path: 42 }))).toBe(47001);
    expect(await errcodeOf(link({ expireTime: 'tomorrow' }))).toBe(47001);
    expect(await errcodeOf(call('urllink.generate', 'x'))).toBe(47001);
  });

  it('answers 85079 while no version is published', async () => {
    controls().published = false;
    expect(await errcodeOf(scheme())).toBe(85079);
    expect(await errcodeOf(link())).toBe(85079);
    controls().published = true;
    await scheme();
  });

  it('limits calls per second (44990)', async () => {
    controls().perSecondLimit = 3;
    t.advance(1000 - (t.now() % 1000));
    for (let i = 0; i < 3; i += 1) await scheme();
    expect(await errcodeOf(link())).toBe(44990);
    t.advance(1000);
    await link();
  });

  it('counts scheme and link together against the daily quota, per China day (44993)', async () => {
    controls().dailyQuota = 2;
    // The test clock starts at 08:00 UTC = 16:00 in China; midnight there is 8 hours later.
    await scheme();
    await link();
    expect(controls().usedToday()).toBe(2);
    expect(await errcodeOf(scheme())).toBe(44993);
    t.advance(8 * 60 * 60 * 1000 - 1);
    expect(await errcodeOf(link())).toBe(44993);
    t.advance(1);
    expect(controls().usedToday()).toBe(0);
    await link();
  });

  it('fails queued errcodes first, then works again', async () => {
    controls().failNext(40002);
    controls().failNext(99999, 'made up');
    await expect(scheme()).rejects.toMatchObject({
      errCode: 40002,
      errMsg: expect.stringContaining('invalid grant'),
    });
    await expect(link()).rejects.toMatchObject({
      errCode: 99999,
      errMsg: 'openapi.urllink.generate:fail made up',
    });
    await scheme();
    expect(controls().generated).toHaveLength(1);
  });

  it('records every request, refused ones included, with the caller', async () => {
    await call('urlscheme.generate', { jumpWxa: { path: 'pages/home/index' } }, { CLIENTIP: '198.51.100.1' });
    await errcodeOf(link({ path: 'nope' }));
    expect(controls().requests).toEqual([
      { api: 'urlscheme.generate', params: { jumpWxa: { path: 'pages/home/index' } }, at: t.now() },
      { api: 'urllink.generate', params: { path: 'nope' }, at: t.now() },
    ]);
    expect(controls().generated[0].caller).toEqual({ CLIENTIP: '198.51.100.1' });
  });
});

/** @jest-environment node */
import { LocalCloud } from '../../scripts/local-cloud';
import { PHONE_CODE_LIFETIME_MS } from '../../scripts/local-cloud/standins/phonenumber';

let clock = 0;
let cloud: LocalCloud;
beforeEach(() => {
  clock = Date.UTC(2026, 10, 21);
  cloud = new LocalCloud({ now: () => clock });
});
afterEach(() => cloud.close());

const call = (name: string, params: unknown) =>
  cloud.openapi.call(name, params, { identity: { OPENID: 'oCaller000000' }, now: () => clock });

describe('security.msgSecCheck stand-in (version 2)', () => {
  const valid = { version: 2, openid: 'oCaller000000', scene: 1, content: '你好' };

  it('answers pass / review / risky with the documented result shape', async () => {
    expect(await call('security.msgSecCheck', valid)).toMatchObject({
      errCode: 0,
      result: { suggest: 'pass', label: 100 },
      traceId: expect.any(String),
    });
    expect(await call('security.msgSecCheck', { ...valid, content: '待审词' })).toMatchObject({
      result: { suggest: 'review' },
    });
    expect(await call('security.msgSecCheck', { ...valid, content: '含违禁词的昵称' })).toMatchObject({
      result: { suggest: 'risky', label: 20003 },
    });
    cloud.standIns.security.blockedWords.push('自定义');
    expect(await call('security.msgSecCheck', { ...valid, content: '自定义词' })).toMatchObject({
      result: { suggest: 'risky' },
    });
  });

  it.each([
    [{ version: 1 }, 47001],
    [{ openid: undefined }, 40003],
    [{ openid: 'bad openid!' }, 40003],
    [{ scene: 5 }, 47001],
    [{ content: '' }, 47001],
    [{ content: '字'.repeat(2501) }, 47001],
  ])('rejects %j with errcode %i', async (change, errCode) => {
    await expect(call('security.msgSecCheck', { ...valid, ...change })).rejects.toMatchObject({ errCode });
  });

  it('accepts exactly 2500 characters', async () => {
    await expect(
      call('security.msgSecCheck', { ...valid, content: '字'.repeat(2500) }),
    ).resolves.toMatchObject({
      errCode: 0,
    });
  });
});

describe('phonenumber.getPhoneNumber stand-in', () => {
  it('exchanges a fresh code once for the documented phoneInfo', async () => {
    const code = cloud.standIns.phoneNumber.issueCode('13812345678');
    expect(await call('phonenumber.getPhoneNumber', { code })).toMatchObject({
      errCode: 0,
      phoneInfo: { phoneNumber: '13812345678', purePhoneNumber: '13812345678', countryCode: '86' },
    });
    await expect(call('phonenumber.getPhoneNumber', { code })).rejects.toMatchObject({ errCode: 40029 });
  });

  it('refuses unknown and expired codes (5 minutes) with 40029', async () => {
    await expect(call('phonenumber.getPhoneNumber', { code: 'made-up' })).rejects.toMatchObject({
      errCode: 40029,
    });
    const code = cloud.standIns.phoneNumber.issueCode('13812345678');
    clock += PHONE_CODE_LIFETIME_MS;
    await expect(call('phonenumber.getPhoneNumber', { code })).resolves.toMatchObject({ errCode: 0 });
    const late = cloud.standIns.phoneNumber.issueCode('13812345678');
    clock += PHONE_CODE_LIFETIME_MS + 1;
    await expect(call('phonenumber.getPhoneNumber', { code: late })).rejects.toMatchObject({
      errCode: 40029,
    });
  });

  it('needs a code, and can be told to hit the rate limit', async () => {
    await expect(call('phonenumber.getPhoneNumber', {})).rejects.toMatchObject({ errCode: 47001 });
    cloud.standIns.phoneNumber.failNext(45011);
    const code = cloud.standIns.phoneNumber.issueCode('13812345678');
    await expect(call('phonenumber.getPhoneNumber', { code })).rejects.toMatchObject({ errCode: 45011 });
  });
});

describe('msgSecCheck stand-in: disguised words', () => {
  const valid = { version: 2, openid: 'oCaller000000', scene: 1 };
  it.each([
    ['U+200D', '违\u200D禁词'],
    ['U+2060', '违\u2060禁词'],
    ['U+00AD', '违\u00AD禁词'],
    ['spaces', '违 禁 词'],
    ['full-width letters', 'ＢＡＤ ｗｏｒｄ'],
  ])('still finds a blocked word split or disguised with %s', async (_name, content) => {
    cloud.standIns.security.blockedWords.push('bad word');
    expect(await call('security.msgSecCheck', { ...valid, content })).toMatchObject({
      result: { suggest: 'risky' },
    });
  });
});

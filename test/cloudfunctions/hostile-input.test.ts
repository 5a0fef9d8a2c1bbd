/** @jest-environment node */
/**
 * What an attacker tried, kept as tests: nicknames that must be refused (and quickly),
 * anonymous callers that must be refused before the event is looked at, malformed WeChat
 * answers, writes for openids without an account.
 */
import type { ProfileResult } from '../../miniprogram/contracts/results';
import { alice, useTestCloud } from '../support/cloud';
import { snapshot } from '../support/state';

const t = useTestCloud();
const update = (nickname: unknown, identity = alice) =>
  t.call<ProfileResult>('user', { action: 'updateProfile', nickname }, identity);

describe('nicknames', () => {
  beforeEach(() => t.call('login', {}, alice));

  const invisible = '昵称不能包含换行、控制字符或不可见字符';
  it.each([
    ['U+200D between letters', 'ab\u200Dcd', invisible],
    ['word joiner U+2060', 'ab\u2060cd', invisible],
    ['soft hyphen U+00AD', 'ab\u00ADcd', invisible],
    ['Mongolian vowel separator U+180E', 'ab\u180Ecd', invisible],
    ['tag characters', 'ab\u{E0061}\u{E007F}', invisible],
    ['Arabic letter mark U+061C', 'ab\u061Ccd', invisible],
    ['noncharacter U+FFFF', 'ab\uFFFF', invisible],
    ['a lone surrogate', 'ab\uD83D', invisible],
    ['Hangul filler U+3164 (blank)', '\u3164\u3164', invisible],
    ['blank Braille pattern U+2800', '\u2800', invisible],
    ['a lone variation selector U+FE0F', '\uFE0F', invisible],
    ['a Mongolian free variation selector', 'ab\u180Bcd', invisible],
    ['Khmer inherent vowels (invisible)', '\u17B4\u17B5', invisible],
    ['an unassigned code point', 'ab\u0378', invisible],
    ['a lone combining mark', '\u0301', '看得见的文字'],
    ['a + 1,000 combining marks', `a${'\u0301'.repeat(1000)}`, '不能超过 20 个字'],
    ['a + 12 combining marks', `a${'\u0301'.repeat(12)}`, '过多的符号'],
    ['1,200 emoji joined by ZWJ', Array(1200).fill('😀').join('\u200D'), '不能超过 20 个字'],
    ['2,000 Hangul jamo', '\u1100'.repeat(2000), '不能超过 20 个字'],
    ['60,000 characters', '名'.repeat(60_000), '不能超过 20 个字'],
  ])('refuses %s, before the content check, saving nothing', async (_name, nickname, message) => {
    const before = await snapshot(t.cloud);
    expect(await update(nickname)).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining(message) },
    });
    expect(t.cloud.standIns.security.checked).toEqual([]);
    expect(await snapshot(t.cloud)).toEqual(before);
  });

  it.each([
    ['a family emoji', '👨‍👩‍👧‍👦'],
    ['a kiss with skin tones', '👩🏽‍❤️‍💋‍👨🏻'],
    ['a flag and a heart', '🇨🇳❤️'],
    ['a keycap', '1️⃣'],
    ['Korean syllables from jamo (stored composed)', '\u1100\u1161\u11A8'],
    ['a name with a space', 'Tom Lee'],
  ])('accepts %s', async (_name, nickname) => {
    expect(await update(nickname)).toMatchObject({
      ok: true,
      data: { user: { nickname: nickname.normalize('NFC') } },
    });
  });

  it('refuses an anonymous caller before looking at the event', async () => {
    expect(await update('名'.repeat(150_000), { TCB_SOURCE_IP: '203.0.113.1' })).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: '请在微信小程序内使用' },
    });
  });
});

describe('writes need an account', () => {
  it('favorites.add refuses an openid without a user record and stores nothing', async () => {
    const before = await snapshot(t.cloud);
    expect(await t.call('favorites', { action: 'add', itemId: 'guest-first' }, alice)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '账号不存在，请重新登录' },
    });
    expect(await t.call('favorites', { action: 'list' }, alice)).toEqual({ ok: true, data: { itemIds: [] } });
    expect(await snapshot(t.cloud)).toEqual(before);
  });

  it('ping answers an openid without a record but counts nothing for it', async () => {
    expect(await t.call('ping', {}, alice)).toMatchObject({
      ok: true,
      data: { openid: alice.OPENID, visits: 0 },
    });
    expect((await t.cloud.database.collection('pings').count()).total).toBe(0);
    await t.call('login', {}, alice);
    expect(await t.call('ping', {}, alice)).toMatchObject({ ok: true, data: { visits: 1 } });
  });
});

describe('malformed WeChat answers', () => {
  beforeEach(() => t.call('login', {}, alice));

  it.each([
    ['phoneInfo: {}', { phoneInfo: {} }],
    ['no phoneInfo', {}],
    ['an empty number', { phoneInfo: { purePhoneNumber: '', countryCode: '86' } }],
    ['a number that is not digits', { phoneInfo: { purePhoneNumber: '<script>', countryCode: '86' } }],
  ])('getPhoneNumber answering %s binds nothing and says so', async (_name, answer) => {
    t.cloud.openapi.register('phonenumber.getPhoneNumber', () => answer);
    expect(await t.call('user', { action: 'bindPhone', code: 'c0de' }, alice)).toEqual({
      ok: false,
      error: { code: 'PHONE_UNAVAILABLE', message: '没有获取到手机号，请重新获取' },
    });
    expect(
      (await t.cloud.database.collection('users').doc(alice.OPENID!).get()).data.phoneNumber,
    ).toBeUndefined();
  });

  it('msgSecCheck answering without a verdict does not let the nickname through', async () => {
    t.cloud.openapi.register('security.msgSecCheck', () => ({ result: { suggest: 'maybe' } }));
    expect(await update('小明')).toMatchObject({ ok: false, error: { code: 'NICKNAME_REVIEW' } });
  });
});

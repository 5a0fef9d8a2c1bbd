/** @jest-environment node */
import type { LoginResult } from '../../miniprogram/contracts/results';
import { alice, bob, useTestCloud } from '../support/cloud';

const t = useTestCloud();

const users = () => t.cloud.database.collection('users');

describe('login cloud function', () => {
  it('creates the user record keyed by openid on first login, finds it afterwards', async () => {
    const first = await t.call<LoginResult>('login', {}, alice);
    expect(first).toEqual({
      ok: true,
      data: {
        openid: alice.OPENID,
        user: { nickname: '', avatarFileId: '', phoneMasked: '', createdAt: new Date(t.now()).toISOString() },
        isNew: true,
        favorites: [],
      },
    });

    t.advance(60_000);
    const second = await t.call<LoginResult>('login', {}, alice);
    expect(second.ok && second.data.isNew).toBe(false);

    const { data } = await users().get();
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ _id: alice.OPENID, appid: alice.APPID });
    expect(new Date(data[0].createdAt as string).getTime()).toBe(t.now() - 60_000);
    expect(new Date(data[0].lastLoginAt as string).getTime()).toBe(t.now());
  });

  it("returns only the caller's public profile, never session keys or other users", async () => {
    await t.call('login', {}, bob);
    const result = await t.call<LoginResult>('login', {}, alice);
    if (!result.ok) throw new Error('login failed');
    expect(Object.keys(result.data).sort()).toEqual(['favorites', 'isNew', 'openid', 'user']);
    expect(Object.keys(result.data.user).sort()).toEqual([
      'avatarFileId',
      'createdAt',
      'nickname',
      'phoneMasked',
    ]);
    expect(JSON.stringify(result)).not.toContain(bob.OPENID);
    expect(JSON.stringify(result)).not.toMatch(/session_?key/i);
  });

  it('stores unionid when present and updates it when it appears later', async () => {
    await t.call('login', {}, alice);
    expect((await users().doc(alice.OPENID!).get()).data.unionid).toBeUndefined();

    const withUnion = { ...alice, UNIONID: 'oUnion0000000000000000000001' };
    const result = await t.call<LoginResult>('login', {}, withUnion);
    expect(result.ok && result.data.unionid).toBe(withUnion.UNIONID);
    expect((await users().doc(alice.OPENID!).get()).data.unionid).toBe(withUnion.UNIONID);

    const moved = { ...alice, UNIONID: 'oUnion0000000000000000000002' };
    await t.call('login', {}, moved);
    expect((await users().doc(alice.OPENID!).get()).data.unionid).toBe(moved.UNIONID);
  });

  it('ignores an openid or unionid crafted into the event', async () => {
    const result = await t.call<LoginResult>(
      'login',
      { openid: bob.OPENID, unionid: 'forged', OPENID: bob.OPENID, userInfo: { openId: bob.OPENID } },
      alice,
    );
    expect(result.ok && result.data.openid).toBe(alice.OPENID);
    const { data } = await users().get();
    expect(data.map((doc) => doc._id)).toEqual([alice.OPENID]);
    expect(data[0].unionid).toBeUndefined();
  });

  it('makes one record for concurrent first logins', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => t.call<LoginResult>('login', {}, alice)),
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(results.filter((result) => result.ok && result.data.isNew)).toHaveLength(1);
    expect((await users().count()).total).toBe(1);
  });

  it('reads no field of the event: whatever a client sends, the identity is the platform’s', async () => {
    for (const event of [
      { code: 'has spaces' },
      { code: 42 },
      { code: 'x'.repeat(129) },
      { somethingElse: true },
    ]) {
      expect(await t.call<LoginResult>('login', event, alice)).toMatchObject({
        ok: true,
        data: { openid: alice.OPENID },
      });
    }
    expect((await users().count()).total).toBe(1);
  });

  it("brings the user's favourites, newest first, so a returning launch needs this one call", async () => {
    await t.call('login', {}, alice);
    await t.call('favorites', { action: 'add', itemId: 'guest-first' }, alice);
    t.advance(1000);
    await t.call('favorites', { action: 'add', itemId: 'avatar-nickname' }, alice);
    await t.call('login', {}, bob);
    await t.call('favorites', { action: 'add', itemId: 'openid-unionid' }, bob);
    const again = await t.call<LoginResult>('login', {}, alice);
    expect(again.ok && again.data.favorites).toEqual(['avatar-nickname', 'guest-first']);
  });

  it('refuses callers without a WeChat identity', async () => {
    expect(await t.call('login', {}, { TCB_SOURCE_IP: '127.0.0.1' })).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: '请在微信小程序内使用' },
    });
    expect((await users().count()).total).toBe(0);
  });
});

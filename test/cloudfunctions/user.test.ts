/** @jest-environment node */
import type { ProfileResult } from '../../miniprogram/contracts/results';
import { alice, bob, useTestCloud } from '../support/cloud';

const t = useTestCloud();

const users = () => t.cloud.database.collection('users');
const profile = (result: unknown) => (result as { ok: true; data: ProfileResult }).data.user;

/** Logs the identity in (creates the record) and uploads a file into `cloudPath`. */
async function signUp(identity = alice) {
  await t.call('login', {}, identity);
}
async function upload(cloudPath: string, owner = alice.OPENID) {
  return (await t.cloud.storage.upload({ cloudPath, content: Buffer.from('png'), ownerOpenid: owner }))
    .fileID;
}

describe('user.getProfile', () => {
  it("returns the caller's public profile and refuses an unknown caller", async () => {
    await signUp();
    expect(profile(await t.call('user', { action: 'getProfile' }, alice))).toEqual({
      nickname: '',
      avatarFileId: '',
      phoneMasked: '',
      createdAt: new Date(t.now()).toISOString(),
    });
    expect(await t.call('user', { action: 'getProfile' }, bob)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '账号不存在，请重新登录' },
    });
  });
});

describe('user.updateProfile', () => {
  beforeEach(() => signUp());

  it("saves a trimmed nickname after the content check (scene 1, the caller's openid)", async () => {
    const result = await t.call('user', { action: 'updateProfile', nickname: '  小明😀  ' }, alice);
    expect(profile(result).nickname).toBe('小明😀');
    expect(t.cloud.standIns.security.checked).toEqual([
      { openid: alice.OPENID, scene: 1, content: '小明😀', suggest: 'pass' },
    ]);
    expect((await users().doc(alice.OPENID!).get()).data.nickname).toBe('小明😀');
  });

  it.each([
    ['', '昵称不能为空'],
    ['   ', '昵称不能为空'],
    ['a'.repeat(21), '昵称不能超过 20 个字'],
    ['第一行\n第二行', '控制字符'],
    ['abc\u202Edef', '不可见字符'],
    [42, '昵称必须是文字'],
  ])('rejects the nickname %j with a clear message, before any content check', async (nickname, message) => {
    expect(await t.call('user', { action: 'updateProfile', nickname }, alice)).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining(message) },
    });
    expect(t.cloud.standIns.security.checked).toEqual([]);
  });

  it('counts characters, not bytes: 20 emoji (even ZWJ families) are allowed, 21 are not', async () => {
    const family = '👨‍👩‍👧';
    expect(
      profile(await t.call('user', { action: 'updateProfile', nickname: family.repeat(20) }, alice)).nickname,
    ).toBe(family.repeat(20));
    expect(await t.call('user', { action: 'updateProfile', nickname: '中'.repeat(21) }, alice)).toMatchObject(
      {
        ok: false,
      },
    );
  });

  it('refuses a risky nickname and a review nickname, keeping the old one', async () => {
    await t.call('user', { action: 'updateProfile', nickname: '旧名字' }, alice);
    expect(await t.call('user', { action: 'updateProfile', nickname: '我是违禁词' }, alice)).toEqual({
      ok: false,
      error: { code: 'NICKNAME_REJECTED', message: '昵称包含不合适的内容，请换一个' },
    });
    expect(await t.call('user', { action: 'updateProfile', nickname: '待审词呀' }, alice)).toEqual({
      ok: false,
      error: { code: 'NICKNAME_REVIEW', message: '这个昵称暂时无法使用，请换一个试试' },
    });
    expect((await users().doc(alice.OPENID!).get()).data.nickname).toBe('旧名字');
  });

  it('reports an unavailable content check with the WeChat code, saving nothing', async () => {
    t.cloud.standIns.security.failNext(45009, 'reach max api daily quota limit');
    expect(await t.call('user', { action: 'updateProfile', nickname: '小明' }, alice)).toEqual({
      ok: false,
      error: {
        code: 'CONTENT_CHECK_UNAVAILABLE',
        message: '昵称检测暂时不可用，请稍后重试',
        wxErrCode: 45009,
      },
    });
    expect((await users().doc(alice.OPENID!).get()).data.nickname).toBeUndefined();
  });

  it('accepts an avatar the caller uploaded into their own folder and deletes the replaced one', async () => {
    const first = await upload(`avatars/${alice.OPENID}/1.jpg`);
    expect(
      profile(await t.call('user', { action: 'updateProfile', avatarFileId: first }, alice)).avatarFileId,
    ).toBe(first);
    const second = await upload(`avatars/${alice.OPENID}/2.jpg`);
    await t.call('user', { action: 'updateProfile', avatarFileId: second }, alice);
    expect((await users().doc(alice.OPENID!).get()).data.avatarFileId).toBe(second);
    expect(t.cloud.storage.list(`avatars/${alice.OPENID}/`).map((file) => file.fileID)).toEqual([second]);
  });

  it("rejects another user's file, a path outside the avatar folder and a missing file", async () => {
    await signUp(bob);
    const bobs = await upload(`avatars/${bob.OPENID}/1.jpg`, bob.OPENID);
    const outside = await upload(`public/${alice.OPENID}.jpg`);
    for (const avatarFileId of [
      bobs,
      outside,
      'https://example.com/a.jpg',
      `avatars/${alice.OPENID}/x.jpg`,
    ]) {
      expect(await t.call('user', { action: 'updateProfile', avatarFileId }, alice)).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: '头像文件无效，请重新选择头像' },
      });
    }
    const missing = bobs.replace(bob.OPENID!, alice.OPENID!);
    expect(await t.call('user', { action: 'updateProfile', avatarFileId: missing }, alice)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '头像上传未完成，请重新选择头像' },
    });
    expect((await users().doc(alice.OPENID!).get()).data.avatarFileId).toBeUndefined();
  });

  it('writes only whitelisted fields', async () => {
    await t.call(
      'user',
      {
        action: 'updateProfile',
        nickname: '小明',
        _id: 'other',
        openid: bob.OPENID,
        phoneNumber: '1',
        role: 'admin',
      },
      alice,
    );
    const { data } = await users().doc(alice.OPENID!).get();
    expect(data).toMatchObject({ _id: alice.OPENID, nickname: '小明' });
    expect(data).not.toHaveProperty('role');
    expect(data).not.toHaveProperty('phoneNumber');
    expect((await users().count()).total).toBe(1);
  });

  it('needs something to change', async () => {
    expect(await t.call('user', { action: 'updateProfile' }, alice)).toEqual({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: '没有需要保存的修改' },
    });
  });
});

describe('user.bindPhone', () => {
  beforeEach(() => signUp());

  it('exchanges a fresh code and returns the number masked', async () => {
    const code = t.cloud.standIns.phoneNumber.issueCode('13812345678');
    expect(profile(await t.call('user', { action: 'bindPhone', code }, alice)).phoneMasked).toBe(
      '138****5678',
    );
    expect((await users().doc(alice.OPENID!).get()).data).toMatchObject({
      phoneNumber: '13812345678',
      phoneCountryCode: '86',
    });
  });

  it('refuses a used or expired code with 40029, and maps the rate limit 45011', async () => {
    const code = t.cloud.standIns.phoneNumber.issueCode('13812345678');
    await t.call('user', { action: 'bindPhone', code }, alice);
    const invalid = {
      ok: false,
      error: { code: 'PHONE_CODE_INVALID', message: '手机号授权已失效，请重新获取', wxErrCode: 40029 },
    };
    expect(await t.call('user', { action: 'bindPhone', code }, alice)).toEqual(invalid);

    const late = t.cloud.standIns.phoneNumber.issueCode('13900000000');
    t.advance(5 * 60 * 1000 + 1);
    expect(await t.call('user', { action: 'bindPhone', code: late }, alice)).toEqual(invalid);

    t.cloud.standIns.phoneNumber.failNext(45011);
    const fresh = t.cloud.standIns.phoneNumber.issueCode('13900000000');
    expect(await t.call('user', { action: 'bindPhone', code: fresh }, alice)).toEqual({
      ok: false,
      error: { code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试', wxErrCode: 45011 },
    });
  });

  it('passes an unknown WeChat error through with its code', async () => {
    t.cloud.standIns.phoneNumber.failNext(-1, 'system error');
    const code = t.cloud.standIns.phoneNumber.issueCode('13900000000');
    expect(await t.call('user', { action: 'bindPhone', code }, alice)).toMatchObject({
      ok: false,
      error: { code: 'WECHAT_API_ERROR', wxErrCode: -1, message: expect.stringContaining('-1') },
    });
  });

  it('needs a code', async () => {
    expect(await t.call('user', { action: 'bindPhone' }, alice)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
  });
});

describe('user.deleteAccount', () => {
  it('removes the record, favourites and uploaded avatar, and leaves other users alone', async () => {
    await signUp();
    await signUp(bob);
    const avatar = await upload(`avatars/${alice.OPENID}/1.jpg`);
    await t.call('user', { action: 'updateProfile', avatarFileId: avatar }, alice);
    await t.call('favorites', { action: 'add', itemId: 'guest-first' }, alice);
    await t.call('favorites', { action: 'add', itemId: 'guest-first' }, bob);
    await t.call('ping', {}, alice);

    expect(await t.call('user', { action: 'deleteAccount' }, alice)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(await t.call('user', { action: 'deleteAccount', confirm: true }, alice)).toEqual({
      ok: true,
      data: { deleted: true, removedFiles: 1 },
    });

    expect((await users().where({ _id: alice.OPENID }).count()).total).toBe(0);
    expect(
      (await t.cloud.database.collection('favorites').where({ openid: alice.OPENID }).count()).total,
    ).toBe(0);
    expect((await t.cloud.database.collection('pings').where({ _id: alice.OPENID }).count()).total).toBe(0);
    expect(t.cloud.storage.list(`avatars/${alice.OPENID}/`)).toEqual([]);
    expect((await users().where({ _id: bob.OPENID }).count()).total).toBe(1);
    expect((await t.cloud.database.collection('favorites').where({ openid: bob.OPENID }).count()).total).toBe(
      1,
    );
  });
});

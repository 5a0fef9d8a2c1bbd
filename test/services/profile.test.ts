/**
 * What the client does when a profile write fails: it deletes a fresh upload only when the
 * server said nothing was saved, re-reads after "maybe saved", and never deletes a file the
 * record may point to. Faults are injected on the wire (see faults.ts); the real functions
 * run on the local cloud runtime.
 */
import { bindPhone, deleteAccount, saveProfile } from '../../miniprogram/packages/account/services/profile';
import { sessionStore } from '../../miniprogram/stores/session';
import { ServiceError } from '../../miniprogram/utils/service-error';
import { resetApp, server } from '../support/app';
import { currentFakeWx } from '../support/fake-wx';
import { injectFault, MAYBE_SAVED_BODY, type Fault } from './faults';

beforeEach(resetApp);

interface UserDoc {
  nickname?: string;
  avatarFileId?: string;
  phoneNumber?: string;
}

async function userRecord(): Promise<UserDoc | undefined> {
  const { data } = await server()
    .database.collection('users')
    .where({ _id: currentFakeWx().user.openid })
    .get();
  return data[0] as UserDoc | undefined;
}

const avatarFiles = () => server().storage.list(`avatars/${currentFakeWx().user.openid}/`);
/** The file the client uploaded last still exists. */
const lastUploadKept = () => {
  const fileID = currentFakeWx().cloud.uploads.at(-1)?.fileID;
  return Boolean(fileID && server().storage.read(fileID));
};
const actionsCalled = () =>
  currentFakeWx().cloud.calls.map((call) => (call.data as { action?: string } | undefined)?.action);

/** Logs in and saves a first avatar, so "the record still points to the old one" can be seen. */
async function userWithAvatar(): Promise<string> {
  await sessionStore.login();
  const first = currentFakeWx().files.createTemp(Buffer.from('old'), 'png');
  const user = await saveProfile(sessionStore.openid, { avatarTempPath: first });
  return user.avatarFileId;
}

/** Saves a new avatar with `fault` on the update; resolves with the outcome. */
async function saveNewAvatar(fault: Fault) {
  const temp = currentFakeWx().files.createTemp(Buffer.from('new'), 'jpg');
  injectFault('updateProfile', fault);
  return saveProfile(sessionStore.openid, { avatarTempPath: temp }).then(
    (user) => ({ user, error: undefined }),
    (error: unknown) => ({ user: undefined, error: error as ServiceError }),
  );
}

describe('saveProfile after a failed update', () => {
  it('deletes the fresh upload when the server says nothing was saved', async () => {
    const old = await userWithAvatar();
    const { error } = await saveNewAvatar('not-saved');
    expect(error).toMatchObject({ code: 'INTERNAL', fromServer: true, maybeSaved: false });
    expect((await userRecord())?.avatarFileId).toBe(old);
    expect(lastUploadKept()).toBe(false);
    expect(avatarFiles()).toHaveLength(1);
  });

  it('resolves with the saved profile when the re-read shows the record points to the upload', async () => {
    await userWithAvatar();
    const { user, error } = await saveNewAvatar('maybe-saved-after-write');
    expect(error).toBeUndefined();
    const record = await userRecord();
    expect(user?.avatarFileId).toBe(record?.avatarFileId);
    expect(
      server()
        .storage.read(record?.avatarFileId as string)
        ?.toString(),
    ).toBe('new');
    expect(actionsCalled().slice(-2)).toEqual(['updateProfile', 'getProfile']);
  });

  it('deletes the upload when the re-read shows the record does not point to it', async () => {
    const old = await userWithAvatar();
    const { error } = await saveNewAvatar('maybe-saved-no-write');
    // Known now: nothing was saved, and the message says so.
    expect(error).toMatchObject({ code: 'INTERNAL', maybeSaved: false, message: '保存未成功，请重试' });
    expect((await userRecord())?.avatarFileId).toBe(old);
    expect(lastUploadKept()).toBe(false);
    expect(avatarFiles().map((file) => file.fileID)).toEqual([old]);
  });

  it('keeps the upload when the re-read fails too', async () => {
    await userWithAvatar();
    const temp = currentFakeWx().files.createTemp(Buffer.from('new'), 'jpg');
    injectFault('updateProfile', 'maybe-saved-after-write');
    injectFault('getProfile', 'network-no-write');
    await expect(saveProfile(sessionStore.openid, { avatarTempPath: temp })).rejects.toMatchObject({
      code: 'INTERNAL',
      maybeSaved: true,
    });
    const record = await userRecord();
    expect(
      server()
        .storage.read(record?.avatarFileId as string)
        ?.toString(),
    ).toBe('new');
    expect(lastUploadKept()).toBe(true);
  });

  it.each<Fault>(['network-after-write', 'network-no-write', 'timeout-after-write', 'crash-after-write'])(
    'never deletes after a transport failure (%s): the function may still be running',
    async (fault) => {
      await userWithAvatar();
      const { error } = await saveNewAvatar(fault);
      expect(error).toMatchObject({ fromServer: false, maybeSaved: true });
      expect(lastUploadKept()).toBe(true);
      expect(actionsCalled().at(-1)).not.toBe('getProfile');
    },
  );

  it.each<Fault>([
    'maybe-saved-after-write',
    'maybe-saved-no-write',
    'not-saved',
    'network-after-write',
    'network-no-write',
    'timeout-after-write',
    'crash-after-write',
  ])('%s: the record never points to a deleted file', async (fault) => {
    await userWithAvatar();
    await saveNewAvatar(fault);
    const record = await userRecord();
    expect(record?.avatarFileId).toBeTruthy();
    expect(server().storage.read(record?.avatarFileId as string)).toBeDefined();
  });

  it('resolves a nickname-only save that the re-read shows as saved', async () => {
    await sessionStore.login();
    injectFault('updateProfile', 'maybe-saved-after-write');
    await expect(saveProfile(sessionStore.openid, { nickname: '小明' })).resolves.toMatchObject({
      nickname: '小明',
    });
  });
});

describe('bindPhone after a failed call', () => {
  it('re-reads after "maybe saved" and succeeds when the phone is now bound', async () => {
    await sessionStore.login();
    const code = server().standIns.phoneNumber.issueCode('13812345678');
    injectFault('bindPhone', 'maybe-saved-after-write');
    await expect(bindPhone(code, sessionStore.user)).resolves.toMatchObject({ phoneMasked: '138****5678' });
    expect(actionsCalled().slice(-2)).toEqual(['bindPhone', 'getProfile']);
  });

  it('says the code is spent when the re-read shows nothing bound', async () => {
    await sessionStore.login();
    const code = server().standIns.phoneNumber.issueCode('13812345678');
    injectFault('bindPhone', 'maybe-saved-no-write');
    await expect(bindPhone(code, sessionStore.user)).rejects.toEqual(
      new ServiceError('PHONE_CODE_INVALID', '手机号未绑定，请重新获取'),
    );
    expect((await userRecord())?.phoneNumber).toBeUndefined();
  });

  it('does not take the number bound before for the new one', async () => {
    await sessionStore.login();
    const before = await bindPhone(server().standIns.phoneNumber.issueCode('13812345678'));
    injectFault('bindPhone', 'maybe-saved-no-write');
    await expect(
      bindPhone(server().standIns.phoneNumber.issueCode('13900001111'), before),
    ).rejects.toMatchObject({ message: '手机号未绑定，请重新获取' });
  });

  it("keeps the call's own message when the re-read fails as well", async () => {
    await sessionStore.login();
    const code = server().standIns.phoneNumber.issueCode('13812345678');
    injectFault('bindPhone', 'maybe-saved-after-write');
    injectFault('getProfile', 'network-no-write');
    await expect(bindPhone(code, sessionStore.user)).rejects.toMatchObject({
      code: 'INTERNAL',
      message: MAYBE_SAVED_BODY.message,
    });
  });

  it('does not re-read after a plain refusal', async () => {
    await sessionStore.login();
    await expect(bindPhone('not-a-code', sessionStore.user)).rejects.toMatchObject({ fromServer: true });
    expect(actionsCalled().at(-1)).toBe('bindPhone');
  });
});

describe('deleteAccount after a failed call', () => {
  it('counts the account as deleted when the re-read no longer finds it', async () => {
    await sessionStore.login();
    injectFault('deleteAccount', 'maybe-saved-after-write');
    await expect(deleteAccount()).resolves.toBeUndefined();
    expect(await userRecord()).toBeUndefined();
  });

  it('asks to retry when the account is still there, and the retry works', async () => {
    await sessionStore.login();
    injectFault('deleteAccount', 'maybe-saved-no-write');
    await expect(deleteAccount()).rejects.toMatchObject({
      message: '注销可能未完成，请重试',
      maybeSaved: true,
    });
    expect(await userRecord()).toBeDefined();
    await expect(deleteAccount()).resolves.toBeUndefined();
    expect(await userRecord()).toBeUndefined();
  });
});

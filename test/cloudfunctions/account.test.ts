/** @jest-environment node */
/**
 * The account's life: deletion removes everything stored for the user, files the record
 * no longer points to are cleaned up, and a deletion that stopped midway is finished.
 */
import { STALE_DELETION_MS } from '../../cloudfunctions/.shared/account';
import { SWEEP_MIN_AGE_MS } from '../../cloudfunctions/.shared/user-files';
import { alice, bob, useTestCloud } from '../support/cloud';
import { leftovers } from '../support/state';

const t = useTestCloud();
const users = () => t.cloud.database.collection('users');

function upload(name: string, owner = alice.OPENID as string): string {
  return t.cloud.storage.upload({
    cloudPath: `avatars/${owner}/${name}`,
    content: Buffer.from(name),
    ownerOpenid: owner,
  }).fileID;
}
const files = (owner = alice.OPENID as string) =>
  t.cloud.storage.list(`avatars/${owner}/`).map((file) => file.cloudPath);
const saveAvatar = (avatarFileId: string) => t.call('user', { action: 'updateProfile', avatarFileId }, alice);

beforeEach(async () => {
  await t.call('login', {}, alice);
  await t.call('login', {}, bob);
});

describe('files the record no longer points to', () => {
  it('a replaced avatar whose removal failed is removed by a later save', async () => {
    await saveAvatar(upload('1.png'));
    t.cloud.setIoHook((step) => {
      if (step.operation === 'deleteFile' && step.phase === 'before') throw new Error('storage is down');
    });
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await saveAvatar(upload('2.png'))).toMatchObject({ ok: true });
    t.cloud.setIoHook(undefined);
    expect(files()).toEqual([`avatars/${alice.OPENID}/1.png`, `avatars/${alice.OPENID}/2.png`]);

    t.advance(SWEEP_MIN_AGE_MS + 1);
    expect(await saveAvatar(upload('3.png'))).toMatchObject({ ok: true });
    expect(files()).toEqual([`avatars/${alice.OPENID}/3.png`]);
  });

  it('an upload the server accepted but whose save failed is removed by a later save', async () => {
    const orphan = upload('orphan.png');
    t.cloud.setIoHook((step) => {
      if (step.collection === 'users' && step.operation === 'update' && step.phase === 'before') {
        throw new Error('database is down');
      }
    });
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await saveAvatar(orphan)).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', maybeSaved: true },
    });
    t.cloud.setIoHook(undefined);

    t.advance(SWEEP_MIN_AGE_MS + 1);
    await saveAvatar(upload('kept.png'));
    expect(files()).toEqual([`avatars/${alice.OPENID}/kept.png`]);
  });

  it('an upload younger than a running save is left alone', async () => {
    await saveAvatar(upload('1.png'));
    const inFlight = upload('in-flight.png');
    // Another device's save registers its upload, then this save sweeps: too young to touch.
    await t.cloud.database
      .collection('uploads')
      .add({ data: { _id: 'x', openid: alice.OPENID, fileId: inFlight, createdAt: new Date(t.now()) } });
    await saveAvatar(upload('2.png'));
    expect(files()).toContain(`avatars/${alice.OPENID}/in-flight.png`);
  });
});

describe('account deletion', () => {
  it('removes every document and file of the user, and says what it removed', async () => {
    await saveAvatar(upload('1.png'));
    await saveAvatar(upload('2.png'));
    await t.call('favorites', { action: 'add', itemId: 'guest-first' }, alice);
    await t.call('favorites', { action: 'add', itemId: 'guest-first' }, bob);
    await t.call('ping', {}, alice);
    await t.call('urlscheme', { action: 'scheme' }, alice);
    await saveAvatar(
      upload('3.png', bob.OPENID as string).replace(bob.OPENID as string, alice.OPENID as string),
    );

    expect(await t.call('user', { action: 'deleteAccount', confirm: true }, alice)).toEqual({
      ok: true,
      data: { deleted: true, removedFiles: 1 },
    });
    expect(await leftovers(t.cloud, alice.OPENID as string)).toEqual([]);
    // rate_limits hold only a hash of the caller: none of alice's is left either.
    const { data } = await t.cloud.database.collection('rate_limits').get();
    expect(data).toEqual([]);
    expect((await leftovers(t.cloud, bob.OPENID as string)).sort()).toEqual(
      [
        `favorites/${bob.OPENID}:guest-first`,
        `users/${bob.OPENID}`,
        `file avatars/${bob.OPENID}/3.png`,
      ].sort(),
    );
  });

  it('is idempotent, and a login afterwards starts a new, empty account', async () => {
    await t.call('favorites', { action: 'add', itemId: 'guest-first' }, alice);
    await t.call('user', { action: 'deleteAccount', confirm: true }, alice);
    expect(await t.call('user', { action: 'deleteAccount', confirm: true }, alice)).toEqual({
      ok: true,
      data: { deleted: true, removedFiles: 0 },
    });
    expect(await t.call('login', {}, alice)).toMatchObject({ ok: true, data: { isNew: true } });
    expect(await t.call('favorites', { action: 'list' }, alice)).toEqual({ ok: true, data: { itemIds: [] } });
  });

  it('a login during a deletion is asked to wait; one after a deletion that stopped midway finishes it', async () => {
    await t.call('favorites', { action: 'add', itemId: 'guest-first' }, alice);
    await users()
      .doc(alice.OPENID as string)
      .update({ data: { deletingAt: new Date(t.now()) } });
    expect(await t.call('login', {}, alice)).toEqual({
      ok: false,
      error: { code: 'ACCOUNT_DELETING', message: '账号正在注销，请稍后再试' },
    });
    expect(await t.call('favorites', { action: 'add', itemId: 'guest-first' }, alice)).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_DELETING' },
    });

    t.advance(STALE_DELETION_MS + 1);
    expect(await t.call('login', {}, alice)).toMatchObject({ ok: true, data: { isNew: true } });
    expect(await leftovers(t.cloud, alice.OPENID as string)).toEqual([`users/${alice.OPENID}`]);
  });
});

/** @jest-environment node */
/**
 * Collections as the cloud database keeps them: functions get -502005 for a collection
 * nobody created, createCollection makes one (and fails when it exists), and this project's
 * functions create what they use on first use, so they work on an empty database.
 */
import { EmbeddedDatabase } from '../../scripts/local-cloud';
import {
  COLLECTION_ALREADY_EXIST,
  COLLECTION_NOT_EXIST,
} from '../../scripts/local-cloud/database/embedded-database';
import { alice, useTestCloud } from '../support/cloud';

const t = useTestCloud();

describe('collections', () => {
  it('a function’s view refuses a collection nobody created, as the cloud does', async () => {
    const strict = new EmbeddedDatabase(() => t.cloud.backend, undefined, { strictCollections: true });
    await expect(strict.collection('notes').get()).rejects.toMatchObject({ errCode: COLLECTION_NOT_EXIST });
    await expect(strict.collection('notes').add({ data: { a: 1 } })).rejects.toMatchObject({
      errCode: COLLECTION_NOT_EXIST,
    });
    await expect(strict.collection('notes').doc('x').get()).rejects.toMatchObject({
      errCode: COLLECTION_NOT_EXIST,
    });

    await expect(strict.createCollection('notes')).resolves.toEqual({
      errMsg: 'database.createCollection:ok',
    });
    await expect(strict.collection('notes').get()).resolves.toMatchObject({ data: [] });
    await expect(strict.createCollection('notes')).rejects.toMatchObject({
      errCode: COLLECTION_ALREADY_EXIST,
    });
    await expect(strict.createCollection('bad name!')).rejects.toThrow(/invalid collection name/);
  });

  it('the test / console view creates a collection by writing to it', async () => {
    const strict = new EmbeddedDatabase(() => t.cloud.backend, undefined, { strictCollections: true });
    await t.cloud.database.collection('seeded').add({ data: { a: 1 } });
    await expect(strict.collection('seeded').count()).resolves.toMatchObject({ total: 1 });
    // Reading does not create.
    await t.cloud.database.collection('only-read').get();
    await expect(strict.collection('only-read').get()).rejects.toMatchObject({
      errCode: COLLECTION_NOT_EXIST,
    });
  });

  it('this project’s functions work on an empty database: each collection is made on first use', async () => {
    const store = t.cloud.backend.store;
    expect(store.has('users')).toBe(false);
    expect(await t.call('login', {}, alice)).toMatchObject({ ok: true });
    expect(store.has('users')).toBe(true);
    expect(store.has('favorites')).toBe(false);
    expect(await t.call('favorites', { action: 'list' }, alice)).toEqual({ ok: true, data: { itemIds: [] } });
    expect(store.has('favorites')).toBe(true);
    expect(await t.call('favorites', { action: 'add', itemId: 'guest-first' }, alice)).toMatchObject({
      ok: true,
      data: { itemIds: ['guest-first'] },
    });
  });

  it('two first calls at once both succeed (one creates, the other finds it created)', async () => {
    const results = await Promise.all([
      t.call('ping', {}, alice),
      t.call('ping', {}, alice),
      t.call('login', {}, alice),
    ]);
    expect(results.every((result) => (result as { ok: boolean }).ok)).toBe(true);
  });
});

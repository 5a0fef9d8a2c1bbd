/** @jest-environment node */
import { MAX_FAVORITES } from '../../cloudfunctions/favorites/index';
import type { FavoritesResult } from '../../miniprogram/contracts/results';
import { alice, bob, useTestCloud } from '../support/cloud';
import { ITEM_IDS } from '../support/items';

const t = useTestCloud();

const [a, b] = ITEM_IDS.map((id) => ({ id }));
const ids = (result: unknown) => (result as { ok: true; data: FavoritesResult }).data.itemIds;

describe('favorites cloud function', () => {
  beforeEach(async () => {
    await t.call('login', {}, alice);
    await t.call('login', {}, bob);
  });

  it("adds, lists (newest first) and removes the caller's favourites", async () => {
    expect(ids(await t.call('favorites', { action: 'list' }, alice))).toEqual([]);
    expect(ids(await t.call('favorites', { action: 'add', itemId: a.id }, alice))).toEqual([a.id]);
    t.advance(1000);
    expect(ids(await t.call('favorites', { action: 'add', itemId: b.id }, alice))).toEqual([b.id, a.id]);
    expect(ids(await t.call('favorites', { action: 'remove', itemId: a.id }, alice))).toEqual([b.id]);
  });

  it('is idempotent for repeated adds and removes', async () => {
    await t.call('favorites', { action: 'add', itemId: a.id }, alice);
    expect(ids(await t.call('favorites', { action: 'add', itemId: a.id }, alice))).toEqual([a.id]);
    await t.call('favorites', { action: 'remove', itemId: a.id }, alice);
    expect(ids(await t.call('favorites', { action: 'remove', itemId: a.id }, alice))).toEqual([]);
  });

  it("keeps each user's favourites to themselves", async () => {
    await t.call('favorites', { action: 'add', itemId: a.id }, alice);
    expect(ids(await t.call('favorites', { action: 'list' }, bob))).toEqual([]);
    await t.call('favorites', { action: 'remove', itemId: a.id }, bob);
    expect(ids(await t.call('favorites', { action: 'list' }, alice))).toEqual([a.id]);
  });

  it('rejects unknown actions, unknown items and missing ids before touching the database', async () => {
    const cases: [unknown, string][] = [
      [{ action: 'drop' }, 'action'],
      [{}, 'action'],
      [{ action: 'add' }, 'itemId'],
      [{ action: 'add', itemId: 'No Such Item' }, 'No Such Item'],
      [{ action: 'add', itemId: 7 }, 'itemId'],
      [[1, 2], '对象'],
    ];
    for (const [event, mention] of cases) {
      expect(await t.call('favorites', event, alice)).toEqual({
        ok: false,
        error: { code: 'INVALID_ARGUMENT', message: expect.stringContaining(mention) },
      });
    }
    expect((await t.cloud.database.collection('favorites').count()).total).toBe(0);
  });

  it(`refuses more than ${MAX_FAVORITES} favourites with a clear message`, async () => {
    const favorites = t.cloud.database.collection('favorites');
    for (let i = 0; i < MAX_FAVORITES; i += 1) {
      await favorites.add({ data: { openid: alice.OPENID, itemId: `old-${i}`, createdAt: new Date(0) } });
    }
    expect(await t.call('favorites', { action: 'add', itemId: a.id }, alice)).toEqual({
      ok: false,
      error: { code: 'LIMIT_EXCEEDED', message: `最多收藏 ${MAX_FAVORITES} 条内容` },
    });
  });
});

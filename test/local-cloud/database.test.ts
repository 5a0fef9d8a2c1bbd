/** @jest-environment node */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import type { DocumentData } from '../../cloudfunctions/.shared/db';
import { LocalCloud, type EmbeddedDatabase } from '../../scripts/local-cloud';
import { closingAfterEach } from '../support/cloud';

const newCloud = closingAfterEach();

const people = [
  { _id: 'p1', name: 'Ann', age: 31, city: 'Shanghai', tags: ['a', 'b'], style: { color: 'red', size: 2 } },
  { _id: 'p2', name: 'Bo', age: 25, city: 'Beijing', tags: ['b'], style: { color: 'blue', size: 1 } },
  { _id: 'p3', name: 'Cai', age: 40, city: 'Shanghai', tags: [], style: { color: 'red', size: 3 } },
  { _id: 'p4', name: 'Dee', age: 18 },
];

async function seeded(): Promise<{ db: EmbeddedDatabase; cloud: LocalCloud }> {
  const cloud = newCloud();
  const db = cloud.database;
  for (const person of people) await db.collection('people').add({ data: person });
  return { db, cloud };
}

async function ids(query: { get(): Promise<{ data: DocumentData[] }> }): Promise<string[]> {
  return (await query.get()).data.map((doc) => doc._id as string);
}

describe('query operators', () => {
  it.each([
    ['eq', { age: 25 }, ['p2']],
    ['_.eq', 'eq', ['p2']],
    ['neq (includes documents without the field)', 'neq', ['p1', 'p3', 'p4']],
    ['gt', 'gt', ['p1', 'p3']],
    ['gte', 'gte', ['p1', 'p2', 'p3']],
    ['lt', 'lt', ['p4']],
    ['lte', 'lte', ['p2', 'p4']],
    ['in', 'in', ['p1', 'p4']],
    ['nin', 'nin', ['p2', 'p3']],
    ['exists(true)', 'exists-true', ['p1', 'p2', 'p3']],
    ['exists(false)', 'exists-false', ['p4']],
  ])('%s', async (_label, condition, expected) => {
    const { db } = await seeded();
    const _ = db.command;
    const conditions: Record<string, object> = {
      eq: { age: _.eq(25) },
      neq: { city: _.neq('Beijing') },
      gt: { age: _.gt(25) },
      gte: { age: _.gte(25) },
      lt: { age: _.lt(25) },
      lte: { age: _.lte(25) },
      in: { name: _.in(['Ann', 'Dee', 'Zed']) },
      nin: { name: _.nin(['Ann', 'Dee']) },
      'exists-true': { style: _.exists(true) },
      'exists-false': { style: _.exists(false) },
    };
    const where = typeof condition === 'string' ? conditions[condition] : condition;
    expect(await ids(db.collection('people').where(where))).toEqual(expected);
  });

  it('and / or: at field level, chained, and at the top level', async () => {
    const { db } = await seeded();
    const _ = db.command;
    const people = db.collection('people');
    expect(await ids(people.where({ age: _.and(_.gt(20), _.lt(35)) }))).toEqual(['p1', 'p2']);
    expect(await ids(people.where({ age: _.gt(20).and(_.lt(35)) }))).toEqual(['p1', 'p2']);
    expect(await ids(people.where({ age: _.lt(20).or(_.gt(35), _.eq(25)) }))).toEqual(['p2', 'p3', 'p4']);
    expect(await ids(people.where({ age: _.or(_.lt(20), _.gt(35)) }))).toEqual(['p3', 'p4']);
    expect(await ids(people.where(_.or([{ city: 'Beijing' }, { age: _.gt(35) }])))).toEqual(['p2', 'p3']);
    expect(await ids(people.where(_.or({ city: 'Beijing' }, { age: _.gt(35) })))).toEqual(['p2', 'p3']);
    expect(await ids(people.where(_.and([{ city: 'Shanghai' }, { age: _.lt(35) }])))).toEqual(['p1']);
  });

  it('nested paths: dotted keys and nested objects match fields, _.eq(object) matches exactly', async () => {
    const { db } = await seeded();
    const _ = db.command;
    const people = db.collection('people');
    expect(await ids(people.where({ 'style.color': 'red' }))).toEqual(['p1', 'p3']);
    // A nested object is a condition on its fields: other fields of `style` may exist.
    expect(await ids(people.where({ style: { color: 'red' } }))).toEqual(['p1', 'p3']);
    expect(await ids(people.where({ style: { color: 'red', size: _.gt(2) } }))).toEqual(['p3']);
    expect(await ids(people.where({ style: _.eq({ color: 'red' }) }))).toEqual([]);
    expect(await ids(people.where({ style: _.eq({ color: 'blue', size: 1 }) }))).toEqual(['p2']);
  });

  it('matches array elements like the cloud database (MongoDB) does', async () => {
    const { db } = await seeded();
    expect(await ids(db.collection('people').where({ tags: 'b' }))).toEqual(['p1', 'p2']);
  });

  it('matches regular expressions (literal or db.RegExp)', async () => {
    const { db } = await seeded();
    expect(await ids(db.collection('people').where({ name: /^b/i }))).toEqual(['p2']);
    expect(
      await ids(db.collection('people').where({ city: db.RegExp({ regexp: 'hai$', options: 'i' }) })),
    ).toEqual(['p1', 'p3']);
  });

  it('a second where() replaces the first', async () => {
    const { db } = await seeded();
    expect(await ids(db.collection('people').where({ city: 'Beijing' }).where({ name: 'Ann' }))).toEqual([
      'p1',
    ]);
  });

  it('refuses conditions that are all undefined (a forgotten variable must not match everything)', async () => {
    const { db } = await seeded();
    await expect(db.collection('people').where({ name: undefined }).get()).rejects.toThrow(
      'every value of the condition is undefined',
    );
    // Undefined next to real values is dropped, as the SDK drops it.
    expect(await ids(db.collection('people').where({ name: 'Bo', city: undefined }))).toEqual(['p2']);
  });

  it('refuses $ operators smuggled in as field names (e.g. from a client event)', async () => {
    const { db } = await seeded();
    const fromClient = JSON.parse('{"$ne": null}') as unknown;
    await expect(db.collection('people').where({ name: fromClient }).get()).rejects.toThrow(
      'must not contain "$"',
    );
    await expect(db.collection('people').where({ $where: 'true' }).get()).rejects.toThrow(
      'must not contain "$"',
    );
  });

  it('refuses an update operator in a condition', async () => {
    const { db } = await seeded();
    await expect(
      db
        .collection('people')
        .where({ age: db.command.inc(1) })
        .get(),
    ).rejects.toThrow('is an update operator');
  });
});

describe('orderBy / skip / limit / field / count', () => {
  it('sorts, pages and projects', async () => {
    const { db } = await seeded();
    const people = db.collection('people');
    expect(await ids(people.orderBy('age', 'desc'))).toEqual(['p3', 'p1', 'p2', 'p4']);
    expect(await ids(people.orderBy('city', 'asc').orderBy('age', 'desc'))).toEqual(['p4', 'p2', 'p3', 'p1']);
    expect(await ids(people.orderBy('age', 'asc').skip(1).limit(2))).toEqual(['p2', 'p1']);
    const { data } = await people.where({ _id: 'p1' }).field({ name: true, 'style.color': true }).get();
    expect(data).toEqual([{ _id: 'p1', name: 'Ann', style: { color: 'red' } }]);
    const { data: without } = await people.where({ _id: 'p2' }).field({ tags: false, style: false }).get();
    expect(without).toEqual([{ _id: 'p2', name: 'Bo', age: 25, city: 'Beijing' }]);
  });

  it('counts with and without a condition', async () => {
    const { db } = await seeded();
    expect(await db.collection('people').count()).toMatchObject({ total: 4 });
    expect(await db.collection('people').where({ city: 'Shanghai' }).count()).toMatchObject({ total: 2 });
    expect(await db.collection('nobody').count()).toMatchObject({ total: 0 });
  });

  it('returns 100 documents by default and at most 1000', async () => {
    const db = newCloud().database;
    for (let i = 0; i < 1005; i += 1) await db.collection('many').add({ data: { i } });
    expect((await db.collection('many').get()).data).toHaveLength(100);
    expect((await db.collection('many').limit(500).get()).data).toHaveLength(500);
    expect((await db.collection('many').limit(5000).get()).data).toHaveLength(1000);
  });

  it('validates its arguments', async () => {
    const db = newCloud().database;
    expect(() => db.collection('people').limit(0)).toThrow('positive integer');
    expect(() => db.collection('people').skip(-1)).toThrow('non-negative integer');
    expect(() => db.collection('people').orderBy('age', 'up' as 'asc')).toThrow('"asc" or "desc"');
    expect(() => db.collection('a/b')).toThrow('invalid collection name');
  });
});

describe('documents', () => {
  it('doc().get() rejects for a missing document, like wx-server-sdk', async () => {
    const db = newCloud().database;
    await expect(db.collection('people').doc('ghost').get()).rejects.toMatchObject({
      errCode: -1,
      errMsg: 'document.get:fail document with _id ghost does not exist',
    });
  });

  it('doc().update() of a missing document resolves with updated 0 and creates nothing', async () => {
    const db = newCloud().database;
    const result = await db
      .collection('people')
      .doc('ghost')
      .update({ data: { age: 1 } });
    expect(result.stats.updated).toBe(0);
    expect((await db.collection('people').count()).total).toBe(0);
  });

  it('doc().set() creates, then replaces the whole document', async () => {
    const db = newCloud().database;
    const doc = db.collection('people').doc('p9');
    expect(await doc.set({ data: { name: 'Eve', style: { color: 'red' } } })).toMatchObject({
      _id: 'p9',
      stats: { created: 1, updated: 0 },
    });
    expect(await doc.set({ data: { name: 'Eve2' } })).toMatchObject({ stats: { created: 0, updated: 1 } });
    expect((await doc.get()).data).toEqual({ _id: 'p9', name: 'Eve2' });
    await expect(doc.set({ data: { _id: 'other', name: 'x' } })).rejects.toThrow('_id cannot be updated');
    await expect(doc.set({ data: { n: db.command.inc(1) } })).rejects.toThrow('not allowed');
  });

  it('doc().remove() removes one document', async () => {
    const { db } = await seeded();
    expect((await db.collection('people').doc('p1').remove()).stats.removed).toBe(1);
    expect((await db.collection('people').doc('p1').remove()).stats.removed).toBe(0);
    expect((await db.collection('people').count()).total).toBe(3);
  });

  it('add() generates a 32-hex _id, or uses the given one and rejects a duplicate', async () => {
    const db = newCloud().database;
    const { _id } = await db.collection('people').add({ data: { name: 'Gen' } });
    expect(_id).toMatch(/^[0-9a-f]{32}$/);
    await db.collection('people').add({ data: { _id: 'fixed', name: 'One' } });
    await expect(db.collection('people').add({ data: { _id: 'fixed', name: 'Two' } })).rejects.toMatchObject({
      errCode: -502001,
      message: expect.stringContaining('duplicate key'),
    });
    expect((await db.collection('people').doc('fixed').get()).data.name).toBe('One');
  });

  it('add() with a fixed _id makes "find or create" idempotent under concurrency', async () => {
    const db = newCloud().database;
    const attempts = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        db.collection('users').add({ data: { _id: 'o-same', attempt: i } }),
      ),
    );
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    expect((await db.collection('users').count()).total).toBe(1);
  });

  it('results are deep copies: changing them never changes the store', async () => {
    const { db } = await seeded();
    const { data } = await db.collection('people').doc('p1').get();
    (data.style as { color: string }).color = 'changed';
    (data.tags as string[]).push('changed');
    const [listed] = (await db.collection('people').where({ _id: 'p1' }).get()).data;
    (listed.style as { color: string }).color = 'changed too';
    const input = { name: 'In', nested: { n: 1 } };
    await db.collection('people').doc('p8').set({ data: input });
    input.nested.n = 2;
    expect((await db.collection('people').doc('p1').get()).data).toMatchObject({
      style: { color: 'red' },
      tags: ['a', 'b'],
    });
    expect((await db.collection('people').doc('p8').get()).data.nested).toEqual({ n: 1 });
  });

  it('refuses values the database cannot store', async () => {
    const db = newCloud().database;
    await expect(db.collection('x1').add({ data: { f: () => 1 } })).rejects.toThrow('cannot be stored');
    await expect(db.collection('x1').add({ data: { 'a.b': 1 } })).rejects.toThrow('must not contain "."');
    await expect(db.collection('x1').add({ data: { $set: 1 } })).rejects.toThrow('must not start with "$"');
  });
});

describe('update operators', () => {
  it('set / inc / push / remove and plain values', async () => {
    const { db } = await seeded();
    const _ = db.command;
    const doc = db.collection('people').doc('p1');
    const result = await doc.update({
      data: {
        age: _.inc(2),
        tags: _.push(['c', 'd']),
        city: _.remove(),
        name: 'Anne',
        style: _.set({ color: 'green' }),
      },
    });
    expect(result.stats.updated).toBe(1);
    expect((await doc.get()).data).toEqual({
      _id: 'p1',
      name: 'Anne',
      age: 33,
      tags: ['a', 'b', 'c', 'd'],
      style: { color: 'green' },
    });
  });

  it('a plain nested object merges field by field; only _.set() replaces the sub-object', async () => {
    const { db } = await seeded();
    const doc = db.collection('people').doc('p2');
    await doc.update({ data: { style: { color: 'black' }, extra: { deep: { x: 1 } } } });
    expect((await doc.get()).data).toMatchObject({
      style: { color: 'black', size: 1 },
      extra: { deep: { x: 1 } },
    });
    await doc.update({ data: { 'style.size': 5 } });
    expect((await doc.get()).data.style).toEqual({ color: 'black', size: 5 });
  });

  it('push accepts a single value and the { each, position, slice, sort } form', async () => {
    const { db } = await seeded();
    const _ = db.command;
    const doc = db.collection('people').doc('p2');
    await doc.update({ data: { tags: _.push('z') } });
    await doc.update({ data: { tags: _.push({ each: ['a'], position: 0 }) } });
    expect((await doc.get()).data.tags).toEqual(['a', 'b', 'z']);
    await doc.update({ data: { tags: _.push({ each: ['c'], sort: 1, slice: 3 }) } });
    expect((await doc.get()).data.tags).toEqual(['a', 'b', 'c']);
  });

  it('refuses what MongoDB refuses: inc on a string, push on a non-array, updating _id', async () => {
    const { db } = await seeded();
    const _ = db.command;
    const doc = db.collection('people').doc('p1');
    await expect(doc.update({ data: { name: _.inc(1) } })).rejects.toThrow('non-number');
    await expect(doc.update({ data: { age: _.push(1) } })).rejects.toThrow('non-array');
    await expect(doc.update({ data: { 'age.x': 1 } })).rejects.toThrow('not an object');
    await expect(doc.update({ data: { _id: 'x' } })).rejects.toThrow('_id cannot be updated');
    await expect(doc.update({ data: {} })).rejects.toThrow('must not be empty');
    expect((await doc.get()).data).toMatchObject({ name: 'Ann', age: 31 });
  });

  it('reports 0 updated when nothing changes (MongoDB counts modified documents)', async () => {
    const { db } = await seeded();
    expect(
      (
        await db
          .collection('people')
          .doc('p2')
          .update({ data: { name: 'Bo' } })
      ).stats.updated,
    ).toBe(0);
  });

  it('where().update() and where().remove() act on every match', async () => {
    const { db } = await seeded();
    const _ = db.command;
    const updated = await db
      .collection('people')
      .where({ city: 'Shanghai' })
      .update({ data: { age: _.inc(1) } });
    expect(updated.stats.updated).toBe(2);
    expect(
      (
        await db
          .collection('people')
          .where({ age: _.in([32, 41]) })
          .count()
      ).total,
    ).toBe(2);
    const removed = await db
      .collection('people')
      .where({ age: _.lt(30) })
      .remove();
    expect(removed.stats.removed).toBe(2);
    expect(await ids(db.collection('people'))).toEqual(['p1', 'p3']);
  });
});

describe('serverDate', () => {
  it('is replaced by the injected clock on add, set and update, and usable in queries', async () => {
    let clock = Date.UTC(2030, 5, 1, 8);
    const db = newCloud({ now: () => clock }).database;
    await db
      .collection('events')
      .add({ data: { _id: 'e1', at: db.serverDate(), log: [{ at: db.serverDate() }] } });
    clock += 60_000;
    await db
      .collection('events')
      .doc('e1')
      .update({ data: { seen: db.serverDate() } });
    const { data } = await db.collection('events').doc('e1').get();
    expect(data.at).toEqual(new Date(Date.UTC(2030, 5, 1, 8)));
    expect(data.log).toEqual([{ at: new Date(Date.UTC(2030, 5, 1, 8)) }]);
    expect(data.seen).toEqual(new Date(Date.UTC(2030, 5, 1, 8, 1)));
    expect(data.at).toBeInstanceOf(Date);
    expect(await ids(db.collection('events').where({ at: db.command.lt(db.serverDate()) }))).toEqual(['e1']);
  });
});

describe('persistence', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'local-cloud-db-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes one JSON file per collection and reads it back in a new LocalCloud', async () => {
    const first = newCloud({ dataDir: dir, now: () => Date.UTC(2024, 1, 2) }).database;
    await first
      .collection('users')
      .add({ data: { _id: 'u1', name: '小明', joined: first.serverDate(), tags: ['x'] } });
    await first
      .collection('users')
      .doc('u1')
      .update({ data: { visits: first.command.inc(1) } });
    await first.collection('other').add({ data: { _id: 'o1' } });
    await first.collection('other').doc('o1').remove();

    const file = JSON.parse(readFileSync(path.join(dir, 'db', 'users.json'), 'utf8')) as {
      documents: unknown[];
    };
    expect(file.documents).toEqual([
      { _id: 'u1', name: '小明', joined: { $date: '2024-02-02T00:00:00.000Z' }, tags: ['x'], visits: 1 },
    ]);

    const second = newCloud({ dataDir: dir }).database;
    const { data } = await second.collection('users').doc('u1').get();
    expect(data).toEqual({
      _id: 'u1',
      name: '小明',
      joined: new Date(Date.UTC(2024, 1, 2)),
      tags: ['x'],
      visits: 1,
    });
    expect((await second.collection('other').count()).total).toBe(0);
  });

  it('refuses to start on a corrupt collection file', async () => {
    const cloud = newCloud({ dataDir: dir });
    await cloud.database.collection('users').add({ data: { _id: 'u1' } });
    writeFileSync(path.join(dir, 'db', 'users.json'), '{ not json');
    expect(() => newCloud({ dataDir: dir })).toThrow('cannot read');
  });
});

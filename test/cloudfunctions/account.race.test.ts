/** @jest-environment node */
/**
 * Races with random database latency: account deletion against every writing action,
 * concurrent first logins, concurrent counters. Each scenario runs TRIALS trials on one
 * runtime (a fresh user per trial); every I/O step of a function waits a random number
 * of event-loop turns drawn from a seeded generator (RACE_SEED=<n> replays a run).
 */
import type { Identity } from '../../scripts/local-cloud';
import { useTestCloud } from '../support/cloud';
import { reportFigure } from '../support/reliability';
import { runSeed, seededRandom } from '../support/seeded-random';
import { leftovers } from '../support/state';
import { ITEM_IDS } from '../support/items';

const TRIALS = 300;
// 300 trials of several calls each: minutes on a loaded 2-core machine, not seconds.
jest.setTimeout(240_000);
const APPID = 'wx1234567890abcdef';
const [firstId, secondId] = ITEM_IDS;

const t = useTestCloud();
const seed = runSeed();
const random = seededRandom(seed);

type Answer = { ok: true; data: Record<string, unknown> } | { ok: false; error: { code: string } };

const call = (name: string, data: unknown, identity: Identity) =>
  t.cloud.callFunction(name, data, identity) as Promise<Answer>;

/** Up to `turns` event-loop turns: enough to interleave two calls' steps in any order. */
async function jitter(turns = 12): Promise<void> {
  for (let i = Math.floor(random() * turns); i > 0; i -= 1)
    await new Promise((resolve) => setImmediate(resolve));
}

let trial = 0;
function user(): Identity {
  trial += 1;
  return { OPENID: `oRace${String(trial).padStart(6, '0')}${'x'.repeat(17)}`, APPID };
}

/** An account with something in every place account deletion must empty. */
async function fullAccount(): Promise<Identity> {
  const identity = user();
  const openid = identity.OPENID as string;
  await call('login', {}, identity);
  await call('favorites', { action: 'add', itemId: firstId }, identity);
  await call('ping', {}, identity);
  const { fileID } = t.cloud.storage.upload({
    cloudPath: `avatars/${openid}/old.png`,
    content: Buffer.from('old'),
    ownerOpenid: openid,
  });
  const saved = await call(
    'user',
    { action: 'updateProfile', avatarFileId: fileID, nickname: '小明' },
    identity,
  );
  expect(saved.ok).toBe(true);
  return identity;
}

/** The writing actions, each as the client would start it (with its upload or phone code first). */
const writers: Record<string, (identity: Identity) => () => Promise<Answer>> = {
  'favorites.add': (identity) => () => call('favorites', { action: 'add', itemId: secondId }, identity),
  'favorites.remove': (identity) => () => call('favorites', { action: 'remove', itemId: firstId }, identity),
  ping: (identity) => () => call('ping', {}, identity),
  'user.updateProfile': (identity) => {
    const openid = identity.OPENID as string;
    const { fileID } = t.cloud.storage.upload({
      cloudPath: `avatars/${openid}/new-${trial}.png`,
      content: Buffer.from('new'),
      ownerOpenid: openid,
    });
    return () => call('user', { action: 'updateProfile', avatarFileId: fileID, nickname: '小红' }, identity);
  },
  'user.bindPhone': (identity) => {
    const code = t.cloud.standIns.phoneNumber.issueCode('13800000000', { appid: APPID });
    return () => call('user', { action: 'bindPhone', code }, identity);
  },
  login: (identity) => () => call('login', {}, identity),
};

/** Runs `a` and `b` at once, each after a random delay, under random I/O latency. */
async function race<A, B>(a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> {
  t.cloud.setIoHook(() => jitter());
  try {
    return await Promise.all([jitter(6).then(a), jitter(6).then(b)]);
  } finally {
    t.cloud.setIoHook(undefined);
  }
}

describe(`account deletion racing each writing action (${TRIALS} trials each, seed ${seed})`, () => {
  it.each(Object.keys(writers))('deleteAccount × %s leaves nothing of the user', async (name) => {
    const failures: string[] = [];
    for (let i = 0; i < TRIALS; i += 1) {
      const identity = await fullAccount();
      const openid = identity.OPENID as string;
      const write = writers[name](identity);
      const [deleted, written] = await race(
        () => call('user', { action: 'deleteAccount', confirm: true }, identity),
        write,
      );
      const left = await leftovers(t.cloud, openid);
      // A login that came after the deletion legitimately starts a new, empty account.
      const freshAccount =
        name === 'login' && written.ok && written.data.isNew === true ? [`users/${openid}`] : [];
      if (!deleted.ok) failures.push(`trial ${i}: deleteAccount answered ${JSON.stringify(deleted)}`);
      if (JSON.stringify(left) !== JSON.stringify(freshAccount)) {
        failures.push(`trial ${i}: left ${left.join(', ')} (${name} answered ${JSON.stringify(written)})`);
      }
      if (!written.ok && written.error.code === 'INTERNAL')
        failures.push(`trial ${i}: ${name} answered INTERNAL`);
    }
    reportFigure({
      kind: 'race',
      subject: `deleteAccount × ${name}`,
      count: TRIALS,
      failures: failures.length,
      seed,
    });
    expect(failures).toEqual([]);
  });
});

describe(`concurrency (${TRIALS} trials each, seed ${seed})`, () => {
  it('concurrent first logins make one record, and exactly one call says isNew', async () => {
    const failures: string[] = [];
    for (let i = 0; i < TRIALS; i += 1) {
      const identity = user();
      const [a, b] = await race(
        () => Promise.all([call('login', {}, identity), call('login', {}, identity)]),
        () => Promise.all([call('login', {}, identity), call('login', {}, identity)]),
      );
      const answers = [...a, ...b];
      const { total } = await t.cloud.database.collection('users').where({ _id: identity.OPENID }).count();
      const created = answers.filter((answer) => answer.ok && answer.data.isNew === true).length;
      if (!answers.every((answer) => answer.ok) || total !== 1 || created !== 1) {
        failures.push(`trial ${i}: ${total} records, ${created} isNew, ${JSON.stringify(answers)}`);
      }
    }
    reportFigure({
      kind: 'race',
      subject: 'login × 4 concurrent first logins',
      count: TRIALS,
      failures: failures.length,
      seed,
    });
    expect(failures).toEqual([]);
  });

  it('concurrent pings count every visit, the first ones included', async () => {
    const failures: string[] = [];
    const PINGS = 10;
    for (let i = 0; i < TRIALS; i += 1) {
      const identity = user();
      await call('login', {}, identity);
      const half = () => Promise.all(Array.from({ length: PINGS / 2 }, () => call('ping', {}, identity)));
      const [a, b] = await race(half, half);
      const { data } = await t.cloud.database.collection('pings').where({ _id: identity.OPENID }).get();
      const counted = Number(data[0]?.count);
      if (![...a, ...b].every((answer) => answer.ok) || counted !== PINGS) {
        failures.push(`trial ${i}: counted ${counted} of ${PINGS}`);
      }
    }
    reportFigure({
      kind: 'race',
      subject: `ping × ${10} concurrent first pings`,
      count: TRIALS,
      failures: failures.length,
      seed,
    });
    expect(failures).toEqual([]);
  });
});

/** @jest-environment node */
/**
 * Fault injection at every I/O step: each scenario first runs once to list its steps
 * (database, storage, OpenAPI), then once per step and mode with that step failing —
 * before it runs (nothing happened), after it ran (the reply was lost), or as an outage
 * from that step on (every later step fails too). Every
 * answer must be a clean error or a success; an error without `maybeSaved` must have
 * saved nothing; no record may point at a file that does not exist.
 */
import type { Identity, IoStep } from '../../scripts/local-cloud';
import { ERROR_CODES } from '../../miniprogram/contracts/errors';
import { useTestCloud } from '../support/cloud';
import { reportFigure } from '../support/reliability';
import { danglingAvatars, leftovers, snapshot } from '../support/state';
import { ITEM_IDS } from '../support/items';

const APPID = 'wx1234567890abcdef';
const [firstId, secondId] = ITEM_IDS;
const t = useTestCloud();
// A few hundred calls per scenario: allow for a loaded CI machine.
jest.setTimeout(120_000);

// Injected faults are logged by the functions as unexpected errors: keep the output readable.
beforeEach(() => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

type Answer =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; error: { code: string; message: string; maybeSaved?: true } };

const call = (name: string, data: unknown, identity: Identity) =>
  t.cloud.callFunction(name, data, identity) as Promise<Answer>;

let users = 0;
function newUser(): Identity {
  users += 1;
  return { OPENID: `oFault${String(users).padStart(6, '0')}${'y'.repeat(16)}`, APPID };
}

function upload(openid: string, name: string): string {
  return t.cloud.storage.upload({
    cloudPath: `avatars/${openid}/${name}`,
    content: Buffer.from(name),
    ownerOpenid: openid,
  }).fileID;
}

/** A user with a nickname, an avatar, a favourite and a visit. */
async function account(): Promise<Identity> {
  const identity = newUser();
  await call('login', {}, identity);
  await call('favorites', { action: 'add', itemId: firstId }, identity);
  await call('ping', {}, identity);
  const avatarFileId = upload(identity.OPENID as string, 'old.png');
  await call('user', { action: 'updateProfile', avatarFileId, nickname: '小明' }, identity);
  return identity;
}

interface Scenario {
  /** Prepares a fresh user and returns the call to make (uploads and phone codes are made here). */
  prepare(): Promise<{ identity: Identity; act: () => Promise<Answer> }>;
  /** For retryable actions: what must hold after the same call is made again without faults. */
  afterRetry?(identity: Identity, retry: Answer): Promise<void>;
}

const scenarios: Record<string, Scenario> = {
  'login (new user)': {
    async prepare() {
      const identity = newUser();
      return { identity, act: () => call('login', { code: 'abc' }, identity) };
    },
  },
  'login (returning user)': {
    async prepare() {
      const identity = await account();
      return { identity, act: () => call('login', { code: 'abc' }, identity) };
    },
  },
  ping: {
    async prepare() {
      const identity = await account();
      return { identity, act: () => call('ping', { echo: 'hi' }, identity) };
    },
  },
  'favorites.list': {
    async prepare() {
      const identity = await account();
      return { identity, act: () => call('favorites', { action: 'list' }, identity) };
    },
  },
  'favorites.add': {
    async prepare() {
      const identity = await account();
      return { identity, act: () => call('favorites', { action: 'add', itemId: secondId }, identity) };
    },
  },
  'favorites.remove': {
    async prepare() {
      const identity = await account();
      return { identity, act: () => call('favorites', { action: 'remove', itemId: firstId }, identity) };
    },
  },
  'user.getProfile': {
    async prepare() {
      const identity = await account();
      return { identity, act: () => call('user', { action: 'getProfile' }, identity) };
    },
  },
  'user.updateProfile (nickname)': {
    async prepare() {
      const identity = await account();
      return { identity, act: () => call('user', { action: 'updateProfile', nickname: '小红' }, identity) };
    },
  },
  'user.updateProfile (new avatar and nickname)': {
    async prepare() {
      const identity = await account();
      const avatarFileId = upload(identity.OPENID as string, 'new.png');
      return {
        identity,
        act: () => call('user', { action: 'updateProfile', avatarFileId, nickname: '小红' }, identity),
      };
    },
  },
  'user.bindPhone': {
    async prepare() {
      const identity = await account();
      const code = t.cloud.standIns.phoneNumber.issueCode('13800000000', { appid: APPID });
      return { identity, act: () => call('user', { action: 'bindPhone', code }, identity) };
    },
  },
  'user.deleteAccount': {
    async prepare() {
      const identity = await account();
      return { identity, act: () => call('user', { action: 'deleteAccount', confirm: true }, identity) };
    },
    async afterRetry(identity, retry) {
      expect(retry).toMatchObject({ ok: true });
      expect(await leftovers(t.cloud, identity.OPENID as string)).toEqual([]);
    },
  },
  'urlscheme.scheme (mini-program)': {
    async prepare() {
      const identity = await account();
      return { identity, act: () => call('urlscheme', { action: 'scheme', path: '' }, identity) };
    },
  },
  'urlscheme.link (web)': {
    async prepare() {
      // A new address each time, so every run takes the same rate-limit steps.
      const identity: Identity = {
        TCB_SOURCE_IP: `198.51.100.${(users += 1) % 250}`,
        TCB_UUID: `anon${users}web`,
      };
      return { identity, act: () => call('urlscheme', { action: 'link', path: '' }, identity) };
    },
  },
};

const stepName = (step: IoStep) =>
  `${step.kind} ${step.operation}${step.collection ? ` ${step.collection}` : ''}`;

describe('every I/O step of every action, made to fail in turn', () => {
  it.each(Object.keys(scenarios))('%s', async (name) => {
    const scenario = scenarios[name];
    // 1. The steps of a run without faults.
    const steps: string[] = [];
    const plain = await scenario.prepare();
    t.cloud.setIoHook((step) => {
      if (step.phase === 'before') steps.push(stepName(step));
    });
    expect(await plain.act()).toMatchObject({ ok: true });
    t.cloud.setIoHook(undefined);
    expect(steps.length).toBeGreaterThan(0);

    // 2. Once per step and phase, with that step failing.
    const problems: string[] = [];
    let injected = 0;
    for (let index = 0; index < steps.length; index += 1) {
      // before: this step fails and does not happen; after: it happens, the reply is lost;
      // outage: this step and every later one fail (the database or storage stays down).
      for (const mode of ['before', 'after', 'outage'] as const) {
        const { identity, act } = await scenario.prepare();
        const before = await snapshot(t.cloud, ['rate_limits']);
        const phase = mode === 'after' ? 'after' : 'before';
        let seen = 0;
        let fired = '';
        t.cloud.setIoHook((step) => {
          if (step.phase !== phase) return;
          const position = seen++;
          if (position === index || (mode === 'outage' && position > index)) {
            fired ||= `${mode} ${stepName(step)}`;
            throw new Error(`injected fault: ${fired}`);
          }
        });
        let answer: Answer;
        try {
          answer = await act();
        } catch (error) {
          problems.push(`${fired}: the call rejected: ${String(error)}`);
          continue;
        } finally {
          t.cloud.setIoHook(undefined);
        }
        if (!fired) continue;
        injected += 1;
        if (!answer.ok) {
          if (!(answer.error.code in ERROR_CODES))
            problems.push(`${fired}: undocumented code ${answer.error.code}`);
          if (!/[\u4e00-\u9fff]/.test(answer.error.message)) problems.push(`${fired}: message not for users`);
          if (!answer.error.maybeSaved) {
            const after = await snapshot(t.cloud, ['rate_limits']);
            if (JSON.stringify(after) !== JSON.stringify(before)) {
              problems.push(
                `${fired}: answered ${answer.error.code} without maybeSaved, but something was saved`,
              );
            }
          }
        }
        const dangling = await danglingAvatars(t.cloud);
        if (dangling.length > 0) problems.push(`${fired}: a record points at a missing file ${dangling[0]}`);
        if (scenario.afterRetry && !answer.ok) {
          const retry = await call('user', { action: 'deleteAccount', confirm: true }, identity);
          await scenario.afterRetry(identity, retry);
        }
      }
    }
    reportFigure({ kind: 'fault', subject: name, count: injected, failures: problems.length });
    expect(problems).toEqual([]);
    expect(injected).toBeGreaterThanOrEqual(steps.length);
  });
});

/** @jest-environment node */
import fc from 'fast-check';
import type { DocumentData } from '../../cloudfunctions/.shared/db';
import { isOwnAvatar } from '../../cloudfunctions/.shared/user-files';
import { alice, useTestCloud } from '../support/cloud';
import {
  ALICE,
  UNICODE_CASES,
  actionNear,
  avatarNear,
  cases,
  nicknameNear,
  phoneCode as validCode,
  userEvent,
} from './arbitraries';
import {
  ALICE_HASH,
  PropertyHarness,
  differences,
  publicUserProblems,
  snapshot,
  type EntryPoint,
  type RunInfo,
} from './harness';
import { actionRule, avatarFileId, confirm, nickname, phoneCode, somethingToChange } from './rules';

// 1,000 events per test: seconds here, but minutes on a loaded CI machine.
jest.setTimeout(180_000);

const t = useTestCloud();
const ACTIONS = ['getProfile', 'updateProfile', 'bindPhone', 'deleteAccount'] as const;
type Action = (typeof ACTIONS)[number];

/** Every code of the user function: an event may name another action than the one under test. */
const USER_CODES = [
  'NOT_FOUND',
  'ACCOUNT_DELETING',
  'FORBIDDEN',
  'NICKNAME_REJECTED',
  'NICKNAME_REVIEW',
  'CONTENT_CHECK_UNAVAILABLE',
  'PHONE_CODE_INVALID',
  'PHONE_UNAVAILABLE',
  'RATE_LIMITED',
  'WECHAT_API_ERROR',
] as const;

const record = (run: RunInfo): DocumentData | undefined =>
  run.after.collections.users.find((doc) => doc._id === ALICE);
const userOf = (data: unknown) => (data as { user?: unknown } | null)?.user as Record<string, unknown>;

/** Problems with `{ user }` compared with alice's stored record. */
function profileProblems(data: unknown, _event: unknown, run: RunInfo): string[] {
  const keys = Object.keys(data as object).join();
  const problems = keys === 'user' ? publicUserProblems(userOf(data)) : [`data has keys ${keys}`];
  if (problems.length > 0) return problems;
  const user = userOf(data);
  const stored = record(run);
  if (!stored) return ['no record after a successful call'];
  if (user.nickname !== (stored.nickname ?? ''))
    problems.push(`nickname ${String(user.nickname)} is not the stored one`);
  if (user.avatarFileId !== (stored.avatarFileId ?? '')) problems.push('avatarFileId is not the stored one');
  return problems;
}

const SPEC: Record<
  Action,
  Pick<EntryPoint, 'account' | 'fields' | 'whole' | 'checkSuccess' | 'refusalCleanup'> & {
    valid: fc.Arbitrary<Record<string, unknown>>;
    near: Record<string, fc.Arbitrary<unknown>>;
  }
> = {
  getProfile: {
    account: 'required',
    valid: userEvent.getProfile,
    near: {},
    fields: {},
    checkSuccess: profileProblems,
  },
  updateProfile: {
    account: 'required',
    valid: userEvent.updateProfile,
    near: { nickname: nicknameNear, avatarFileId: avatarNear },
    fields: { nickname, avatarFileId },
    whole: [somethingToChange],
    // Without an account the avatar named in the event is removed (nothing can own it).
    refusalCleanup: (event, code) =>
      (code === 'NOT_FOUND' || code === 'ACCOUNT_DELETING') &&
      typeof event.avatarFileId === 'string' &&
      isOwnAvatar(ALICE, event.avatarFileId)
        ? event.avatarFileId
        : undefined,
    checkSuccess(data, event, run) {
      const problems = profileProblems(data, event, run);
      const user = userOf(data);
      if (typeof event.nickname === 'string' && user?.nickname !== event.nickname.normalize('NFC').trim()) {
        problems.push('the nickname is not the one sent (NFC, trimmed)');
      }
      if (typeof event.avatarFileId === 'string' && user?.avatarFileId !== event.avatarFileId) {
        problems.push('the avatar is not the one sent');
      }
      return problems;
    },
  },
  bindPhone: {
    account: 'required',
    valid: userEvent.bindPhone,
    near: { code: fc.oneof(validCode, fc.constantFrom('', 'made-up', '0'.repeat(256), '0'.repeat(257))) },
    fields: { code: phoneCode },
    checkSuccess(data, event, run) {
      const problems = profileProblems(data, event, run);
      const stored = record(run);
      const phone = String(stored?.phoneNumber ?? '');
      if (!/^138\d{8}$/.test(phone)) problems.push(`stored phone ${phone} is not the code's number`);
      if (userOf(data)?.phoneMasked !== `${phone.slice(0, 3)}****${phone.slice(-4)}`)
        problems.push('phoneMasked');
      return problems;
    },
  },
  deleteAccount: {
    account: 'none',
    valid: userEvent.deleteAccount,
    near: { confirm: fc.constantFrom(true, 'true', 1, false, [true], { value: true }) },
    fields: { confirm },
    checkSuccess(data, _event, { before, after }) {
      const problems: string[] = [];
      const result = data as Record<string, unknown>;
      if (Object.keys(result).sort().join() !== 'deleted,removedFiles' || result.deleted !== true) {
        problems.push(`data is ${JSON.stringify(result)}`);
      }
      if (!Number.isInteger(result.removedFiles) || (result.removedFiles as number) < 0)
        problems.push('removedFiles');
      for (const [name, documents] of Object.entries(after.collections)) {
        const left = documents.filter((doc) => {
          const json = JSON.stringify(doc);
          return json.includes(ALICE) || json.includes(ALICE_HASH);
        });
        if (left.length > 0) problems.push(`${name} still holds ${left.length} document(s) of alice`);
      }
      // Every file the server knew of (ledger, record) is gone.
      const known = [
        ...before.collections.uploads.filter((doc) => doc.openid === ALICE).map((doc) => String(doc.fileId)),
        ...before.collections.users
          .filter((doc) => doc._id === ALICE)
          .map((doc) => String(doc.avatarFileId ?? '')),
      ].filter(Boolean);
      const remaining = after.files.filter((file) =>
        known.some((fileId) => fileId.endsWith(`/${file.cloudPath}`)),
      );
      if (remaining.length > 0)
        problems.push(`files of alice left: ${remaining.map((file) => file.cloudPath).join(', ')}`);
      return problems;
    },
  },
};

function entry(action: Action): EntryPoint {
  const spec = SPEC[action];
  return {
    subject: `user.${action}`,
    fn: 'user',
    caller: 'alice',
    cases: cases({
      valid: spec.valid,
      fields: ['action', ...Object.keys(spec.fields)],
      near: { action: actionNear(ACTIONS), ...spec.near },
    }),
    ...spec,
    codes: USER_CODES,
    fields: { action: actionRule([action], ACTIONS), ...spec.fields },
  };
}

describe('user: generated events', () => {
  it.each(ACTIONS)(
    'user.%s (1,000+ events: valid, hostile fields, random)',
    async (action) => {
      await new PropertyHarness(t, entry(action)).run();
    },
    120_000,
  );
});

describe('user.updateProfile: every Unicode case of issue 10, every run', () => {
  it.each(Object.entries(UNICODE_CASES).map(([name, value]) => [name, value.length, value]))(
    '%s (%i UTF-16 units) is refused and nothing is written',
    async (_name, _length, nickname) => {
      await t.call('login', {}, alice);
      const before = await snapshot(t.cloud);
      const result = await t.call('user', { action: 'updateProfile', nickname }, alice);
      expect(result).toMatchObject({
        ok: false,
        error: { code: expect.stringMatching(/^(INVALID_ARGUMENT|NICKNAME_REJECTED)$/) },
      });
      expect(differences(before, await snapshot(t.cloud))).toEqual([]);
    },
  );
});

/**
 * Runs one cloud entry point against generated events on one in-memory LocalCloud and
 * checks the invariants of issue 10 after every call:
 * - the call resolves with `{ ok: true, data }` or `{ ok: false, error: { code, message } }`,
 *   never INTERNAL, the code documented (ERROR_CODES) and expected for this entry point,
 *   the message Chinese, short, never echoing a huge input;
 * - invalid input is refused with INVALID_ARGUMENT (or the documented specific code), a
 *   valid event succeeds (or gets the account refusal) with a well-formed answer;
 * - a refused call writes nothing (database and storage compared in full);
 * - bob's documents and files stay byte-identical and no answer carries his data;
 * - nothing hostile is stored, Object.prototype is untouched.
 */
import { isDeepStrictEqual } from 'util';
import fc from 'fast-check';
import type { DocumentData } from '../../cloudfunctions/.shared/db';
import { RATE_LIMIT_COLLECTION, callerHash } from '../../cloudfunctions/.shared/rate-limit';
import { ERROR_CODES, type ErrorCode } from '../../miniprogram/contracts/errors';
import type { Identity, LocalCloud } from '../../scripts/local-cloud';
import { IDENTITY_KEYS } from '../../scripts/local-cloud/invocation-context';
import { alice, bob, type TestCloud } from '../support/cloud';
import { fcSeed, reportFigure } from '../support/reliability';
import {
  ALICE,
  ITEM_IDS,
  AVATAR_POOL,
  BOB,
  preview,
  materialise,
  type AccountState,
  type GeneratedCase,
  type LateContext,
} from './arbitraries';
import { judge, type FieldRule, type RuleContext, type Verdict } from './rules';
import { ITEM_ID } from '../../cloudfunctions/favorites/records';

/** Events per entry point and run (at least 1,000; FC_RUNS raises it). */
export const NUM_RUNS = Math.max(1000, Number(process.env.FC_RUNS ?? 0) || 0);

/** FC_SEED repeats a run; otherwise a fresh seed, printed with every figure and failure. */
export const SEED = fcSeed();

/**
 * An anonymous web caller (the H5 jump page): as CloudBase presents one (TCB_SOURCE_IP,
 * TCB_UUID) when the local runtime knows those keys, else as it used to (CLIENTIP).
 */
export function webIdentity(ip = '203.0.113.7', uuid = 'web-user-1'): Identity {
  const keys: readonly string[] = IDENTITY_KEYS;
  const identity: Record<string, string> = keys.includes('TCB_SOURCE_IP')
    ? { TCB_SOURCE_IP: ip, TCB_UUID: uuid }
    : { CLIENTIP: ip };
  return identity as Identity;
}

export const COLLECTIONS = ['users', 'favorites', 'pings', 'uploads', RATE_LIMIT_COLLECTION] as const;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const BOB_NICKNAME = '\u9c8d\u52c3\u72ec\u4e00\u65e0\u4e8c';
const BOB_PHONE = '13911112222';
const BOB_AVATAR_PATH = `avatars/${BOB}/face.png`;
const BOB_HASH = callerHash(`openid:${BOB}`);
export const ALICE_HASH = callerHash(`openid:${ALICE}`);

// ---------------------------------------------------------------------------------------
// Snapshots of everything the functions can write.

export interface StoredFile {
  cloudPath: string;
  ownerOpenid?: string;
  size: number;
  content: Buffer | undefined;
}

export interface Snapshot {
  collections: Record<string, DocumentData[]>;
  files: StoredFile[];
}

export async function snapshot(cloud: LocalCloud): Promise<Snapshot> {
  const names = [...new Set<string>([...COLLECTIONS, ...cloud.backend.store.collectionNames()])].sort();
  const collections: Record<string, DocumentData[]> = {};
  for (const name of names) {
    const documents: DocumentData[] = [];
    for (let skip = 0; ; skip += 1000) {
      const { data } = await cloud.database.collection(name).skip(skip).limit(1000).get();
      documents.push(...data);
      if (data.length < 1000) break;
    }
    collections[name] = documents.sort((a, b) => (String(a._id) < String(b._id) ? -1 : 1));
  }
  const files = cloud.storage.list().map((info) => ({
    cloudPath: info.cloudPath,
    ownerOpenid: info.ownerOpenid,
    size: info.size,
    content: cloud.storage.readPath(info.cloudPath),
  }));
  return { collections, files };
}

/** What changed between two snapshots, in a few words per document or file. */
export function differences(before: Snapshot, after: Snapshot, ignore: readonly string[] = []): string[] {
  const found: string[] = [];
  const names = new Set([...Object.keys(before.collections), ...Object.keys(after.collections)]);
  for (const name of names) {
    if (ignore.includes(name)) continue;
    const old = new Map((before.collections[name] ?? []).map((doc) => [String(doc._id), doc]));
    const now = new Map((after.collections[name] ?? []).map((doc) => [String(doc._id), doc]));
    for (const [id, doc] of now) {
      if (!old.has(id)) found.push(`${name}: added ${preview(doc)}`);
      else if (!isDeepStrictEqual(old.get(id), doc))
        found.push(`${name}: changed ${preview(old.get(id))} -> ${preview(doc)}`);
    }
    for (const id of old.keys()) if (!now.has(id)) found.push(`${name}: removed ${id}`);
  }
  const oldFiles = new Map(before.files.map((file) => [file.cloudPath, file]));
  const newFiles = new Map(after.files.map((file) => [file.cloudPath, file]));
  for (const [path, file] of newFiles) {
    if (!oldFiles.has(path)) found.push(`storage: added ${path}`);
    else if (!isDeepStrictEqual(oldFiles.get(path), file)) found.push(`storage: changed ${path}`);
  }
  for (const path of oldFiles.keys()) if (!newFiles.has(path)) found.push(`storage: removed ${path}`);
  return found;
}

/** Every document and file that belongs to `openid` (its openid or its rate-limit hash appears in it). */
export function viewOf(state: Snapshot, openid: string, hash: string): Snapshot {
  const collections: Record<string, DocumentData[]> = {};
  for (const [name, documents] of Object.entries(state.collections)) {
    collections[name] = documents.filter((doc) => {
      const json = JSON.stringify(doc);
      return json.includes(openid) || json.includes(hash);
    });
  }
  const files = state.files.filter(
    (file) => file.cloudPath.includes(`/${openid}/`) || file.ownerOpenid === openid,
  );
  return { collections, files };
}

/** The snapshot without one file (by file ID) and its uploads-ledger entries. */
function withoutFile(state: Snapshot, fileId: string): Snapshot {
  return {
    collections: {
      ...state.collections,
      uploads: state.collections.uploads.filter((doc) => doc.fileId !== fileId),
    },
    files: state.files.filter((file) => !fileId.endsWith(`/${file.cloudPath}`)),
  };
}

/** Stored values that only an attacker puts there: operator or prototype keys, huge strings. */
function hostileStored(state: Snapshot): string[] {
  const found: string[] = [];
  const visit = (value: unknown, where: string, depth: number) => {
    if (found.length > 3) return;
    if (typeof value === 'string' && value.length > 2048)
      found.push(`${where}: a ${value.length}-unit string`);
    if (value === null || typeof value !== 'object' || value instanceof Date) return;
    if (depth > 8) {
      found.push(`${where}: nested deeper than 8`);
      return;
    }
    for (const key of Object.keys(value)) {
      if (key.startsWith('$') || key.includes('.') || key === '__proto__' || key === 'constructor') {
        found.push(`${where}: key ${JSON.stringify(key)}`);
      }
      visit((value as Record<string, unknown>)[key], `${where}.${key}`, depth + 1);
    }
  };
  for (const [name, documents] of Object.entries(state.collections)) {
    for (const doc of documents) visit(doc, `${name}/${String(doc._id)}`, 0);
  }
  return found;
}

// ---------------------------------------------------------------------------------------
// Entry points.

export type AccountRule = 'required' | 'optional' | 'login' | 'none' | 'public';

export interface RunInfo {
  state: AccountState;
  before: Snapshot;
  after: Snapshot;
  nowSeconds: number;
}

export interface EntryPoint {
  /** e.g. `user.updateProfile`: the figure's subject. */
  subject: string;
  fn: string;
  caller: 'alice' | 'web';
  account: AccountRule;
  cases: fc.Arbitrary<GeneratedCase>;
  /** The fields the entry point reads, judged one by one (see rules.ts). */
  fields: Readonly<Record<string, FieldRule>>;
  /** Rules on the whole event (e.g. "one expiry field only"). */
  whole?: readonly ((event: Record<string, unknown>) => Verdict)[];
  /** Every code this entry point may answer with (besides the account codes). */
  codes: readonly ErrorCode[];
  /** Problems with the data of a successful answer to a valid event. */
  checkSuccess(data: unknown, event: Record<string, unknown>, run: RunInfo): string[];
  /**
   * A file a refusal with `code` may remove: the documented clean-up of an upload that no
   * account can own (user.updateProfile without an account). Nothing else may change.
   */
  refusalCleanup?(event: Record<string, unknown>, code: ErrorCode): string | undefined;
}

/** The refusal the account state forces, if any. */
function accountRefusal(rule: AccountRule, state: AccountState): ErrorCode | undefined {
  if (rule === 'required' && state === 'none') return 'NOT_FOUND';
  if ((rule === 'required' || rule === 'optional' || rule === 'login') && state === 'deleting') {
    return 'ACCOUNT_DELETING';
  }
  return undefined;
}

function accountCodes(rule: AccountRule): ErrorCode[] {
  if (rule === 'required') return ['NOT_FOUND', 'ACCOUNT_DELETING'];
  if (rule === 'optional' || rule === 'login') return ['ACCOUNT_DELETING'];
  return [];
}

const CHINESE = /[\u3400-\u9fff]/;
const MAX_MESSAGE = 300;

/** Problems with the answer's outer shape; none means it is a CloudResult. */
function shapeProblems(answer: unknown): string[] {
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer)) {
    return [`the answer is not an object: ${preview(answer)}`];
  }
  const result = answer as Record<string, unknown>;
  const keys = Object.keys(result).sort().join(',');
  if (result.ok === true) return keys === 'data,ok' ? [] : [`ok answer with keys ${keys}`];
  if (result.ok !== false) return [`ok is ${preview(result.ok)}`];
  if (keys !== 'error,ok') return [`failed answer with keys ${keys}`];
  const error = result.error as Record<string, unknown> | null;
  if (error === null || typeof error !== 'object') return [`error is ${preview(error)}`];
  const problems: string[] = [];
  const extra = Object.keys(error).filter(
    (key) => !['code', 'message', 'wxErrCode', 'maybeSaved'].includes(key),
  );
  if (extra.length > 0) problems.push(`error has unexpected keys ${extra.join(',')}`);
  if (typeof error.code !== 'string' || !Object.hasOwn(ERROR_CODES, error.code)) {
    problems.push(`error.code ${preview(error.code)} is not one of ERROR_CODES`);
  }
  if (typeof error.message !== 'string' || error.message === '') problems.push('error.message is empty');
  else {
    if (!CHINESE.test(error.message))
      problems.push(`error.message is not Chinese: ${preview(error.message)}`);
    if (error.message.length > MAX_MESSAGE) {
      problems.push(`error.message is ${error.message.length} units long (echoes the input?)`);
    }
  }
  if (error.maybeSaved !== undefined)
    problems.push(`maybeSaved without any fault: ${preview(error.maybeSaved)}`);
  return problems;
}

// ---------------------------------------------------------------------------------------
// The harness.

export class PropertyHarness {
  private bobBefore?: Snapshot;
  /** The state after the last call. */
  private last?: Snapshot;

  constructor(
    readonly t: TestCloud,
    readonly entry: EntryPoint,
  ) {}

  get cloud(): LocalCloud {
    return this.t.cloud;
  }

  /** A call that must succeed (set-up, not under test). */
  async mustCall(name: string, data: Record<string, unknown>, identity: Identity): Promise<unknown> {
    const result = (await this.cloud.callFunction(name, data, identity)) as { ok: boolean; data?: unknown };
    if (!result.ok)
      throw new Error(`set-up call ${name} ${JSON.stringify(data)} failed: ${JSON.stringify(result)}`);
    return result.data;
  }

  /** Bob: a full account (nickname, avatar, phone, favourites, visits) that no call of alice may touch. */
  async seedBob(): Promise<void> {
    await this.mustCall('login', {}, bob);
    const { fileID } = this.cloud.storage.upload({
      cloudPath: BOB_AVATAR_PATH,
      content: PNG,
      ownerOpenid: BOB,
    });
    await this.mustCall(
      'user',
      { action: 'updateProfile', nickname: BOB_NICKNAME, avatarFileId: fileID },
      bob,
    );
    const code = this.cloud.standIns.phoneNumber.issueCode(BOB_PHONE);
    await this.mustCall('user', { action: 'bindPhone', code }, bob);
    await this.mustCall('favorites', { action: 'add', itemId: ITEM_IDS[0] }, bob);
    await this.mustCall('favorites', { action: 'add', itemId: ITEM_IDS[1] }, bob);
    await this.mustCall('ping', {}, bob);
    await this.mustCall('ping', {}, bob);
    this.bobBefore = viewOf(await snapshot(this.cloud), BOB, BOB_HASH);
    this.last = undefined;
  }

  /** Brings alice's account into `state` and her avatar files into place; true when that wrote anything. */
  async prepare(state: AccountState): Promise<boolean> {
    const users = this.cloud.database.collection('users');
    const record = (await users.where({ _id: ALICE }).get()).data[0];
    let wrote = false;
    if (state === 'none') {
      if (record) {
        await this.mustCall('user', { action: 'deleteAccount', confirm: true }, alice);
        wrote = true;
      }
    } else {
      if (!record) {
        await this.mustCall('login', {}, alice);
        wrote = true;
      } else if (record.deletingAt && state === 'active') {
        await users.doc(ALICE).update({ data: { deletingAt: this.cloud.database.command.remove() } });
        wrote = true;
      }
      if (state === 'deleting') {
        await users.doc(ALICE).update({ data: { deletingAt: new Date(this.t.now()) } });
        wrote = true;
      }
    }
    for (const cloudPath of AVATAR_POOL) {
      if (!this.cloud.storage.infoByPath(cloudPath)) {
        this.cloud.storage.upload({ cloudPath, content: PNG, ownerOpenid: ALICE });
        wrote = true;
      }
    }
    return wrote;
  }

  /** One generated event: prepare, call, check every invariant; throws with the problems found. */
  async check(generated: GeneratedCase): Promise<void> {
    const { t, entry, cloud } = this;
    // A new rate-limit window and a new second for every call: valid calls are never throttled.
    t.advance(61_000);
    const prepared = await this.prepare(generated.state);
    const phoneCodes = new Set<string>();
    const late: LateContext = {
      fileIdOf: (cloudPath) => cloud.storage.fileIdOf(cloudPath),
      issuePhoneCode: (phone) => {
        const code = cloud.standIns.phoneNumber.issueCode(phone);
        phoneCodes.add(code);
        return code;
      },
      nowSeconds: () => Math.floor(t.now() / 1000),
    };
    const event = materialise(generated.template, late);
    const eventJson = JSON.stringify(event) ?? 'null';
    const received: unknown = JSON.parse(eventJson);
    const context: RuleContext = {
      avatars: AVATAR_POOL.map((cloudPath) => cloud.storage.fileIdOf(cloudPath)),
      phoneCodes,
      nowSeconds: late.nowSeconds(),
    };
    const verdict = judge(received, entry.fields, entry.whole ?? [], context);
    // The state after the previous call is the state before this one, unless prepare wrote.
    const before = prepared || !this.last ? await snapshot(cloud) : this.last;
    const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).join();
    const identity = entry.caller === 'web' ? webIdentity() : alice;

    let answer: unknown;
    try {
      answer = await cloud.callFunction(entry.fn, event, identity);
    } catch (error) {
      throw new Error(
        `${entry.subject}: the call rejected instead of answering: ${String(error).slice(0, 500)}`,
      );
    }
    const after = await snapshot(cloud);
    this.last = after;
    const problems = this.problems(answer, verdict, received, eventJson, generated.state, before, after);
    if (Object.getOwnPropertyNames(Object.prototype).join() !== prototypeBefore) {
      problems.push('Object.prototype gained properties');
    }
    if (({} as Record<string, unknown>).polluted !== undefined)
      problems.push('Object.prototype.polluted is set');
    if (problems.length > 0) {
      throw new Error(
        [
          `${entry.subject} broke an invariant (FC_SEED=${SEED}):`,
          `  event:    ${preview(received)}`,
          `  account:  ${generated.state}`,
          `  expected: ${verdict.kind}${verdict.kind === 'valid' ? '' : ` (${verdict.why})`}${
            verdict.kind === 'invalid' ? ` -> ${verdict.codes.join(' | ')}` : ''
          }`,
          `  answer:   ${preview(answer)}`,
          ...problems.map((problem) => `  - ${problem}`),
        ].join('\n'),
      );
    }
  }

  private problems(
    answer: unknown,
    verdict: Verdict,
    received: unknown,
    eventJson: string,
    state: AccountState,
    before: Snapshot,
    after: Snapshot,
  ): string[] {
    const { entry } = this;
    const problems = shapeProblems(answer);
    if (problems.length > 0) return problems;
    const result = answer as
      { ok: true; data: unknown } | { ok: false; error: { code: ErrorCode; message: string } };
    const forced = entry.caller === 'web' ? undefined : accountRefusal(entry.account, state);
    const isUrlscheme = entry.fn === 'urlscheme';

    if (!result.ok) {
      const { code } = result.error;
      if (code === 'INTERNAL') problems.push('answered INTERNAL');
      else if (![...entry.codes, ...accountCodes(entry.account), 'INVALID_ARGUMENT'].includes(code)) {
        problems.push(`${code} is not a code this entry point documents`);
      }
      // A refused call writes nothing; urlscheme's own counter may move unless the input was invalid.
      const ignore = isUrlscheme && code !== 'INVALID_ARGUMENT' ? [RATE_LIMIT_COLLECTION] : [];
      const removable = entry.refusalCleanup?.((received ?? {}) as Record<string, unknown>, code);
      const changed = removable
        ? differences(withoutFile(before, removable), withoutFile(after, removable), ignore)
        : differences(before, after, ignore);
      if (changed.length > 0)
        problems.push(`a refused call (${code}) wrote: ${changed.slice(0, 5).join('; ')}`);
    } else {
      const ignore = isUrlscheme ? [RATE_LIMIT_COLLECTION] : [];
      const storesNothing = isUrlscheme || (entry.account === 'optional' && state === 'none');
      const changed = storesNothing ? differences(before, after, ignore) : [];
      if (changed.length > 0)
        problems.push(`a call that must store nothing wrote: ${changed.slice(0, 5).join('; ')}`);
      problems.push(...hostileStored(after));
    }

    if (verdict.kind === 'invalid') {
      const allowed = forced ? [...verdict.codes, forced] : verdict.codes;
      if (result.ok) problems.push(`invalid input accepted (${verdict.why})`);
      else if (!allowed.includes(result.error.code)) {
        problems.push(`invalid input answered ${result.error.code}, expected ${allowed.join(' | ')}`);
      }
    } else if (verdict.kind === 'valid') {
      if (forced) {
        if (result.ok || result.error.code !== forced)
          problems.push(`expected ${forced} for account ${state}`);
      } else if (!result.ok) {
        problems.push(`a valid event was refused: ${result.error.code} ${result.error.message}`);
      } else {
        const run: RunInfo = { state, before, after, nowSeconds: Math.floor(this.t.now() / 1000) };
        problems.push(...entry.checkSuccess(result.data, (received ?? {}) as Record<string, unknown>, run));
      }
    }

    // Bob: untouched, and never in an answer unless the event itself named it.
    if (this.bobBefore) {
      const bobChanged = differences(this.bobBefore, viewOf(after, BOB, BOB_HASH));
      if (bobChanged.length > 0) problems.push(`bob's data changed: ${bobChanged.slice(0, 3).join('; ')}`);
    }
    const answerJson = JSON.stringify(answer);
    for (const token of [BOB, BOB_NICKNAME, BOB_PHONE, '139****2222', BOB_AVATAR_PATH]) {
      if (answerJson.includes(token) && !eventJson.includes(token))
        problems.push(`the answer contains bob's ${token}`);
    }
    return problems;
  }

  /** Runs the property with NUM_RUNS events and SEED; reports the figure; fails with fast-check's report. */
  async run(): Promise<void> {
    // useTestCloud points the functions' clock at the runtime's, which check() moves.
    await this.seedBob();
    const property = fc.asyncProperty(this.entry.cases, (generated) => this.check(generated));
    const details = await fc.check(property, { numRuns: NUM_RUNS, seed: SEED });
    reportFigure({
      kind: 'property',
      subject: this.entry.subject,
      count: details.numRuns,
      failures: details.failed ? 1 : 0,
      seed: SEED,
    });
    if (details.failed) {
      const error = details.errorInstance;
      throw new Error(
        [
          fc.defaultReportMessage(details),
          error instanceof Error ? (error.stack ?? error.message) : String(error),
          `Repeat with FC_SEED=${SEED} (fast-check seed ${details.seed}, path ${details.counterexamplePath}).`,
        ].join('\n'),
      );
    }
  }
}

// ---------------------------------------------------------------------------------------
// Answer shapes.

/** Problems with a PublicUser: exactly its four fields, nothing private. */
export function publicUserProblems(user: unknown): string[] {
  if (user === null || typeof user !== 'object') return [`user is ${preview(user)}`];
  const record = user as Record<string, unknown>;
  const problems: string[] = [];
  const keys = Object.keys(record).sort().join(',');
  if (keys !== 'avatarFileId,createdAt,nickname,phoneMasked') problems.push(`user has keys ${keys}`);
  for (const key of ['avatarFileId', 'nickname', 'phoneMasked', 'createdAt']) {
    if (typeof record[key] !== 'string') problems.push(`user.${key} is not a string`);
  }
  if (typeof record.createdAt === 'string' && Number.isNaN(Date.parse(record.createdAt))) {
    problems.push(`user.createdAt ${record.createdAt} is not a date`);
  }
  if (typeof record.phoneMasked === 'string' && !/^(?:|\d{3}\*{4}\d{4}|\d\*{4})$/.test(record.phoneMasked)) {
    problems.push(`user.phoneMasked ${record.phoneMasked} is not masked`);
  }
  return problems;
}

/** Problems with `{ itemIds }`: item ids, no repeats. */
export function itemIdsProblems(data: unknown): string[] {
  const itemIds = (data as { itemIds?: unknown } | null)?.itemIds;
  if (!Array.isArray(itemIds)) return [`itemIds is ${preview(itemIds)}`];
  const problems: string[] = [];
  if (Object.keys(data as object).join() !== 'itemIds')
    problems.push(`data has keys ${Object.keys(data as object)}`);
  if (itemIds.some((id) => typeof id !== 'string' || !ITEM_ID.test(id)))
    problems.push(`malformed item id in ${preview(itemIds)}`);
  if (new Set(itemIds).size !== itemIds.length) problems.push(`repeated item in ${preview(itemIds)}`);
  return problems;
}

/**
 * Generators for the property tests: hostile values (wrong types, huge and deep values,
 * operator and prototype keys, the Unicode cases of issue 10) and valid events for each
 * cloud entry point. Large values are built once and shared: a run never copies them.
 */
import fc from 'fast-check';
import { APP_PAGES } from '../../cloudfunctions/.shared/app-pages';
import { alice, bob } from '../support/cloud';
import { ITEM_IDS } from '../support/items';

export const MB = 1024 * 1024;
export const ALICE = alice.OPENID as string;
export const BOB = bob.OPENID as string;
export { ITEM_IDS };

/** What a Late value is filled in from: the cloud the event is sent to, at the time it is sent. */
export interface LateContext {
  fileIdOf(cloudPath: string): string;
  /** A fresh getPhoneNumber code for this number (the phone stand-in issues it). */
  issuePhoneCode(phoneNumber: string): string;
  nowSeconds(): number;
}

/** A field value that only exists once the event is sent (a file ID, a fresh phone code, a time). */
export class Late {
  constructor(
    readonly label: string,
    readonly resolve: (context: LateContext) => unknown,
  ) {}

  [fc.toStringMethod](): string {
    return `<${this.label}>`;
  }
}

/** The event as it is sent: Late values (top-level fields, or the whole event) filled in. */
export function materialise(template: unknown, context: LateContext): unknown {
  if (template instanceof Late) return template.resolve(context);
  if (template === null || typeof template !== 'object' || Array.isArray(template)) return template;
  const event: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    // defineProperty keeps an own `__proto__` key an own key.
    Object.defineProperty(event, key, {
      value: value instanceof Late ? value.resolve(context) : value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return event;
}

// ---------------------------------------------------------------------------------------
// Printing: a counterexample with a 1 MB string must not become a 1 MB error message.

/** A short, faithful description of any value: long strings, big arrays and deep nesting summarised. */
export function preview(value: unknown, depth = 0): string {
  if (value instanceof Late) return `<${value.label}>`;
  if (typeof value === 'string') {
    if (value.length <= 80) return JSON.stringify(value);
    const head = JSON.stringify(value.slice(0, 24));
    return `${head.slice(0, -1)}…" (${value.length} UTF-16 units)`;
  }
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value !== 'object' || value === null) return String(value);
  if (depth >= 4) return `${Array.isArray(value) ? '[…]' : '{…}'} (nested ${nestingDepth(value)} deep)`;
  if (Array.isArray(value)) {
    const items = value.slice(0, 5).map((item) => preview(item, depth + 1));
    if (value.length > 5) items.push(`… ${value.length} items`);
    return `[${items.join(', ')}]`;
  }
  const entries = Object.keys(value)
    .slice(0, 12)
    .map((key) => `${JSON.stringify(key)}: ${preview((value as Record<string, unknown>)[key], depth + 1)}`);
  if (Object.keys(value).length > 12) entries.push('…');
  return `{${entries.join(', ')}}`;
}

function nestingDepth(value: unknown): number {
  let depth = 0;
  let current = value;
  while (current !== null && typeof current === 'object' && depth < 100_000) {
    const children: unknown[] = Array.isArray(current) ? current : Object.values(current);
    current = children.find((child) => child !== null && typeof child === 'object');
    depth += 1;
  }
  return depth;
}

// ---------------------------------------------------------------------------------------
// Hostile values.

/** Nests `leaf` `levels` deep, as arrays or objects (optionally under an operator key). */
export function nest(levels: number, shape: 'array' | 'object' | 'operator', leaf: unknown = 1): unknown {
  let value = leaf;
  for (let level = 0; level < levels; level += 1) {
    value = shape === 'array' ? [value] : shape === 'object' ? { a: value } : { $where: value };
  }
  return value;
}

/** 1,200 emoji joined by U+200D: one "character" of 2,399 code points. */
export const ZWJ_EMOJI_1200 = Array.from({ length: 1200 }, () => '\u{1F469}').join('\u200D');
/** 2,000 conjoining Hangul jamo (1,000 leading consonants, 1,000 vowels): one grapheme. */
export const HANGUL_JAMO_2000 = '\u1100'.repeat(1000) + '\u1161'.repeat(1000);
/** `a` stretched by 1,000 combining marks. */
export const COMBINING_1000 = `a${'\u0301'.repeat(1000)}`;
/** The nickname that exhausted a 256 MB heap (issue 10, item 1). */
export const NICKNAME_60K = '\u5b57'.repeat(60_000);
export const ONE_MB_ASCII = 'x'.repeat(MB);
export const ONE_MB_CJK = '\u5b57'.repeat(MB);
/** 1 MB of characters every pattern in the functions accepts (letters and '-'). */
export const ONE_MB_WORDS = 'guest-first-'.repeat(MB / 12 + 1).slice(0, MB);
export const DEEP_ARRAY = nest(1000, 'array');
export const DEEP_OBJECT = nest(1000, 'object');
export const DEEP_OPERATOR = nest(1000, 'operator');
export const HUGE_ARRAY = new Array<number>(100_000).fill(7);
export const HUGE_STRING_ARRAY = new Array<string>(20_000).fill('guest-first');

/**
 * Text that must never be accepted as a nickname (issue 10, item 2), by name. Other fields
 * get them too: as a file ID, code, query or path they are just as wrong.
 */
export const UNICODE_CASES: Readonly<Record<string, string>> = {
  zwjBetweenLetters: '\u5c0f\u200D\u660e',
  zwjBetweenLatin: 'ab\u200Dcd',
  wordJoiner: '\u5c0f\u2060\u660e',
  softHyphen: '\u5c0f\u00AD\u660e',
  mongolianVowelSeparator: '\u5c0f\u180E\u660e',
  tagCharacters: `\u5c0f\u660e${String.fromCodePoint(0xe0001, 0xe0041, 0xe007f)}`,
  arabicLetterMark: '\u5c0f\u061C\u660e',
  nonCharacterFFFF: '\u5c0f\u660e\uFFFF',
  loneHighSurrogate: '\u5c0f\uD800\u660e',
  loneLowSurrogate: '\uDC00\u5c0f\u660e',
  trailingHighSurrogate: '\u5c0f\u660e\uD83D',
  hangulFiller: '\u3164',
  hangulFillers: '\u3164\u3164\u3164',
  brailleBlank: '\u2800\u2800',
  combining1000: COMBINING_1000,
  zwjEmoji1200: ZWJ_EMOJI_1200,
  hangulJamo2000: HANGUL_JAMO_2000,
  blockedWordSplitByZwj: '\u8fdd\u200D\u7981\u8bcd',
  blockedWordSplitByWordJoiner: '\u8fdd\u2060\u7981\u8bcd',
  blockedWordSplitBySoftHyphen: '\u50bb\u00AD\u74dc\u86cb',
  rightToLeftOverride: 'abc\u202Edef',
  byteOrderMark: '\uFEFF\u5c0f\u660e',
  nul: '\u5c0f\u0000\u660e',
  newline: '\u5c0f\n\u660e',
  ideographicSpaces: '\u3000\u3000',
  spaces: '   ',
  empty: '',
  nickname60k: NICKNAME_60K,
  loneVariationSelector: '\uFE0F',
  variationSelectors: '\uFE0F\uFE0F',
  variationSelectorSupplement: String.fromCodePoint(0xe0100),
  mongolianFreeVariationSelector: '\u180B',
  khmerInherentVowels: '\u17B4\u17B5',
  loneCombiningMark: '\u0301',
  ideographicHalfFillSpace: '\u303F',
  unassignedPlane4: String.fromCodePoint(0x40000),
  unassignedGreek: '\u0378',
};

/** Strings with a random member of a character class inside. */
const generatedUnicode: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 0xe0000, max: 0xe007f }).map((cp) => `ab${String.fromCodePoint(cp)}cd`),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => `x${String.fromCharCode(unit)}y`),
  fc
    .constantFrom(0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066)
    .map((cp) => `\u5c0f${String.fromCodePoint(cp)}\u660e`),
  fc.integer({ min: 11, max: 2000 }).map((marks) => `e${'\u0300'.repeat(marks)}`),
  fc.integer({ min: 21, max: 400 }).map((count) => '\u{1F600}'.repeat(count)),
);

const EDGE_NUMBERS: readonly number[] = [
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  30,
  31,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31),
  2 ** 32,
  2 ** 53,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  Number.EPSILON,
  1e21,
  -1e21,
  Infinity,
  -Infinity,
];

/** Objects that try Mongo operators, dotted paths, identity spoofing and prototype keys. */
export const OPERATOR_OBJECTS: readonly unknown[] = [
  { $ne: null },
  { $gt: '' },
  { $regex: '.*' },
  { $where: 'while(true){}' },
  { $exists: true },
  { $in: ITEM_IDS },
  { 'a.b': 1 },
  { _id: BOB },
  { openid: BOB },
  JSON.parse('{"__proto__": {"polluted": true, "action": "deleteAccount", "confirm": true}}') as unknown,
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') as unknown,
  JSON.parse('{"prototype": {"polluted": true}, "__proto__": null}') as unknown,
];

export const HOSTILE_STRINGS: readonly string[] = [
  ONE_MB_ASCII,
  ONE_MB_CJK,
  ONE_MB_WORDS,
  ...Object.values(UNICODE_CASES),
  '$where',
  '$ne',
  'a.b',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  BOB,
  ALICE,
  '../../../etc/passwd',
  `avatars/${BOB}/face.png`,
  'null',
  'undefined',
  'true',
  '0',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
];

/** Any hostile value: wrong types, edges, huge, deep, operators, Unicode traps. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: generatedUnicode },
  { weight: 2, arbitrary: fc.constantFrom(...EDGE_NUMBERS) },
  { weight: 1, arbitrary: fc.double({ noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(true, false, null, [], {}, [1, 2, 3], { a: 1 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(DEEP_ARRAY, DEEP_OBJECT, DEEP_OPERATOR, HUGE_ARRAY, HUGE_STRING_ARRAY),
  },
  { weight: 2, arbitrary: fc.constantFrom(...OPERATOR_OBJECTS) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
);

/** Keys added to a valid event: operators, dotted paths, prototype keys, identity spoofing. */
export const HOSTILE_KEYS: readonly string[] = [
  '$where',
  '$set',
  '$inc',
  'a.b',
  'nickname.$ne',
  '__proto__',
  'constructor',
  'prototype',
  'openid',
  '_openid',
  'OPENID',
  '_id',
  'userInfo',
  'unionid',
  'appid',
  'deletingAt',
  'phoneNumber',
];

const spoofValue: fc.Arbitrary<unknown> = fc.constantFrom(
  BOB,
  { openId: BOB, appId: 'wx1234567890abcdef' },
  { action: 'deleteAccount', confirm: true },
  true,
);

// ---------------------------------------------------------------------------------------
// Generated cases: a valid event, a valid event with one or two fields made hostile, or
// a random value as the whole event.

export type Template = Record<string, unknown>;
export type AccountState = 'active' | 'none' | 'deleting';

export class GeneratedCase {
  constructor(
    readonly kind: 'valid' | 'mutated' | 'random',
    /** The event before Late values are filled in. */
    readonly template: unknown,
    /** What was made hostile, for the report. */
    readonly changes: readonly string[],
    /** The caller's account before the call. */
    readonly state: AccountState,
  ) {}

  [fc.toStringMethod](): string {
    const changes = this.changes.length > 0 ? ` (${this.changes.join('; ')})` : '';
    return `${this.kind} event ${preview(this.template)}${changes}, account ${this.state}`;
  }
}

type Mutation = (event: Template) => string;

function setOwn(event: Template, key: string, value: unknown): void {
  Object.defineProperty(event, key, { value, enumerable: true, writable: true, configurable: true });
}

function mutation(
  fields: readonly string[],
  near: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<Mutation> {
  const fieldValue = (field: string) =>
    near[field]
      ? fc.oneof({ weight: 2, arbitrary: near[field] }, { weight: 3, arbitrary: hostileValue })
      : hostileValue;
  const replace = fc
    .constantFrom(...fields)
    .chain((field) => fieldValue(field).map((value) => ({ field, value })))
    .map(({ field, value }): Mutation => (event) => {
      setOwn(event, field, value);
      return `${field} = ${preview(value)}`;
    });
  const remove = fc.constantFrom(...fields).map((field): Mutation => (event) => {
    delete event[field];
    return `without ${field}`;
  });
  const extra = fc
    .tuple(fc.constantFrom(...HOSTILE_KEYS), fc.oneof(spoofValue, hostileValue))
    .map(([key, value]): Mutation => (event) => {
      setOwn(event, key, value);
      return `extra ${key} = ${preview(value)}`;
    });
  return fc.oneof(
    { weight: 6, arbitrary: replace },
    { weight: 1, arbitrary: remove },
    { weight: 2, arbitrary: extra },
  );
}

/** The whole event replaced by something random or hostile, or a random object of known and hostile keys. */
function randomEvent(
  fields: readonly string[],
  near: Record<string, fc.Arbitrary<unknown>>,
): fc.Arbitrary<unknown> {
  const nearValues = Object.values(near);
  const value = fc.oneof(hostileValue, fc.jsonValue({ maxDepth: 2 }), ...nearValues);
  const key = fc.oneof(fc.constantFrom(...fields, ...HOSTILE_KEYS), fc.string({ maxLength: 8 }));
  const object = fc.array(fc.tuple(key, value), { maxLength: 5 }).map((entries) => {
    const event: Template = {};
    for (const [name, item] of entries) setOwn(event, name, item);
    return event;
  });
  return fc.oneof(
    { weight: 3, arbitrary: object },
    { weight: 1, arbitrary: hostileValue },
    { weight: 1, arbitrary: fc.jsonValue() },
  );
}

export interface CaseOptions {
  /** Valid events of the entry point (templates). */
  valid: fc.Arbitrary<Template>;
  /** The fields the entry point reads (including `action`). */
  fields: readonly string[];
  /** Near-valid values per field (boundaries, look-alikes), mixed with the hostile ones. */
  near?: Record<string, fc.Arbitrary<unknown>>;
}

const accountState: fc.Arbitrary<AccountState> = fc.oneof(
  { weight: 18, arbitrary: fc.constant<AccountState>('active') },
  { weight: 1, arbitrary: fc.constant<AccountState>('none') },
  { weight: 1, arbitrary: fc.constant<AccountState>('deleting') },
);

/** Valid (3 in 10), mutated (5 in 10) and random (2 in 10) events for one entry point. */
export function cases({ valid, fields, near = {} }: CaseOptions): fc.Arbitrary<GeneratedCase> {
  const validCase = fc
    .tuple(valid, accountState)
    .map(([event, state]) => new GeneratedCase('valid', event, [], state));
  const mutatedCase = fc
    .tuple(valid, fc.array(mutation(fields, near), { minLength: 1, maxLength: 2 }), accountState)
    .map(([event, mutations, state]) => {
      const copy: Template = {};
      for (const [key, value] of Object.entries(event)) setOwn(copy, key, value);
      const changes = mutations.map((mutate) => mutate(copy));
      return new GeneratedCase('mutated', copy, changes, state);
    });
  const randomCase = fc
    .tuple(randomEvent(fields, near), accountState)
    .map(([event, state]) => new GeneratedCase('random', event, [], state));
  return fc.oneof(
    { weight: 3, arbitrary: validCase },
    { weight: 5, arbitrary: mutatedCase },
    { weight: 2, arbitrary: randomCase },
  );
}

// ---------------------------------------------------------------------------------------
// Valid events, per function.

/** Characters a valid nickname is built from: each is one character as a person counts it. */
export const NICKNAME_TOKENS: readonly string[] = [
  '\u5c0f',
  '\u660e',
  '\u738b',
  'a',
  'Z',
  '7',
  '_',
  '\u00e9',
  'e\u0301',
  '\ud55c',
  '\u{1F600}',
  '\u{1F44D}\u{1F3FD}',
  '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}',
];

export const validNickname: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...NICKNAME_TOKENS), { minLength: 1, maxLength: 20 })
  .chain((tokens) =>
    fc.constantFrom('', ' ', '  ').map((pad) => `${pad}${tokens.join('')}${pad.length > 1 ? pad : ''}`),
  );

/** Avatar files uploaded into alice's own folder before each run. */
export const AVATAR_POOL: readonly string[] = [0, 1, 2].map((index) => `avatars/${ALICE}/pool-${index}.png`);
export const aliceAvatar = (index: number) =>
  new Late(`alice avatar ${index}`, (context) => context.fileIdOf(AVATAR_POOL[index]));

/** Fresh getPhoneNumber codes of alice's numbers (bob's number is never among them). */
export const phoneCode: fc.Arbitrary<Late> = fc
  .integer({ min: 0, max: 99_999_999 })
  .map((tail) => `138${String(tail).padStart(8, '0')}`)
  .map((phone) => new Late(`fresh code for ${phone}`, (context) => context.issuePhoneCode(phone)));

/** login reads no field: an older client's wx.login code, or nothing. */
export const loginEvent: fc.Arbitrary<Template> = fc.record(
  { code: fc.stringMatching(/^[\w-]{1,128}$/) },
  { requiredKeys: [] },
);

export const pingEvent: fc.Arbitrary<Template> = fc.record(
  { echo: fc.string({ unit: 'grapheme', maxLength: 50 }) },
  { requiredKeys: [] },
);

export const favoritesEvent = (action: 'list' | 'add' | 'remove'): fc.Arbitrary<Template> =>
  action === 'list'
    ? fc.constant({ action })
    : fc.constantFrom(...ITEM_IDS).map((itemId) => ({ action, itemId }));

export const userEvent = {
  getProfile: fc.constant<Template>({ action: 'getProfile' }),
  updateProfile: fc
    .record(
      { nickname: validNickname, avatarFileId: fc.integer({ min: 0, max: 2 }).map(aliceAvatar) },
      { requiredKeys: [] },
    )
    .filter((event) => Object.keys(event).length > 0)
    .map((event): Template => ({ action: 'updateProfile', ...event })),
  bindPhone: phoneCode.map((code): Template => ({ action: 'bindPhone', code })),
  deleteAccount: fc.constant<Template>({ action: 'deleteAccount', confirm: true }),
};

const QUERY_CHARS = "ABCXYZabcxyz0189!#$&'()*+,/:;=?@._~-".split('');
export const validQuery: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.constantFrom(...QUERY_CHARS), maxLength: 60 }),
  fc.constantFrom('id=1&from=sms', '%E4%BD%A0=%E5%A5%BD', 'a'.repeat(1024)),
);

const DAY = 24 * 60 * 60;
/** An expireAt `seconds` from the moment the event is sent. */
export const fromNow = (seconds: number) =>
  new Late(`now + ${seconds} s`, (context) => context.nowSeconds() + seconds);

export const urlschemeEvent = (actions: readonly ('scheme' | 'link')[]): fc.Arbitrary<Template> =>
  fc
    .record(
      {
        action: fc.constantFrom(...actions),
        path: fc.constantFrom('', ...APP_PAGES),
        query: validQuery,
        envVersion: fc.constantFrom('release', 'trial', 'develop'),
        expiry: fc.oneof(
          fc.constant({}),
          fc.integer({ min: 1, max: 30 }).map((days) => ({ expireIntervalDays: days })),
          fc.integer({ min: 5 * 60, max: 30 * DAY }).map((seconds) => ({ expireAt: fromNow(seconds) })),
        ),
      },
      { requiredKeys: ['action', 'expiry'] },
    )
    .map(({ expiry, ...event }): Template => ({ ...event, ...expiry }));

/** Near-valid values of urlscheme fields: boundaries and look-alikes. */
export const urlschemeNear: Record<string, fc.Arbitrary<unknown>> = {
  action: fc.constantFrom('scheme', 'link', 'Scheme', 'scheme ', 'generate', '__proto__', 'constructor'),
  path: fc.constantFrom(
    `/${APP_PAGES[0]}`,
    `${APP_PAGES[0]}?id=1`,
    `${APP_PAGES[0]}/`,
    'pages/home/../mine/index',
    'pages/nowhere/index',
    `${APP_PAGES[0]}\u200D`,
  ),
  query: fc.constantFrom(
    'a'.repeat(1025),
    '%E4%BD',
    '%zz',
    'a b',
    '\u4f60\u597d=1',
    'a\u0000b',
    'x'.repeat(2049),
  ),
  envVersion: fc.constantFrom('Release', 'release ', 'prod', ''),
  expireIntervalDays: fc.constantFrom(0, 1, 30, 31, 1.5, -1, '7', 365),
  expireAt: fc.constantFrom(
    fromNow(0),
    fromNow(299),
    fromNow(300),
    fromNow(30 * DAY),
    fromNow(30 * DAY + 1),
    new Late('now in ms', (context) => context.nowSeconds() * 1000),
    new Late('now + 1 day, as a string', (context) => String(context.nowSeconds() + DAY)),
    new Late('now + 1 day + 0.5', (context) => context.nowSeconds() + DAY + 0.5),
  ),
};

/** Near-valid avatar file IDs: other users' files, escapes from the folder, other environments. */
export const avatarNear: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 0, max: 2 }).map(aliceAvatar),
  fc.constantFrom(
    new Late("bob's avatar", (context) => context.fileIdOf(`avatars/${BOB}/face.png`)),
    new Late('a missing file in alice folder', (context) => context.fileIdOf(`avatars/${ALICE}/missing.png`)),
    new Late('escape to bob', (context) => context.fileIdOf(`avatars/${ALICE}/../${BOB}/face.png`)),
    new Late('alice folder without slash', (context) => context.fileIdOf(`avatars/${ALICE}`)),
    new Late('alice prefix of another id', (context) => context.fileIdOf(`avatars/${ALICE}x/pool-0.png`)),
    new Late('dot segment', (context) => context.fileIdOf(`avatars/${ALICE}/./pool-0.png`)),
    `cloud://other-env.6f74-other-env-1300000000/avatars/${ALICE}/pool-0.png`,
    `avatars/${ALICE}/pool-0.png`,
    `https://example.com/avatars/${ALICE}/pool-0.png`,
  ),
);

/** Near-valid values of `action`: the function's other actions, look-alikes, prototype names. */
export const actionNear = (actions: readonly string[]): fc.Arbitrary<unknown> =>
  fc.constantFrom(
    ...actions,
    ...actions.map((action) => action.toUpperCase()),
    ...actions.map((action) => ` ${action}`),
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
  );

/** Nicknames every rule must refuse, and valid ones with blocked or review words. */
export const nicknameNear: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...Object.values(UNICODE_CASES)),
  generatedUnicode,
  fc.constantFrom(
    '\u8fdd\u7981\u8bcd',
    '\u6211\u662f\u50bb\u74dc\u86cb',
    '\u5f85\u5ba1\u8bcd\u5440',
    'a'.repeat(20),
    'a'.repeat(21),
  ),
  validNickname,
);

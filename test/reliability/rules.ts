/**
 * The documented input rules of each entry point, written independently of the functions:
 * for an event as the function receives it (after the JSON round trip), is it certainly
 * valid, certainly invalid (and with which codes may it be refused), or not decided here?
 */
import { APP_PAGES } from '../../cloudfunctions/.shared/app-pages';
import type { ErrorCode } from '../../miniprogram/contracts/errors';
import { ITEM_ID } from '../../cloudfunctions/favorites/records';
import { NICKNAME_TOKENS } from './arbitraries';

export type Verdict =
  | { kind: 'valid' }
  | { kind: 'invalid'; codes: readonly ErrorCode[]; why: string }
  | { kind: 'unknown'; why: string };

export interface RuleContext {
  /** Avatar file IDs that exist in alice's folder right now. */
  avatars: readonly string[];
  /** Phone codes issued for this call and not used yet. */
  phoneCodes: ReadonlySet<string>;
  nowSeconds: number;
}

/** Judges one field; `present` is false when the event has no own key of that name. */
export type FieldRule = (value: unknown, present: boolean, context: RuleContext) => Verdict;

export const VALID: Verdict = { kind: 'valid' };
const invalid = (why: string, codes: readonly ErrorCode[] = ['INVALID_ARGUMENT']): Verdict => ({
  kind: 'invalid',
  codes,
  why,
});
const unknown = (why: string): Verdict => ({ kind: 'unknown', why });

/** Code points, counting lone surrogates as one each (as the functions' rules do). */
export const codePoints = (text: string) => [...text].length;

/** A string field: absent/null allowed unless required; longer than `max` code points refused. */
function stringRule(
  name: string,
  max: number,
  required: boolean,
  check: (text: string, context: RuleContext) => Verdict = () => VALID,
): FieldRule {
  return (value, present, context) => {
    if (!present || value === null) return required ? invalid(`${name} missing`) : VALID;
    if (typeof value !== 'string') return invalid(`${name} is a ${kindOf(value)}`);
    if (value === '' && required) return invalid(`${name} empty`);
    if (value.length > max * 2 || codePoints(value) > max) return invalid(`${name} longer than ${max}`);
    return check(value, context);
  };
}

export function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

export const actionRule =
  (allowed: readonly string[], others: readonly string[]): FieldRule =>
  (value, present) => {
    if (typeof value === 'string' && allowed.includes(value)) return VALID;
    if (typeof value === 'string' && others.includes(value)) return unknown(`another action: ${value}`);
    return invalid(present ? `action ${JSON.stringify(value)?.slice(0, 40)}` : 'action missing');
  };

// --- login, ping ------------------------------------------------------------------------

/**
 * A field a function never reads: any value, or none, is fine (login's `code`, which older
 * clients sent: the identity comes from the platform, so the function ignores it).
 */
export const ignoredField: FieldRule = () => VALID;

export const pingEcho: FieldRule = stringRule('echo', 100, false);

// --- favorites -------------------------------------------------------------------------

export const itemId: FieldRule = stringRule('itemId', 64, true, (id) =>
  ITEM_ID.test(id) ? VALID : invalid('itemId is not an item id'),
);

// --- user ------------------------------------------------------------------------------

/** Controls, format characters other than an emoji joiner, noncharacters, lone surrogates, blank letters. */
const INVISIBLE =
  /\p{Cc}|\p{Cs}|\p{Co}|\u034F|[\u00AD\u061C\u180E\u200B\u200C\u200E\u200F\u2028-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\u3164\u2800\u115F\u1160\uFFA0\uFFFE\uFFFF]|[\u{E0000}-\u{E007F}]/u;
/** U+200D next to a letter, digit, mark or space, or at either end. */
const STRAY_JOINER = /[\p{L}\p{N}\p{M}\p{Z}]\u200D|\u200D[\p{L}\p{N}\p{M}\p{Z}]|^\u200D|\u200D$/u;
const STACKED_MARKS = /\p{M}{10,}/u;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SAFE_NICKNAME = new RegExp(`^ *(?:${NICKNAME_TOKENS.map(escape).join('|')}){1,20} *$`, 'u');
const BLOCKED = ['\u8fdd\u7981\u8bcd', '\u50bb\u74dc\u86cb'];
const REVIEW = ['\u5f85\u5ba1\u8bcd'];

export const nickname: FieldRule = (value, present) => {
  if (!present) return VALID;
  if (typeof value !== 'string') return invalid(`nickname is a ${kindOf(value)}`);
  // A blocked word hidden by invisible characters may also be refused by the content check.
  const visible = value.replace(/[\p{Cf}\p{Cc}\u3164\u2800]/gu, '');
  const codes: ErrorCode[] = ['INVALID_ARGUMENT'];
  if (BLOCKED.some((word) => visible.includes(word))) codes.push('NICKNAME_REJECTED');
  if (REVIEW.some((word) => visible.includes(word))) codes.push('NICKNAME_REVIEW');
  if (value.length > 200) return invalid('nickname longer than 200 UTF-16 units', codes);
  if (INVISIBLE.test(value)) return invalid('nickname has an invisible or control character', codes);
  if (STRAY_JOINER.test(value)) return invalid('nickname has U+200D outside an emoji sequence', codes);
  if (STACKED_MARKS.test(value)) return invalid('nickname stacks 10 or more combining marks', codes);
  if (value.normalize('NFC').trim() === '') return invalid('nickname is blank', codes);
  if (codePoints(value.trim()) > 20 * 10) return invalid('nickname has over 200 code points', codes);
  if (SAFE_NICKNAME.test(value)) return VALID;
  if (codes.length > 1) return invalid('nickname has a blocked or review word', codes.slice(1));
  return unknown('nickname not decided here');
};

export const avatarFileId: FieldRule = (value, present, context) => {
  if (!present) return VALID;
  if (typeof value !== 'string' || value === '') return invalid(`avatarFileId is ${kindOf(value)}`);
  if (value.length > 1024 || codePoints(value) > 512) return invalid('avatarFileId longer than 512');
  if (context.avatars.includes(value)) return VALID;
  return invalid('avatarFileId is not an existing file of alice', [
    'INVALID_ARGUMENT',
    'FORBIDDEN',
    'NOT_FOUND',
  ]);
};

export const phoneCode: FieldRule = stringRule('code', 256, true, (code, context) =>
  context.phoneCodes.has(code)
    ? VALID
    : invalid('code was never issued (or is used)', ['PHONE_CODE_INVALID', 'INVALID_ARGUMENT']),
);

export const confirm: FieldRule = (value) => (value === true ? VALID : invalid('confirm is not true'));

// --- urlscheme -------------------------------------------------------------------------

const QUERY = /^(?:[A-Za-z0-9!#$&'()*+,/:;=?@._~-]|%[0-9A-Fa-f]{2})*$/;
const ENV_VERSIONS = ['release', 'trial', 'develop'];
const DAY = 24 * 60 * 60;

export const pagePath: FieldRule = stringRule('path', 256, false, (path) =>
  path === '' || APP_PAGES.includes(path) ? VALID : invalid('path is not a page'),
);
export const query: FieldRule = stringRule('query', 1024, false, (text) =>
  QUERY.test(text) ? VALID : invalid('query has characters outside the allowed set'),
);
export const envVersion: FieldRule = (value, present) =>
  !present || value === null || ENV_VERSIONS.includes(value as string) ? VALID : invalid('envVersion');
export const expireIntervalDays: FieldRule = (value, present) =>
  !present || value === null || (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 30)
    ? VALID
    : invalid('expireIntervalDays is not 1..30');
export const expireAt: FieldRule = (value, present, { nowSeconds }) =>
  !present ||
  value === null ||
  (Number.isInteger(value) &&
    (value as number) >= nowSeconds + 300 &&
    (value as number) <= nowSeconds + 30 * DAY)
    ? VALID
    : invalid('expireAt is not 5 minutes .. 30 days ahead');

/** Both expiry fields given: refused. */
export function oneExpiry(event: Record<string, unknown>): Verdict {
  const given = (name: string) => Object.hasOwn(event, name) && event[name] !== null;
  return given('expireAt') && given('expireIntervalDays') ? invalid('both expiry fields') : VALID;
}

/** updateProfile needs something to change. */
export function somethingToChange(event: Record<string, unknown>): Verdict {
  return Object.hasOwn(event, 'nickname') || Object.hasOwn(event, 'avatarFileId')
    ? VALID
    : invalid('neither nickname nor avatarFileId');
}

/** The verdict on a whole event: not an object → invalid; else every field, then the whole-event rules. */
export function judge(
  received: unknown,
  fields: Readonly<Record<string, FieldRule>>,
  whole: readonly ((event: Record<string, unknown>) => Verdict)[],
  context: RuleContext,
): Verdict {
  if (received !== null && (typeof received !== 'object' || Array.isArray(received))) {
    return invalid(`the event is a ${kindOf(received)}`);
  }
  const event = (received ?? {}) as Record<string, unknown>;
  const verdictOf = (name: string) => fields[name](event[name], Object.hasOwn(event, name), context);
  // The action is chosen first: a wrong or other action decides the answer alone.
  if (fields.action) {
    const action = verdictOf('action');
    if (action.kind !== 'valid') return action;
  }
  const verdicts = [...Object.keys(fields).map(verdictOf), ...whole.map((rule) => rule(event))];
  const refusals = verdicts.filter((verdict) => verdict.kind === 'invalid');
  if (refusals.length > 0) {
    return {
      kind: 'invalid',
      codes: [...new Set(refusals.flatMap((verdict) => verdict.codes))],
      why: refusals.map((verdict) => verdict.why).join('; '),
    };
  }
  const undecided = verdicts.find((verdict) => verdict.kind === 'unknown');
  return undecided ?? VALID;
}

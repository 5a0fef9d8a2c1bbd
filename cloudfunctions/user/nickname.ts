import { invalidArgument } from '../.shared/errors';

export const NICKNAME_MAX = 20;

/** Characters a nickname may not contain: controls, line/paragraph separators, bidi overrides, invisible spaces. */
const FORBIDDEN = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069\u200B\u200C\u200E\u200F\uFEFF]/u;

const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** Length as a person counts it: one emoji (even a ZWJ family) is one character. */
export function characterCount(text: string): number {
  return [...graphemes.segment(text)].length;
}

/** Trims and checks a nickname: 1-20 characters (not bytes), emoji allowed, no control characters. */
export function normaliseNickname(raw: unknown): string {
  if (typeof raw !== 'string') throw invalidArgument('昵称必须是文字');
  const nickname = raw.trim();
  if (nickname === '') throw invalidArgument('昵称不能为空');
  if (FORBIDDEN.test(nickname)) throw invalidArgument('昵称不能包含换行、控制字符或不可见字符');
  if (characterCount(nickname) > NICKNAME_MAX) throw invalidArgument(`昵称不能超过 ${NICKNAME_MAX} 个字`);
  return nickname;
}

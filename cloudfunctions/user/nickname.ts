import { invalidArgument } from '../.shared/errors';

export const NICKNAME_MAX = 20;
/**
 * Longest input looked at, in UTF-16 code units. 20 characters need far fewer (even 20
 * emoji families); anything longer is refused before any per-character work, so the cost
 * of a hostile nickname does not grow with its length.
 */
export const NICKNAME_MAX_UNITS = 200;
/** Code points one character may be made of: a family emoji needs 7, a kiss with skin tones 10. */
export const MAX_CODE_POINTS_PER_CHARACTER = 10;

/**
 * Characters a nickname may not contain anywhere: controls, unassigned code points and
 * noncharacters, private use, lone surrogates, line and paragraph separators, spaces other
 * than U+0020 and U+3000, blank-looking characters (Hangul fillers, the blank Braille
 * pattern, U+303F), and every format or default-ignorable character (zero-width and bidi
 * marks, soft hyphen, word joiner, tags, Mongolian and other variation selectors...)
 * except U+200D and the emoji variation selectors, which are checked where they stand.
 */
const FORBIDDEN =
  /[\p{Cc}\p{Cn}\p{Co}\p{Cs}\p{Zl}\p{Zp}\u00A0\u1680\u2000-\u200A\u202F\u205F\u115F\u1160\u3164\uFFA0\u2800\u303F]|(?!\u200D|\uFE0E|\uFE0F)[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
/** U+200D only inside an emoji sequence: between two pictographs (after an optional VS16 / skin tone). */
const STRAY_JOINER =
  /(?<!\p{Extended_Pictographic}(?:\uFE0F|[\u{1F3FB}-\u{1F3FF}])?)\u200D|\u200D(?!\p{Extended_Pictographic})/u;
/** A variation selector only right after the character it selects (❤️, 1️⃣). */
const STRAY_SELECTOR = /(?<![\p{L}\p{N}\p{S}\p{P}])[\uFE0E\uFE0F]/u;
/** Something a person can see: a letter, digit, symbol or punctuation mark. */
const VISIBLE = /[\p{L}\p{N}\p{S}\p{P}]/u;
/** A combining mark with nothing to combine with. */
const LEADING_MARK = /^\p{M}/u;

const graphemes = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/**
 * Length as a person counts it (one emoji, even a ZWJ family, is one character), counting
 * no further than `limit`. Also reports the largest number of code points in one character.
 * Only call it on bounded input: Node's segmenter costs memory per segment times length.
 */
export function measureCharacters(text: string, limit = Infinity): { count: number; widest: number } {
  let count = 0;
  let widest = 0;
  for (const { segment } of graphemes.segment(text)) {
    count += 1;
    widest = Math.max(widest, [...segment].length);
    if (count >= limit) break;
  }
  return { count, widest };
}

const tooLong = () => invalidArgument(`昵称不能超过 ${NICKNAME_MAX} 个字`);

/**
 * Checks and normalises a nickname: 1-20 visible characters (not bytes; emoji allowed),
 * NFC, trimmed; no control, invisible or blank-looking characters; no character stretched
 * by piles of combining marks. The error message says which rule failed.
 */
export function normaliseNickname(raw: unknown): string {
  if (typeof raw !== 'string') throw invalidArgument('昵称必须是文字');
  if (raw.length > NICKNAME_MAX_UNITS) throw tooLong();
  if (FORBIDDEN.test(raw) || STRAY_JOINER.test(raw) || STRAY_SELECTOR.test(raw)) {
    throw invalidArgument('昵称不能包含换行、控制字符或不可见字符');
  }
  const nickname = raw.normalize('NFC').trim();
  if (nickname === '') throw invalidArgument('昵称不能为空');
  if (!VISIBLE.test(nickname) || LEADING_MARK.test(nickname)) {
    throw invalidArgument('昵称需要包含看得见的文字或符号');
  }
  const { count, widest } = measureCharacters(nickname, NICKNAME_MAX + 1);
  if (count > NICKNAME_MAX) throw tooLong();
  if (widest > MAX_CODE_POINTS_PER_CHARACTER) throw invalidArgument('昵称中有字符叠加了过多的符号，请换一个');
  return nickname;
}

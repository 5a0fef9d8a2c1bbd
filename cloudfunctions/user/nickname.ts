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
 * Characters a nickname may not contain anywhere: controls, format characters (zero-width
 * and bidi marks, soft hyphen, word joiner, tags, U+180E...) except U+200D, which is
 * checked by EMOJI_JOINER; private use; noncharacters; lone surrogates; line and paragraph
 * separators; spaces other than U+0020 and U+3000; blank-looking letters (Hangul fillers,
 * the blank Braille pattern) and the combining grapheme joiner.
 */
const FORBIDDEN =
  /[\p{Cc}\p{Co}\p{Cs}\p{Zl}\p{Zp}\u00A0\u1680\u2000-\u200A\u202F\u205F\u115F\u1160\u3164\uFFA0\u2800\uFDD0-\uFDEF\uFFFE\uFFFF\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{3FFFE}\u{3FFFF}\u{E0000}-\u{E007F}]|\u034F|(?!\u200D)\p{Cf}/u;
/** U+200D only inside an emoji sequence: between two pictographs (after an optional VS16 / skin tone). */
const STRAY_JOINER =
  /(?<!\p{Extended_Pictographic}(?:\uFE0F|[\u{1F3FB}-\u{1F3FF}])?)\u200D|\u200D(?!\p{Extended_Pictographic})/u;

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
  if (FORBIDDEN.test(raw) || STRAY_JOINER.test(raw)) {
    throw invalidArgument('昵称不能包含换行、控制字符或不可见字符');
  }
  const nickname = raw.normalize('NFC').trim();
  if (nickname === '') throw invalidArgument('昵称不能为空');
  const { count, widest } = measureCharacters(nickname, NICKNAME_MAX + 1);
  if (count > NICKNAME_MAX) throw tooLong();
  if (widest > MAX_CODE_POINTS_PER_CHARACTER) throw invalidArgument('昵称中有字符叠加了过多的符号，请换一个');
  return nickname;
}

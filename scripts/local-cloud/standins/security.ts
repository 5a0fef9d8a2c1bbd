import { randomBytes } from 'node:crypto';
import { OpenApiError, type OpenApiStandIns } from '../openapi';

/**
 * `security.msgSecCheck` version 2 (内容安全 2.0), as documented: params
 * `{ version: 2, openid, scene: 1 资料 | 2 评论 | 3 论坛 | 4 社交日志, content (<= 2500 chars),
 * nickname?, title?, signature? }`; answer `{ result: { suggest: 'pass' | 'review' | 'risky',
 * label }, detail, traceId }` (label 100 = normal, 20001 时政, 20002 色情, 20003 辱骂, ...).
 * Locally, content containing a blocked word is `risky` (label 20003) and content
 * containing a review word is `review` (label 21000); everything else passes.
 */
export interface SecurityControls {
  /** Words that make content `risky`. */
  blockedWords: string[];
  /** Words that make content `review` (WeChat is unsure; a human should look). */
  reviewWords: string[];
  /** Makes the next call fail with this WeChat errcode (e.g. 45009 quota, -1 system busy). */
  failNext(errcode: number, errmsg?: string): void;
  /** Every content checked, in order. */
  readonly checked: { openid: string; scene: number; content: string; suggest: string }[];
}

export const DEFAULT_BLOCKED_WORDS = ['违禁词', '傻瓜蛋'];
export const DEFAULT_REVIEW_WORDS = ['待审词'];
const MAX_CONTENT = 2500;
const OPENID = /^[\w-]{6,64}$/;

/**
 * What a content filter compares: compatibility forms folded (full-width, ligatures),
 * invisible format characters (zero-width joiners, word joiners, soft hyphens...) and
 * spaces removed, case ignored — so a blocked word split by U+200D still matches.
 */
export function fold(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\p{Cf}\p{Z}\s]/gu, '')
    .toLowerCase();
}

export function registerSecurity(openapi: OpenApiStandIns): SecurityControls {
  const failures: { errcode: number; errmsg: string }[] = [];
  const controls: SecurityControls = {
    blockedWords: [...DEFAULT_BLOCKED_WORDS],
    reviewWords: [...DEFAULT_REVIEW_WORDS],
    failNext(errcode, errmsg = 'system error') {
      failures.push({ errcode, errmsg });
    },
    checked: [],
  };

  openapi.register('security.msgSecCheck', (raw) => {
    const failure = failures.shift();
    if (failure) throw new OpenApiError(failure.errcode, failure.errmsg);
    const params = (raw ?? {}) as Record<string, unknown>;
    if (Number(params.version) !== 2) {
      throw new OpenApiError(47001, 'data format error: this stand-in implements version 2 only');
    }
    if (typeof params.openid !== 'string' || !OPENID.test(params.openid)) {
      throw new OpenApiError(40003, 'invalid openid');
    }
    const scene = Number(params.scene);
    if (![1, 2, 3, 4].includes(scene)) throw new OpenApiError(47001, 'data format error: scene must be 1..4');
    if (typeof params.content !== 'string' || params.content === '') {
      throw new OpenApiError(47001, 'data format error: content is required');
    }
    if ([...params.content].length > MAX_CONTENT) {
      throw new OpenApiError(47001, `data format error: content longer than ${MAX_CONTENT}`);
    }
    const text = fold(
      [params.content, params.nickname, params.title, params.signature]
        .filter((part): part is string => typeof part === 'string')
        .join('\n'),
    );
    const hit = (words: string[]) => words.find((word) => fold(word) !== '' && text.includes(fold(word)));
    const blocked = hit(controls.blockedWords);
    const review = blocked ? undefined : hit(controls.reviewWords);
    const suggest = blocked ? 'risky' : review ? 'review' : 'pass';
    const label = blocked ? 20003 : review ? 21000 : 100;
    controls.checked.push({ openid: params.openid, scene, content: params.content, suggest });
    return {
      result: { suggest, label },
      detail: [
        {
          strategy: 'content_model',
          errcode: 0,
          suggest,
          label,
          ...(blocked || review ? { keyword: blocked ?? review, prob: 90 } : { prob: 0 }),
        },
      ],
      traceId: randomBytes(12).toString('hex'),
    };
  });
  return controls;
}

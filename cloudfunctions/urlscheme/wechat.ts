import { AppError } from '../.shared/errors';
import { toWeChatAppError, type WeChatErrorMapping } from '../.shared/wechat';

/** WeChat errcodes of urlscheme.generate / urllink.generate, as stable codes (their messages: contracts/errors.ts). */
export const WECHAT_ERRORS: Readonly<Record<number, WeChatErrorMapping>> = {
  40002: { code: 'LINK_NOT_PERMITTED' },
  40165: { code: 'PAGE_NOT_PUBLISHED' },
  40212: { code: 'QUERY_REJECTED' },
  44990: { code: 'RATE_LIMITED', message: '生成链接太频繁（微信限制每秒 100 次），请稍后重试' },
  44993: { code: 'DAILY_QUOTA_EXCEEDED' },
  // The older documentation's code for the same daily quota.
  45009: { code: 'DAILY_QUOTA_EXCEEDED' },
  85079: { code: 'APP_NOT_PUBLISHED' },
  85401: { code: 'EXPIRY_REJECTED' },
  85402: { code: 'ENV_VERSION_REJECTED' },
};

/** Asks WeChat; its errcodes become the stable codes above. */
export async function askWeChat(request: () => Promise<unknown>): Promise<unknown> {
  try {
    return await request();
  } catch (error) {
    throw toWeChatAppError(error, WECHAT_ERRORS);
  }
}

/** A non-empty string field of WeChat's answer. */
export function text(answer: unknown, field: string): string {
  const value = (answer as Record<string, unknown> | null)?.[field];
  if (typeof value !== 'string' || value === '')
    throw new AppError('WECHAT_API_ERROR', '微信没有返回链接，请稍后重试');
  return value;
}

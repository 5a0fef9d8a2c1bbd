import { AppError } from '../.shared/errors';
import type { Context } from '../.shared/handler';
import { toWeChatAppError, wechatErrCode, type WeChatErrorMapping } from '../.shared/wechat';

export type Suggest = 'pass' | 'review' | 'risky';

/**
 * security.msgSecCheck v2, scene 1 (资料), for text the caller wants to publish on their
 * profile. `risky` is refused. `review` means WeChat is unsure and suggests a human
 * look; a nickname is shown to others at once, so it is refused too, with a softer message.
 */
export async function checkProfileText(
  cloud: Context['cloud'],
  openid: string,
  content: string,
): Promise<void> {
  let suggest: unknown;
  try {
    const answer = (await cloud.openapi.security.msgSecCheck({ openid, scene: 1, version: 2, content })) as {
      result?: { suggest?: unknown };
    } | null;
    suggest = answer?.result?.suggest;
  } catch (error) {
    throw new AppError('CONTENT_CHECK_UNAVAILABLE', undefined, wechatErrCode(error));
  }
  if (suggest === 'risky') throw new AppError('NICKNAME_REJECTED');
  // 'review', or an answer without a verdict: not shown to others without one.
  if (suggest !== 'pass') throw new AppError('NICKNAME_REVIEW');
}

export interface PhoneInfo {
  purePhoneNumber: string;
  countryCode: string;
}

const PHONE_ERRORS: Readonly<Record<number, WeChatErrorMapping>> = {
  40029: { code: 'PHONE_CODE_INVALID' },
  45011: { code: 'RATE_LIMITED' },
};

const PHONE = /^\d{5,20}$/;
const COUNTRY_CODE = /^\d{1,4}$/;

/**
 * phonenumber.getPhoneNumber: the code from the button, single use, 5 minutes. An answer
 * without a plausible number (no phoneInfo, empty or non-digit fields) binds nothing.
 */
export async function exchangePhoneCode(cloud: Context['cloud'], code: string): Promise<PhoneInfo> {
  let answer: unknown;
  try {
    answer = await cloud.openapi.phonenumber.getPhoneNumber({ code });
  } catch (error) {
    throw toWeChatAppError(error, PHONE_ERRORS);
  }
  const info = (answer as { phoneInfo?: Record<string, unknown> } | null)?.phoneInfo;
  const purePhoneNumber = info?.purePhoneNumber;
  const countryCode = String(info?.countryCode ?? '');
  if (
    typeof purePhoneNumber !== 'string' ||
    !PHONE.test(purePhoneNumber) ||
    !COUNTRY_CODE.test(countryCode)
  ) {
    throw new AppError('PHONE_UNAVAILABLE');
  }
  return { purePhoneNumber, countryCode };
}

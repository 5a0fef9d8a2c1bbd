import { AppError } from '../.shared/errors';
import type { Context } from '../.shared/handler';

/** What wx-server-sdk rejects with when a WeChat server API answers an errcode. */
function wechatErrCode(error: unknown): number | undefined {
  const code = (error as { errCode?: unknown } | null)?.errCode;
  return typeof code === 'number' ? code : undefined;
}

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
  let suggest: Suggest;
  try {
    const answer = (await cloud.openapi.security.msgSecCheck({ openid, scene: 1, version: 2, content })) as {
      result?: { suggest?: Suggest };
    };
    suggest = answer.result?.suggest ?? 'review';
  } catch (error) {
    throw new AppError('CONTENT_CHECK_UNAVAILABLE', '昵称检测暂时不可用，请稍后重试', wechatErrCode(error));
  }
  if (suggest === 'risky') throw new AppError('NICKNAME_REJECTED', '昵称包含不合适的内容，请换一个');
  if (suggest === 'review') throw new AppError('NICKNAME_REVIEW', '这个昵称暂时无法使用，请换一个试试');
}

export interface PhoneInfo {
  purePhoneNumber: string;
  countryCode: string;
}

/** phonenumber.getPhoneNumber: the code from the button, single use, 5 minutes. */
export async function exchangePhoneCode(cloud: Context['cloud'], code: string): Promise<PhoneInfo> {
  try {
    const answer = (await cloud.openapi.phonenumber.getPhoneNumber({ code })) as { phoneInfo: PhoneInfo };
    return answer.phoneInfo;
  } catch (error) {
    const errCode = wechatErrCode(error);
    if (errCode === 40029) throw new AppError('PHONE_CODE_INVALID', '手机号授权已失效，请重新获取', errCode);
    if (errCode === 45011) throw new AppError('RATE_LIMITED', '操作太频繁，请稍后再试', errCode);
    throw new AppError('PHONE_UNAVAILABLE', '暂时无法获取手机号，请稍后重试', errCode);
  }
}

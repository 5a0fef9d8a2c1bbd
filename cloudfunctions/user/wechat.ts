import { AppError } from '../.shared/errors';
import type { Context } from '../.shared/handler';
import { toWeChatAppError, wechatErrCode } from '../.shared/wechat';

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

const PHONE_ERRORS = {
  40029: { code: 'PHONE_CODE_INVALID', message: '手机号授权已失效，请重新获取' },
  45011: { code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试' },
};

/** phonenumber.getPhoneNumber: the code from the button, single use, 5 minutes. */
export async function exchangePhoneCode(cloud: Context['cloud'], code: string): Promise<PhoneInfo> {
  try {
    const answer = (await cloud.openapi.phonenumber.getPhoneNumber({ code })) as { phoneInfo: PhoneInfo };
    return answer.phoneInfo;
  } catch (error) {
    throw toWeChatAppError(error, PHONE_ERRORS);
  }
}

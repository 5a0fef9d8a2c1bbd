import { compareVersion } from '../../../utils/version';

/**
 * What a client supports on the profile page, by base library (README "平台规则": avatar, nickname, phone number).
 * The app's minimum is MIN_SDK_VERSION (2.16.1), so there is no tier below it:
 * - >= 2.21.2: the fill components (chooseAvatar button + nickname input), and the phone
 *   button answers with a `code` for phonenumber.getPhoneNumber;
 * - 2.16.1 <= version < 2.21.2: a default avatar, a plain text nickname input, and no phone
 *   binding (the button gives no `code` there: the page says an update is needed);
 * - 2.16.1 <= version < 2.27.1 on PC/macOS (those clients still get real data from it):
 *   additionally "使用微信头像昵称" through wx.getUserProfile, on a tap.
 * From 2.27.1 on, getUserProfile only returns a grey avatar and "微信用户": never call it.
 */
export interface ProfileCapabilities {
  fillComponents: boolean;
  getUserProfile: boolean;
  /** `<button open-type="getPhoneNumber">` answers with `e.detail.code`. */
  phoneNumberCode: boolean;
}

export const FILL_COMPONENTS_SINCE = '2.21.2';
export const PHONE_NUMBER_CODE_SINCE = '2.21.2';
export const GET_USER_PROFILE_UNTIL = '2.27.1';

const DESKTOP_PLATFORMS = ['windows', 'mac'];

export function profileCapabilities(
  version: string,
  platform: string,
  canIUse: (schema: string) => boolean,
  hasGetUserProfile: boolean,
): ProfileCapabilities {
  return {
    fillComponents:
      compareVersion(version, FILL_COMPONENTS_SINCE) >= 0 && canIUse('button.open-type.chooseAvatar'),
    getUserProfile:
      hasGetUserProfile &&
      DESKTOP_PLATFORMS.includes(platform) &&
      compareVersion(version, GET_USER_PROFILE_UNTIL) < 0,
    phoneNumberCode: compareVersion(version, PHONE_NUMBER_CODE_SINCE) >= 0,
  };
}

/** What getUserProfile answers when WeChat withholds the profile: "微信用户" and a grey avatar. */
export function isAnonymousProfile(userInfo: { nickName: string; avatarUrl: string }): boolean {
  return !userInfo.nickName || userInfo.nickName === '微信用户' || !userInfo.avatarUrl;
}

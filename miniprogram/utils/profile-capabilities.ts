import { compareVersion } from './version';

/**
 * Which way of filling the profile a client supports (PLATFORM_RULES §2):
 * - base library >= 2.21.2: the fill components, chooseAvatar button + nickname input;
 * - 2.10.4 <= version < 2.27.1 on PC/macOS (those clients still get real data from it):
 *   additionally "使用微信头像昵称" through wx.getUserProfile, on a tap;
 * - below 2.21.2: a default avatar and a plain text nickname input.
 * From 2.27.1 on, getUserProfile only returns a grey avatar and "微信用户": never call it.
 */
export interface ProfileCapabilities {
  fillComponents: boolean;
  getUserProfile: boolean;
}

export const FILL_COMPONENTS_SINCE = '2.21.2';
export const GET_USER_PROFILE_SINCE = '2.10.4';
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
      compareVersion(version, GET_USER_PROFILE_SINCE) >= 0 &&
      compareVersion(version, GET_USER_PROFILE_UNTIL) < 0,
  };
}

/** What getUserProfile answers when WeChat withholds the profile: "微信用户" and a grey avatar. */
export function isAnonymousProfile(userInfo: { nickName: string; avatarUrl: string }): boolean {
  return !userInfo.nickName || userInfo.nickName === '微信用户' || !userInfo.avatarUrl;
}

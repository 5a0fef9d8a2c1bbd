/**
 * The two ids that name a deployed app, checked before anything is written or sent:
 * the mini-program AppID and the Cloud Development (CloudBase) environment id.
 * Each check returns null when the id is fine, otherwise the problem in Chinese.
 */

/** A mini-program AppID: `wx` and 16 hex digits (小程序管理后台 → 开发 → 开发管理 → 开发设置). */
export const APPID_PATTERN = /^wx[0-9a-f]{16}$/;

/** DevTools' placeholder appid: it compiles, but has no cloud, upload or preview. */
export const TOURIST_APPID = 'touristappid';

export function appidProblem(appid: string): string | null {
  if (appid === TOURIST_APPID)
    return 'touristappid 是开发者工具的游客 AppID，不能使用云开发、预览或上传：请换成你自己的小程序 AppID（小程序管理后台 → 开发 → 开发管理 → 开发设置）';
  if (!APPID_PATTERN.test(appid))
    return `AppID “${appid}” 格式不对：应为 wx 加 16 位十六进制数字，例如 wx0123456789abcdef（小程序管理后台 → 开发 → 开发管理 → 开发设置）`;
  return null;
}

/**
 * A CloudBase environment id: the name given when the environment was created (starts
 * with a letter; lowercase letters, digits and `-`) and the random suffix CloudBase adds
 * after a `-`, e.g. `prod-8g3k2j1a5b7c9d0e` or `test-1a2b`. 4–40 characters.
 */
export const ENV_ID_PATTERN = /^(?=.{4,40}$)[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/;

export function envIdProblem(envId: string): string | null {
  if (!ENV_ID_PATTERN.test(envId))
    return `云开发环境 ID “${envId}” 格式不对：应像 prod-8g3k2j1a5b7c9d0e（小写字母开头，小写字母、数字和 “-”，4–40 个字符；云开发控制台 → 设置 → 环境设置 → 环境 ID）`;
  return null;
}

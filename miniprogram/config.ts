/**
 * App configuration. Fill `cloudEnvs` with your Cloud Development environment ids
 * (云开发控制台 → 设置 → 环境 ID), or let `npm run init -- --env <id>` write them,
 * before previewing on a phone.
 */

/** Which build is running: DevTools / preview (develop), 体验版 (trial), 正式版 (release). */
export type EnvVersion = 'develop' | 'trial' | 'release';

/**
 * Cloud Development environment id per build; they may differ (e.g. a test environment
 * for develop and trial). Empty: the develop build talks to the local runtime.
 */
export const cloudEnvs: Record<EnvVersion, string> = {
  develop: '',
  trial: '',
  release: '',
};

function runningEnvVersion(): EnvVersion {
  if (typeof wx !== 'object' || typeof wx.getAccountInfoSync !== 'function') return 'develop';
  // Very old clients leave envVersion out: treat them as a development build.
  return wx.getAccountInfoSync().miniProgram.envVersion ?? 'develop';
}

export const appConfig = {
  /** Cloud Development environment id of this build (from `cloudEnvs`). */
  cloudEnv: cloudEnvs[runningEnvVersion()],
  /** The local cloud runtime started by `npm start` (develop builds in DevTools only). */
  localCloudUrl: 'http://127.0.0.1:3900',
};

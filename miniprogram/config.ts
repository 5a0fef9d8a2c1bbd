/**
 * App configuration. Replace `cloudEnv` with your Cloud Development environment id
 * (云开发控制台 → 设置 → 环境 ID) before previewing on a phone.
 */
export const appConfig = {
  /** Cloud Development environment id. Empty: the develop build talks to the local runtime. */
  cloudEnv: '',
  /** The local cloud runtime started by `npm start` (develop builds in DevTools only). */
  localCloudUrl: 'http://127.0.0.1:3900',
};

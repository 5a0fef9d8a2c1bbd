/**
 * The oldest base library this app supports (README「基础库最低版本」; set the same value in
 * the admin console: 设置 → 基本设置 → 基础库最低版本设置).
 * - Every page is a mobx-miniprogram-bindings 3.x `ComponentWithStore`: needs >= 2.11.0, as do
 *   the darkmode / theme.json variables.
 * - WeChat polyfills `Object.fromEntries`, `Promise.prototype.finally`, `String.prototype.padStart`
 *   (and the other ES2019/2020 built-ins listed in eslint.config.js) only from 2.16.1
 *   (miniprogram-compat's polyfill data); the compile leaves them as written.
 * Below it the app says so at launch (ui/client-update.ts) and stays in guest mode.
 */
export const MIN_SDK_VERSION = '2.16.1';

/** Compares base library versions like '2.21.2': negative, 0 or positive. */
export function compareVersion(a: string, b: string): number {
  const left = a.split('.').map((part) => parseInt(part, 10) || 0);
  const right = b.split('.').map((part) => parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** The base library version of the running client. */
export function sdkVersion(): string {
  if (typeof wx.getAppBaseInfo === 'function') return wx.getAppBaseInfo().SDKVersion;
  return wx.getSystemInfoSync().SDKVersion;
}

/** 'ios' | 'android' | 'windows' | 'mac' | 'devtools' | ... */
export function clientPlatform(): string {
  if (typeof wx.getDeviceInfo === 'function') return wx.getDeviceInfo().platform;
  return wx.getSystemInfoSync().platform;
}

/**
 * Whether the running base library is at least MIN_SDK_VERSION. An unreadable version
 * counts as supported: the check must never be the thing that breaks the app.
 */
export function isSdkSupported(version?: string): boolean {
  let current = version;
  if (current === undefined) {
    try {
      current = sdkVersion();
    } catch {
      return true;
    }
  }
  if (!current) return true;
  return compareVersion(current, MIN_SDK_VERSION) >= 0;
}

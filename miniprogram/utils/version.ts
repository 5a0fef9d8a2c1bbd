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

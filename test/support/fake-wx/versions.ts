/**
 * Base library versions: which APIs and component features exist on a given client.
 * Minimum versions are the ones WeChat's documentation states for each entry.
 */

/** Compares `1.11.0` and `1.9.9` numerically (WeChat's documented algorithm). */
export function compareVersion(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  const length = Math.max(left.length, right.length);
  for (let i = 0; i < length; i += 1) {
    const x = parseInt(left[i] ?? '0', 10) || 0;
    const y = parseInt(right[i] ?? '0', 10) || 0;
    if (x > y) return 1;
    if (x < y) return -1;
  }
  return 0;
}

export const PRIVACY_MIN_VERSION = '2.32.3';

/**
 * `canIUse` schema -> first base library version that has it. Entries without a dot are
 * wx APIs: below their version they are absent from `wx` (undefined), as on old clients.
 */
export const MIN_VERSIONS: Readonly<Record<string, string>> = {
  // Privacy authorization (2023).
  getPrivacySetting: PRIVACY_MIN_VERSION,
  onNeedPrivacyAuthorization: PRIVACY_MIN_VERSION,
  requirePrivacyAuthorize: PRIVACY_MIN_VERSION,
  openPrivacyContract: PRIVACY_MIN_VERSION,
  'button.open-type.agreePrivacyAuthorization': PRIVACY_MIN_VERSION,
  // Avatar / nickname fill ("头像昵称填写能力").
  'button.open-type.chooseAvatar': '2.21.2',
  'input.type.nickname': '2.21.2',
  // User info and phone number.
  getUserProfile: '2.10.4',
  'button.open-type.getUserInfo': '1.3.0',
  'button.open-type.getPhoneNumber': '1.2.0',
  'button.open-type.openSetting': '2.0.7',
  'button.open-type.contact': '1.1.0',
  'button.open-type.share': '1.2.0',
  // System information split out of getSystemInfo.
  getAppBaseInfo: '2.20.1',
  getWindowInfo: '2.20.1',
  getDeviceInfo: '2.20.1',
  getSystemSetting: '2.20.1',
  getAppAuthorizeSetting: '2.20.1',
  // Others this app may touch.
  getAccountInfoSync: '2.2.2',
  cloud: '2.2.3',
  nextTick: '2.2.3',
  chooseMedia: '2.10.0',
  getUpdateManager: '1.9.90',
  updateWeChatApp: '2.12.0',
  requestSubscribeMessage: '2.4.4',
  getFuzzyLocation: '2.25.0',
  batchGetStorageSync: '2.25.0',
  batchSetStorageSync: '2.25.0',
  batchGetStorage: '2.25.0',
  batchSetStorage: '2.25.0',
  'showModal.object.editable': '2.17.1',
  'page-container': '2.16.0',
  'root-portal': '2.25.2',
};

/** Built-in component tags (miniprogram-simulate's list): `canIUse('<tag>...')` knows them. */
export const COMPONENT_TAGS: ReadonlySet<string> = new Set([
  'cover-image',
  'cover-view',
  'grid-view',
  'list-view',
  'match-media',
  'movable-area',
  'movable-view',
  'page-container',
  'root-portal',
  'scroll-view',
  'share-element',
  'sticky-header',
  'sticky-section',
  'swiper',
  'swiper-item',
  'view',
  'icon',
  'progress',
  'rich-text',
  'text',
  'button',
  'checkbox',
  'checkbox-group',
  'editor',
  'form',
  'input',
  'keyboard-accessory',
  'label',
  'picker',
  'picker-view',
  'picker-view-column',
  'radio',
  'radio-group',
  'slider',
  'switch',
  'textarea',
  'functional-page-navigator',
  'navigator',
  'audio',
  'camera',
  'channel-live',
  'channel-video',
  'image',
  'live-player',
  'live-pusher',
  'video',
  'voip-room',
  'map',
  'canvas',
  'web-view',
  'ad',
  'ad-custom',
  'official-account',
  'open-data',
  'navigation-bar',
  'page-meta',
]);

/** wx API names absent on a client running `sdkVersion`. */
export function missingApis(sdkVersion: string): Set<string> {
  const missing = new Set<string>();
  for (const [schema, min] of Object.entries(MIN_VERSIONS)) {
    if (!schema.includes('.') && !COMPONENT_TAGS.has(schema) && compareVersion(sdkVersion, min) < 0) {
      missing.add(schema);
    }
  }
  return missing;
}

/**
 * `wx.canIUse(schema)`. Decision for schemas outside MIN_VERSIONS: the answer follows what
 * exists (an API present on this `wx`, or a built-in component tag) and is `false` for
 * names the client does not know, as WeChat answers for unknown or misspelt schemas.
 * The longest table entry that prefixes the schema decides (`getPrivacySetting.success.x`
 * follows `getPrivacySetting`).
 */
export function canIUse(schema: unknown, sdkVersion: string, apiExists: (name: string) => boolean): boolean {
  if (typeof schema !== 'string' || schema === '') return false;
  const parts = schema.split('.');
  for (let n = parts.length; n > 0; n -= 1) {
    const min = MIN_VERSIONS[parts.slice(0, n).join('.')];
    if (min !== undefined) return compareVersion(sdkVersion, min) >= 0;
  }
  const head = parts[0];
  return COMPONENT_TAGS.has(head) || apiExists(head);
}

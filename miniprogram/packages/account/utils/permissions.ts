/** Names users understand for the scopes WeChat reports in getSetting().authSetting. */
export const SCOPE_LABELS: Record<string, string> = {
  'scope.userLocation': '位置信息',
  'scope.userFuzzyLocation': '模糊位置',
  'scope.userLocationBackground': '后台定位',
  'scope.writePhotosAlbum': '保存到相册',
  'scope.camera': '摄像头',
  'scope.record': '麦克风',
  'scope.bluetooth': '蓝牙',
  'scope.addPhoneContact': '添加到联系人',
  'scope.addPhoneCalendar': '添加到日历',
  'scope.werun': '微信运动步数',
};

export interface PermissionRow {
  scope: string;
  label: string;
  granted: boolean;
}

/**
 * The permissions the user has been asked about, as rows for the settings page. Only
 * scopes named above are shown: the retired user-info scope grants nothing any more
 * (README "平台规则": avatar and nickname) and would only confuse.
 */
export function permissionRows(authSetting: Record<string, boolean | undefined>): PermissionRow[] {
  return Object.entries(authSetting)
    .filter(([scope, value]) => scope in SCOPE_LABELS && typeof value === 'boolean')
    .map(([scope, granted]) => ({ scope, label: SCOPE_LABELS[scope], granted: Boolean(granted) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh'));
}

const ENV_LABELS: Record<string, string> = { develop: '开发版', trial: '体验版', release: '正式版' };

/** "1.2.0（正式版）", or the build kind alone when WeChat reports no version (develop/trial). */
export function versionLabel(miniProgram: { envVersion: string; version?: string }): string {
  const kind = ENV_LABELS[miniProgram.envVersion] ?? miniProgram.envVersion;
  return miniProgram.version ? `${miniProgram.version}（${kind}）` : kind;
}

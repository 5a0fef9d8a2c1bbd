/**
 * What each preview device keeps between launches — WeChat's storage for the app, the
 * privacy agreement, the scopes granted, the side panel's settings — by device id (the
 * browser tab's). In memory, and in
 * `<data>/preview-devices.json` when the local cloud persists (`npm start`), so a logged-in
 * device is still logged in after a reload or a restart of the server.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import path from 'path';
import { NETWORK_MODES, type DeviceState } from './protocol';

const DEVICE_ID = /^[A-Za-z0-9_-]{8,64}$/;
export const FILE_NAME = 'preview-devices.json';

export function isDeviceId(value: unknown): value is string {
  return typeof value === 'string' && DEVICE_ID.test(value);
}

/** A phone as WeChat ships it today: the newest base library on iOS, light theme, normal network. */
export const DEFAULT_SETTINGS: DeviceState['settings'] = {
  sdkVersion: '3.3.4',
  platform: 'ios',
  theme: 'light',
  network: 'normal',
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A device as saved (possibly by an older preview, or edited by hand): every field checked. */
export function deviceState(saved: unknown): DeviceState {
  const state = isRecord(saved) ? saved : {};
  const settings = isRecord(state.settings) ? state.settings : {};
  const text = (value: unknown, fallback: string) =>
    typeof value === 'string' && /^[\w.-]{1,20}$/.test(value) ? value : fallback;
  const authSetting: Record<string, boolean> = {};
  if (isRecord(state.authSetting)) {
    for (const [scope, granted] of Object.entries(state.authSetting)) {
      if (scope.startsWith('scope.') && typeof granted === 'boolean') authSetting[scope] = granted;
    }
  }
  return {
    storage: isRecord(state.storage) ? state.storage : {},
    privacyAgreed: state.privacyAgreed === true,
    authSetting,
    settings: {
      sdkVersion: text(settings.sdkVersion, DEFAULT_SETTINGS.sdkVersion),
      platform: text(settings.platform, DEFAULT_SETTINGS.platform),
      theme: settings.theme === 'dark' ? 'dark' : 'light',
      network: NETWORK_MODES.find((mode) => mode === settings.network) ?? 'normal',
    },
  };
}

export class DeviceStore {
  private readonly devices = new Map<string, DeviceState>();
  private readonly file: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(dataDir?: string) {
    this.file = dataDir ? path.join(dataDir, FILE_NAME) : undefined;
    if (this.file && existsSync(this.file)) {
      try {
        const saved = JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, unknown>;
        for (const [id, state] of Object.entries(saved)) {
          if (isDeviceId(id)) this.devices.set(id, deviceState(state));
        }
      } catch {
        // A damaged file is a fresh start for every device, not a failure to start.
      }
    }
  }

  get(deviceId: string): DeviceState {
    return this.devices.get(deviceId) ?? deviceState(undefined);
  }

  /** Forgets a device: its next launch is a first launch. */
  delete(deviceId: string): void {
    if (this.devices.delete(deviceId) && this.file && !this.timer) {
      this.timer = setTimeout(() => this.flush(), 200);
    }
  }

  set(deviceId: string, state: DeviceState): void {
    this.devices.set(deviceId, state);
    if (this.file && !this.timer) this.timer = setTimeout(() => this.flush(), 200);
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.file) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.tmp`;
    writeFileSync(temporary, JSON.stringify(Object.fromEntries(this.devices)));
    renameSync(temporary, this.file);
  }
}

/**
 * What each preview device keeps between launches — WeChat's storage for the app and the
 * privacy agreement — by device id (the browser tab's). In memory, and in
 * `<data>/preview-devices.json` when the local cloud persists (`npm start`), so a logged-in
 * device is still logged in after a reload or a restart of the server.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import path from 'path';
import type { DeviceState } from './protocol';

const DEVICE_ID = /^[A-Za-z0-9_-]{8,64}$/;
export const FILE_NAME = 'preview-devices.json';

export function isDeviceId(value: unknown): value is string {
  return typeof value === 'string' && DEVICE_ID.test(value);
}

export class DeviceStore {
  private readonly devices = new Map<string, DeviceState>();
  private readonly file: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(dataDir?: string) {
    this.file = dataDir ? path.join(dataDir, FILE_NAME) : undefined;
    if (this.file && existsSync(this.file)) {
      try {
        const saved = JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, DeviceState>;
        for (const [id, state] of Object.entries(saved)) if (isDeviceId(id)) this.devices.set(id, state);
      } catch {
        // A damaged file is a fresh start for every device, not a failure to start.
      }
    }
  }

  get(deviceId: string): DeviceState {
    return this.devices.get(deviceId) ?? { storage: {}, privacyAgreed: false };
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

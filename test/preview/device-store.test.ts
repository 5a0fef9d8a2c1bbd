/** @jest-environment node */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import {
  DEFAULT_SETTINGS,
  deviceState,
  DeviceStore,
  FILE_NAME,
  isDeviceId,
} from '../../scripts/preview/device-store';

const fresh = { storage: {}, privacyAgreed: false, authSetting: {}, settings: DEFAULT_SETTINGS };

describe('preview device store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'preview-devices-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps each device’s storage, privacy agreement, scopes and settings across a restart', () => {
    const store = new DeviceStore(dir);
    expect(store.get('device-one')).toEqual(fresh);
    const one = {
      storage: { session: { openid: 'o1' } },
      privacyAgreed: true,
      authSetting: { 'scope.camera': false },
      settings: {
        sdkVersion: '2.20.1',
        platform: 'windows',
        theme: 'dark' as const,
        network: 'slow' as const,
      },
    };
    store.set('device-one', one);
    store.set('device-two', fresh);
    store.flush();
    const reopened = new DeviceStore(dir);
    expect(reopened.get('device-one')).toEqual(one);
    expect(reopened.get('device-two')).toEqual(fresh);
    reopened.delete('device-one');
    reopened.flush();
    expect(new DeviceStore(dir).get('device-one')).toEqual(fresh);
  });

  it('reads a device saved by an older preview or edited by hand field by field', () => {
    expect(deviceState({ storage: { a: 1 }, privacyAgreed: true })).toEqual({
      ...fresh,
      storage: { a: 1 },
      privacyAgreed: true,
    });
    expect(
      deviceState({
        storage: [1],
        privacyAgreed: 'yes',
        authSetting: { 'scope.camera': 'on', 'scope.record': true, other: true },
        settings: { sdkVersion: '../../x', platform: 42, theme: 'neon', network: 'fast' },
      }),
    ).toEqual({ ...fresh, authSetting: { 'scope.record': true } });
  });

  it('in memory without a data folder; a damaged file is a fresh start, not a crash', () => {
    const memory = new DeviceStore();
    memory.set('device-one', { ...fresh, storage: { a: 1 } });
    memory.flush();
    expect(memory.get('device-one').storage).toEqual({ a: 1 });
    writeFileSync(path.join(dir, FILE_NAME), '{not json');
    expect(new DeviceStore(dir).get('device-one')).toEqual(fresh);
    expect(readFileSync(path.join(dir, FILE_NAME), 'utf8')).toBe('{not json');
  });

  it('accepts only plain device ids (they name a user: no paths, no markup)', () => {
    expect(isDeviceId('a1b2c3d4e5f6a7b8c9d0e1f2')).toBe(true);
    expect(isDeviceId('short')).toBe(false);
    expect(isDeviceId('../../etc/passwd')).toBe(false);
    expect(isDeviceId('<script>alert(1)</script>')).toBe(false);
    expect(isDeviceId(42)).toBe(false);
  });
});

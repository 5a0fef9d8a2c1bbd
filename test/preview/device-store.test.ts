/** @jest-environment node */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { DeviceStore, FILE_NAME, isDeviceId } from '../../scripts/preview/device-store';

describe('preview device store', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'preview-devices-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps each device’s storage and privacy agreement across a restart', () => {
    const store = new DeviceStore(dir);
    expect(store.get('device-one')).toEqual({ storage: {}, privacyAgreed: false });
    store.set('device-one', { storage: { session: { openid: 'o1' } }, privacyAgreed: true });
    store.set('device-two', { storage: {}, privacyAgreed: false });
    store.flush();
    const reopened = new DeviceStore(dir);
    expect(reopened.get('device-one')).toEqual({
      storage: { session: { openid: 'o1' } },
      privacyAgreed: true,
    });
    expect(reopened.get('device-two')).toEqual({ storage: {}, privacyAgreed: false });
  });

  it('in memory without a data folder; a damaged file is a fresh start, not a crash', () => {
    const memory = new DeviceStore();
    memory.set('device-one', { storage: { a: 1 }, privacyAgreed: false });
    memory.flush();
    expect(memory.get('device-one').storage).toEqual({ a: 1 });
    writeFileSync(path.join(dir, FILE_NAME), '{not json');
    expect(new DeviceStore(dir).get('device-one')).toEqual({ storage: {}, privacyAgreed: false });
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

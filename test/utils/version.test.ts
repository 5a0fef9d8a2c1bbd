import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  FILL_COMPONENTS_SINCE,
  GET_USER_PROFILE_UNTIL,
  PHONE_NUMBER_CODE_SINCE,
  profileCapabilities,
} from '../../miniprogram/packages/account/utils/profile-capabilities';
import { compareVersion, isSdkSupported, MIN_SDK_VERSION, sdkVersion } from '../../miniprogram/utils/version';
import { installFakeWx } from '../support/fake-wx';

const root = path.resolve(__dirname, '../..');

describe('base library versions', () => {
  it('compares numerically, part by part', () => {
    expect(compareVersion('2.16.1', '2.16.1')).toBe(0);
    expect(compareVersion('2.16.10', '2.16.9')).toBeGreaterThan(0);
    expect(compareVersion('2.9.0', '2.16.1')).toBeLessThan(0);
    expect(compareVersion('3.0', '2.99.99')).toBeGreaterThan(0);
    expect(compareVersion('2.16', '2.16.0')).toBe(0);
  });

  it('declares 2.16.1 as the minimum, in code, README and DevTools settings', () => {
    expect(MIN_SDK_VERSION).toBe('2.16.1');
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(readme).toContain(`基础库最低版本：${MIN_SDK_VERSION}`);
    expect(readme).toContain('设置 → 基本设置 → 基础库最低版本设置');
    // DevTools' debug library must not be older than what the app needs.
    const { libVersion } = JSON.parse(readFileSync(path.join(root, 'project.config.json'), 'utf8'));
    expect(compareVersion(libVersion, MIN_SDK_VERSION)).toBeGreaterThanOrEqual(0);
  });

  it('tells supported clients from older ones', () => {
    expect(isSdkSupported('2.16.1')).toBe(true);
    expect(isSdkSupported('3.3.4')).toBe(true);
    expect(isSdkSupported('2.16.0')).toBe(false);
    expect(isSdkSupported('2.11.0')).toBe(false);
    installFakeWx({ sdkVersion: '2.15.2' });
    expect(sdkVersion()).toBe('2.15.2'); // from getSystemInfoSync: getAppBaseInfo is 2.20.1+
    expect(isSdkSupported()).toBe(false);
    installFakeWx({ sdkVersion: '2.20.1' });
    expect(isSdkSupported()).toBe(true);
  });

  it('never lets the check break the app: an unreadable version counts as supported', () => {
    const fake = installFakeWx({ sdkVersion: '2.14.0' });
    fake.wx.getSystemInfoSync = (() => {
      throw new Error('getSystemInfoSync:fail');
    }) as typeof fake.wx.getSystemInfoSync;
    expect(isSdkSupported()).toBe(true);
    expect(isSdkSupported('')).toBe(true);
  });
});

describe('profile capabilities by base library (no tier below the minimum)', () => {
  const caps = (version: string, platform = 'ios') =>
    profileCapabilities(version, platform, () => true, true);

  it.each([
    // version, platform, fill components, getUserProfile, phone code
    [MIN_SDK_VERSION, 'ios', false, false, false],
    [MIN_SDK_VERSION, 'windows', false, true, false],
    ['2.21.1', 'mac', false, true, false],
    [FILL_COMPONENTS_SINCE, 'android', true, false, true],
    ['2.27.0', 'windows', true, true, true],
    [GET_USER_PROFILE_UNTIL, 'windows', true, false, true],
    ['3.3.4', 'mac', true, false, true],
  ])('%s on %s', (version, platform, fillComponents, getUserProfile, phoneNumberCode) => {
    expect(caps(version, platform)).toEqual({ fillComponents, getUserProfile, phoneNumberCode });
  });

  it('needs both the version and canIUse for the fill components, and getUserProfile to exist', () => {
    expect(profileCapabilities('3.3.4', 'ios', () => false, true).fillComponents).toBe(false);
    expect(profileCapabilities('2.20.0', 'windows', () => true, false).getUserProfile).toBe(false);
    expect(PHONE_NUMBER_CODE_SINCE).toBe('2.21.2');
  });
});

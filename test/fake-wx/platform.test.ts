import { currentFakeWx, installFakeWx, openidFor } from '../support/fake-wx';

type LooseWx = Record<string, unknown>;
const loose = (): LooseWx => wx as unknown as LooseWx;
const PRIVACY_APIS = [
  'getPrivacySetting',
  'onNeedPrivacyAuthorization',
  'requirePrivacyAuthorize',
  'openPrivacyContract',
];

describe('fake wx: login', () => {
  it('issues a fresh, unique code on every call and records it', async () => {
    let clock = 1_000;
    const fake = installFakeWx({ now: () => clock });
    const first = await wx.login();
    clock = 2_000;
    const second = await wx.login();
    expect(first.errMsg).toBe('login:ok');
    expect(first.code).toMatch(/^\S{32}$/);
    expect(second.code).not.toBe(first.code);
    expect(fake.login.issuedCodes.map(({ code, issuedAt, openid }) => ({ code, issuedAt, openid }))).toEqual([
      { code: first.code, issuedAt: 1_000, openid: fake.user.openid },
      { code: second.code, issuedAt: 2_000, openid: fake.user.openid },
    ]);
  });

  it('supports the callback form and can be made to fail once', async () => {
    const fake = currentFakeWx();
    fake.login.failNext('login:fail timeout');
    await expect(wx.login()).rejects.toEqual({ errMsg: 'login:fail timeout' });

    const success = jest.fn();
    wx.login({ success });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(success).toHaveBeenCalledWith({ code: fake.login.issuedCodes[0].code, errMsg: 'login:ok' });
  });

  it('redeems a code once, for the user it was issued to, within 5 minutes', async () => {
    let clock = 0;
    const fake = installFakeWx({ now: () => clock });
    const { code } = await wx.login();
    expect(fake.login.redeem(code)).toEqual({ openid: fake.user.openid });
    expect(fake.login.redeem(code)).toBeUndefined();

    const { code: late } = await wx.login();
    clock = 5 * 60 * 1000 + 1;
    expect(fake.login.redeem(late)).toBeUndefined();
  });

  it('fails when offline', async () => {
    currentFakeWx().network.offline = true;
    await expect(wx.login()).rejects.toEqual({ errMsg: expect.stringMatching(/^login:fail /) });
  });
});

describe('fake wx: account, users and globals', () => {
  it('answers getAccountInfoSync from the configured app', () => {
    installFakeWx({ appId: 'wxaaaabbbbccccdddd', envVersion: 'release', version: '1.2.3' });
    expect(wx.getAccountInfoSync()).toEqual({
      miniProgram: { appId: 'wxaaaabbbbccccdddd', envVersion: 'release', version: '1.2.3' },
    });
    const fake = currentFakeWx();
    fake.appId = 'wx0000000000000001';
    fake.account.envVersion = 'trial';
    expect(wx.getAccountInfoSync().miniProgram).toEqual({
      appId: 'wx0000000000000001',
      envVersion: 'trial',
      version: '1.2.3',
    });
  });

  it('has a stable default user and generates other stable users', () => {
    const fake = currentFakeWx();
    expect(fake.user).toEqual({ openid: openidFor('user-1') });
    expect(fake.user.openid).toMatch(/^o[\w-]{27}$/);
    const alice = fake.newUser('alice', { unionid: true });
    expect(alice).toEqual({ openid: openidFor('alice'), unionid: openidFor('alice', 'unionid') });
    expect(fake.newUser('alice').openid).toBe(alice.openid);
    expect(fake.newUser().openid).not.toBe(fake.newUser().openid);
  });

  it('installs getApp and getCurrentPages', () => {
    const fake = currentFakeWx();
    const defaultApp = getApp();
    expect(defaultApp).toEqual({ globalData: {} });
    expect(getApp()).toBe(defaultApp);
    const app = { globalData: { user: null } };
    fake.app.register(app);
    expect(getApp()).toBe(app);
    fake.router.reLaunch('/pages/home/index');
    expect(getCurrentPages()).toEqual([{ route: 'pages/home/index', options: {} }]);
    fake.restartApp();
    expect(getApp()).not.toBe(app);
    expect(getCurrentPages()).toEqual([]);
  });

  it('logs every API called, including wx.cloud ones', () => {
    const fake = currentFakeWx();
    wx.getStorageSync('x');
    wx.showToast({ title: 'hi' });
    wx.cloud.init({ env: 'test' });
    expect(fake.calls).toEqual(['getStorageSync', 'showToast', 'cloud.init']);
    for (const forbidden of ['getUserProfile', 'getUserInfo', 'authorize', 'openSetting']) {
      expect(fake.calls).not.toContain(forbidden);
    }
    wx.authorize({ scope: 'scope.userLocation' });
    expect(fake.calls).toContain('authorize');
  });

  it('keeps logging when a test spies on an API', () => {
    const fake = currentFakeWx();
    const spy = jest.spyOn(wx, 'showToast');
    wx.showToast({ title: 'x' });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(fake.calls).toEqual(['showToast']);
    spy.mockRestore();
  });
});

describe('fake wx: base library version', () => {
  it('defaults to a modern base library with the privacy APIs', () => {
    expect(wx.getAppBaseInfo().SDKVersion).toBe('3.3.4');
    for (const api of PRIVACY_APIS) expect(typeof loose()[api]).toBe('function');
    expect(wx.canIUse('getPrivacySetting')).toBe(true);
  });

  it('on 2.21.1 the privacy APIs are absent and canIUse says no', () => {
    installFakeWx({ sdkVersion: '2.21.1' });
    expect(wx.getAppBaseInfo().SDKVersion).toBe('2.21.1');
    expect(wx.getSystemInfoSync().SDKVersion).toBe('2.21.1');
    for (const api of PRIVACY_APIS) {
      expect(loose()[api]).toBeUndefined();
      expect(api in wx).toBe(false);
      expect(Object.keys(wx)).not.toContain(api);
      expect(wx.canIUse(api)).toBe(false);
    }
    expect(wx.canIUse('button.open-type.chooseAvatar')).toBe(false);
    expect(wx.canIUse('input.type.nickname')).toBe(false);
    expect(wx.canIUse('getUserProfile')).toBe(true);
  });

  it('switches version at runtime with setSdkVersion', () => {
    const fake = currentFakeWx();
    fake.setSdkVersion('2.21.2');
    expect(wx.canIUse('button.open-type.chooseAvatar')).toBe(true);
    expect(wx.canIUse('requirePrivacyAuthorize')).toBe(false);
    expect(loose().requirePrivacyAuthorize).toBeUndefined();
    fake.setSdkVersion('2.32.3');
    expect(wx.canIUse('requirePrivacyAuthorize')).toBe(true);
    expect(typeof loose().requirePrivacyAuthorize).toBe('function');
    expect(fake.sdkVersion).toBe('2.32.3');
    expect(() => fake.setSdkVersion('3.x')).toThrow('invalid base library version');
  });

  it('hides getUserProfile below 2.10.4 and getAppBaseInfo below 2.20.1', () => {
    installFakeWx({ sdkVersion: '2.10.3' });
    expect(loose().getUserProfile).toBeUndefined();
    expect(loose().getAppBaseInfo).toBeUndefined();
    expect(wx.getSystemInfoSync().SDKVersion).toBe('2.10.3');
    expect(wx.canIUse('button.open-type.getPhoneNumber')).toBe(true);
  });

  it('answers canIUse for schemas outside its table by what exists', () => {
    expect(wx.canIUse('showToast')).toBe(true);
    expect(wx.canIUse('showToast.object.title')).toBe(true);
    expect(wx.canIUse('getPrivacySetting.success.privacyContractName')).toBe(true);
    expect(wx.canIUse('view')).toBe(true);
    expect(wx.canIUse('noSuchApi')).toBe(false);
    expect(wx.canIUse('')).toBe(false);
  });
});

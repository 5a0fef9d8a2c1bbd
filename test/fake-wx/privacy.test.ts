import {
  currentFakeWx,
  installFakeWx,
  PRIVACY_ERRNO,
  type NeedPrivacyAuthorizationListener,
  type PrivacyResolveOption,
  type WxError,
} from '../support/fake-wx';

/** The privacy APIs with their real signatures (api-typings 5.x types the listener wrongly). */
interface PrivacyWx {
  getPrivacySetting(options: {
    success?: (res: { needAuthorization: boolean; privacyContractName: string; errMsg: string }) => void;
  }): void;
  onNeedPrivacyAuthorization(listener: NeedPrivacyAuthorizationListener): void;
  requirePrivacyAuthorize(options?: {
    success?: (res: { errMsg: string }) => void;
    fail?: (err: WxError) => void;
    complete?: () => void;
  }): unknown;
  openPrivacyContract(options?: { success?: () => void }): unknown;
}
const privacyWx = (): PrivacyWx => wx as unknown as PrivacyWx;

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Registers a listener that keeps every resolve it is given, as WeChat's demo does. */
function collectResolves(): { resolves: ((option: PrivacyResolveOption) => void)[]; referrers: string[] } {
  const resolves: ((option: PrivacyResolveOption) => void)[] = [];
  const referrers: string[] = [];
  privacyWx().onNeedPrivacyAuthorization((resolve, eventInfo) => {
    resolves.push(resolve);
    referrers.push(eventInfo.referrer);
  });
  return { resolves, referrers };
}

function getPrivacySetting(): Promise<{ needAuthorization: boolean; privacyContractName: string }> {
  return new Promise((resolve) => privacyWx().getPrivacySetting({ success: resolve }));
}

describe('fake wx privacy state machine', () => {
  it('reports the setting with the configurable contract name', async () => {
    await expect(getPrivacySetting()).resolves.toEqual({
      needAuthorization: true,
      privacyContractName: '《小程序隐私保护指引》',
      errMsg: 'getPrivacySetting:ok',
    });
    installFakeWx({ privacyContractName: '《示例小程序隐私保护指引》', privacyAgreed: true });
    await expect(getPrivacySetting()).resolves.toMatchObject({
      needAuthorization: false,
      privacyContractName: '《示例小程序隐私保护指引》',
    });
  });

  it('keeps a privacy API pending and calls the listener with (resolve, { referrer })', async () => {
    const listener = jest.fn();
    privacyWx().onNeedPrivacyAuthorization(listener);
    const settled = jest.fn();
    wx.getClipboardData().then(settled, settled);
    await flush();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith(expect.any(Function), { referrer: 'getClipboardData' });
    expect(settled).not.toHaveBeenCalled();
    expect(currentFakeWx().privacy.pending).toEqual([{ referrer: 'getClipboardData' }]);
  });

  it('replaces the listener when registered again', async () => {
    const first = jest.fn();
    const second = jest.fn();
    privacyWx().onNeedPrivacyAuthorization(first);
    privacyWx().onNeedPrivacyAuthorization(second);
    void currentFakeWx()
      .privacy.touch('button.chooseAvatar')
      .catch(() => undefined);
    await flush();
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith(expect.any(Function), { referrer: 'button.chooseAvatar' });
  });

  it('lets the pending call proceed after an agree that follows a real tap', async () => {
    const fake = currentFakeWx();
    const { resolves } = collectResolves();
    fake.clipboard.data = 'copied text';
    const result = wx.getClipboardData();
    await flush();

    resolves[0]({ event: 'exposureAuthorization' });
    fake.privacy.userTapsAgree('agree-btn');
    resolves[0]({ event: 'agree', buttonId: 'agree-btn' });
    await expect(result).resolves.toEqual({ data: 'copied text', errMsg: 'getClipboardData:ok' });
    expect(fake.privacy.exposures).toBe(1);
    expect(fake.privacy.agreed).toBe(true);
    expect(fake.privacy.errors).toEqual([]);
    expect(fake.privacy.pending).toEqual([]);
    await expect(getPrivacySetting()).resolves.toMatchObject({ needAuthorization: false });
  });

  it('does not grant an agree without a tap on that button, and records the misuse', async () => {
    const fake = currentFakeWx();
    const { resolves } = collectResolves();
    const settled = jest.fn();
    wx.setClipboardData({ data: 'x' }).then(settled, settled);
    await flush();

    resolves[0]({ event: 'agree', buttonId: 'agree-btn' });
    fake.privacy.userTapsAgree('another-btn');
    resolves[0]({ event: 'agree', buttonId: 'agree-btn' });
    resolves[0]({ event: 'agree' } as PrivacyResolveOption);
    await flush();
    expect(settled).not.toHaveBeenCalled();
    expect(fake.privacy.errors).toHaveLength(3);
    expect(fake.privacy.errors[0]).toContain('no agreePrivacyAuthorization button with that id was tapped');
    expect(fake.privacy.errors[2]).toContain('without a buttonId');
    expect(fake.clipboard.data).toBe('');
  });

  it('fails the pending call on disagree with errno 104', async () => {
    const fake = currentFakeWx();
    const { resolves } = collectResolves();
    const result = wx.chooseMedia({ count: 1 });
    await flush();
    resolves[0]({ event: 'disagree' });
    await expect(result).rejects.toEqual({
      errMsg: 'chooseMedia:fail privacy permission is not authorized',
      errno: PRIVACY_ERRNO,
    });
    expect(fake.privacy.agreed).toBe(false);

    // Nothing is remembered: the next call asks again.
    void wx.getLocation({}).catch(() => undefined);
    await flush();
    expect(resolves).toHaveLength(2);
  });

  it('gives every pending call its own resolve; each one decides its own call', async () => {
    const fake = currentFakeWx();
    const { resolves, referrers } = collectResolves();
    const clipboard = wx.setClipboardData({ data: 'hello' });
    const avatar = fake.privacy.touch('button.chooseAvatar');
    await flush();
    expect(referrers).toEqual(['setClipboardData', 'button.chooseAvatar']);
    expect(fake.privacy.pending).toHaveLength(2);

    fake.privacy.userTapsAgree('agree-btn');
    resolves[1]({ event: 'agree', buttonId: 'agree-btn' });
    await expect(avatar).resolves.toBeUndefined();
    expect(fake.privacy.pending).toEqual([{ referrer: 'setClipboardData' }]);

    resolves[0]({ event: 'agree', buttonId: 'agree-btn' });
    await expect(clipboard).resolves.toEqual({ errMsg: 'setClipboardData:ok' });
    expect(fake.clipboard.data).toBe('hello');
  });

  it('resolves both pending calls when the app resolves all it collected', async () => {
    const fake = currentFakeWx();
    const { resolves } = collectResolves();
    const a = fake.privacy.touch('input.type.nickname');
    const b = wx.getClipboardData();
    await flush();
    fake.privacy.userTapsAgree('agree-btn');
    for (const resolve of resolves) resolve({ event: 'agree', buttonId: 'agree-btn' });
    await expect(Promise.all([a, b])).resolves.toEqual([
      undefined,
      { data: '', errMsg: 'getClipboardData:ok' },
    ]);
  });

  it('lets privacy calls through without asking once agreed', async () => {
    const fake = currentFakeWx();
    fake.privacy.agreed = true;
    const listener = jest.fn();
    privacyWx().onNeedPrivacyAuthorization(listener);
    await expect(wx.setClipboardData({ data: 'x' })).resolves.toEqual({ errMsg: 'setClipboardData:ok' });
    await expect(fake.privacy.touch('button.chooseAvatar')).resolves.toBeUndefined();
    expect(listener).not.toHaveBeenCalled();
  });

  it('keeps the agreement across a restart but drops the listener and pending calls', async () => {
    const fake = currentFakeWx();
    const { resolves } = collectResolves();
    const orphan = jest.fn();
    wx.getClipboardData().then(orphan, orphan);
    await flush();
    fake.restartApp();
    expect(fake.privacy.hasListener).toBe(false);
    expect(fake.privacy.pending).toEqual([]);
    fake.privacy.userTapsAgree('agree-btn');
    resolves[0]({ event: 'agree', buttonId: 'agree-btn' }); // The old app's resolve does nothing.
    await flush();
    expect(orphan).not.toHaveBeenCalled();

    fake.restartApp();
    expect(fake.privacy.agreed).toBe(true);
    expect(fake.privacy.tappedButtons).toEqual([]);
    await expect(getPrivacySetting()).resolves.toMatchObject({ needAuthorization: false });
  });

  it('runs requirePrivacyAuthorize through the same flow (callbacks only)', async () => {
    const fake = currentFakeWx();
    const { resolves, referrers } = collectResolves();
    const success = jest.fn();
    const fail = jest.fn();
    expect(privacyWx().requirePrivacyAuthorize({ success, fail })).toBeUndefined();
    await flush();
    expect(referrers).toEqual(['requirePrivacyAuthorize']);
    resolves[0]({ event: 'disagree' });
    await flush();
    expect(fail).toHaveBeenCalledWith({
      errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized',
      errno: 104,
    });

    privacyWx().requirePrivacyAuthorize({ success, fail });
    await flush();
    fake.privacy.userTapsAgree('agree-btn');
    resolves[1]({ event: 'agree', buttonId: 'agree-btn' });
    await flush();
    expect(success).toHaveBeenCalledWith({ errMsg: 'requirePrivacyAuthorize:ok' });

    // Documented: no Promise style.
    expect(privacyWx().requirePrivacyAuthorize()).toBeUndefined();
  });

  it('counts openPrivacyContract calls', async () => {
    const fake = currentFakeWx();
    const success = jest.fn();
    privacyWx().openPrivacyContract({ success });
    privacyWx().openPrivacyContract();
    await flush();
    expect(fake.privacy.contractOpened).toBe(2);
    expect(success).toHaveBeenCalledWith({ errMsg: 'openPrivacyContract:ok' });
  });

  it("uses WeChat's own popup when no listener is registered (answer configurable)", async () => {
    const fake = currentFakeWx();
    await expect(fake.privacy.touch('button.chooseAvatar')).rejects.toEqual({
      errMsg: 'button.chooseAvatar:fail privacy permission is not authorized',
      errno: 104,
    });
    expect(fake.privacy.systemPopups).toBe(1);
    expect(fake.privacy.agreed).toBe(false);

    fake.privacy.systemPopupAnswer = 'agree';
    await expect(wx.getClipboardData()).resolves.toMatchObject({ errMsg: 'getClipboardData:ok' });
    expect(fake.privacy.agreed).toBe(true);
    expect(fake.privacy.requests.map((r) => [r.referrer, r.via, r.outcome])).toEqual([
      ['button.chooseAvatar', 'system-popup', 'refused'],
      ['getClipboardData', 'system-popup', 'allowed'],
    ]);
  });

  it('calls fail/complete callbacks of a refused privacy API', async () => {
    const { resolves } = collectResolves();
    const fail = jest.fn();
    const complete = jest.fn();
    wx.saveImageToPhotosAlbum({ filePath: 'http://tmp/a.jpg', fail, complete });
    await flush();
    resolves[0]({ event: 'disagree' });
    await flush();
    expect(fail).toHaveBeenCalledWith({
      errMsg: 'saveImageToPhotosAlbum:fail privacy permission is not authorized',
      errno: 104,
    });
    expect(complete).toHaveBeenCalledTimes(1);
  });

  it('has no privacy check at all below 2.32.3', async () => {
    const fake = installFakeWx({ sdkVersion: '2.30.0' });
    await expect(fake.privacy.touch('button.chooseAvatar')).resolves.toBeUndefined();
    await expect(wx.getClipboardData()).resolves.toMatchObject({ errMsg: 'getClipboardData:ok' });
    expect(fake.privacy.systemPopups).toBe(0);
  });

  it('reset() forgets the agreement and the records', async () => {
    const fake = currentFakeWx();
    fake.privacy.userTapsAgree('agree-btn');
    await fake.privacy.touch('x');
    fake.privacy.reset();
    expect(fake.privacy.agreed).toBe(false);
    expect(fake.privacy.requests).toEqual([]);
    expect(fake.privacy.tappedButtons).toEqual([]);
  });
});

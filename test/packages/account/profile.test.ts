import { useTransport } from '../../../miniprogram/services/cloud';
import { sessionStore } from '../../../miniprogram/stores/session';
import { resetApp, server, sheet, sheetOpen } from '../../support/app';
import { currentFakeWx, installFakeWx, type FakeWx } from '../../support/fake-wx';
import { openPage, renderPage, type Rendered } from '../../support/render';
import { injectFault } from '../../services/faults';

beforeEach(resetApp);

/** A client on base library `version`, logged in, on the profile page opened from 我的. */
async function openProfile(version?: string, platform = 'ios'): Promise<{ fake: FakeWx; page: Rendered }> {
  const fake = version ? installFakeWx({ sdkVersion: version, platform }) : currentFakeWx();
  if (version) useTransport(undefined);
  fake.privacy.agreed = true;
  await sessionStore.login();
  await renderPage('pages/mine/index');
  const page = await openPage('/packages/account/profile/index');
  return { fake, page };
}

const submit = (page: Rendered, nickname: string) =>
  page.trigger('#profile-form', 'submit', { value: { nickname } });
const serverUser = async (fake: FakeWx) =>
  (await fake.cloud.local.database.collection('users').doc(fake.user.openid).get()).data;

describe('profile page', () => {
  it('keeps save disabled until something changed', async () => {
    const { page } = await openProfile();
    expect(page.instance.data.dirty).toBe(false);
    await page.trigger('#nickname', 'input', { value: '小明' });
    expect(page.instance.data.dirty).toBe(true);
    await page.trigger('#nickname', 'input', { value: '' });
    expect(page.instance.data.dirty).toBe(false);
  });

  it("previews a chosen avatar at once, uploads it into the user's folder on save, and the mine page shows it", async () => {
    const { fake, page } = await openProfile();
    const temp = fake.files.createTemp(Buffer.from('avatar-bytes'), 'png');
    await page.trigger('#choose-avatar', 'chooseavatar', { avatarUrl: temp });
    expect(page.instance.data.avatarUrl).toBe(temp);
    expect(fake.cloud.uploads).toHaveLength(0);

    await submit(page, '');
    await page.settle();
    const { avatarFileId } = await serverUser(fake);
    expect(avatarFileId).toMatch(new RegExp(`^cloud://[^/]+/avatars/${fake.user.openid}/.+\\.png$`));
    expect(
      server()
        .storage.read(avatarFileId as string)
        ?.toString(),
    ).toBe('avatar-bytes');
    expect(page.instance.data.dirty).toBe(false);
    expect(page.instance.data.avatarUrl).toBe(avatarFileId);

    const mine = await renderPage('pages/mine/index');
    expect(mine.instance.data.avatarUrl).toBe(avatarFileId);
  });

  it('saves a submitted nickname, which then appears on the mine page', async () => {
    const { fake, page } = await openProfile();
    await page.trigger('#nickname', 'input', { value: '  小明😀 ' });
    await submit(page, '  小明😀 ');
    await page.settle();

    expect((await serverUser(fake)).nickname).toBe('小明😀');
    expect(sessionStore.user?.nickname).toBe('小明😀');
    const mine = await renderPage('pages/mine/index');
    expect(mine.text()).toContain('小明😀');
  });

  it('takes the nickname from the form even when no input event fired (nickname keyboard pick)', async () => {
    const { fake, page } = await openProfile();
    await submit(page, '微信里的昵称');
    await page.settle();
    expect((await serverUser(fake)).nickname).toBe('微信里的昵称');
  });

  it('refuses a risky nickname with the reason, keeping what the user typed', async () => {
    const { fake, page } = await openProfile();
    await page.trigger('#nickname', 'input', { value: '我是违禁词' });
    await submit(page, '我是违禁词');
    await page.settle();

    expect(page.text()).toContain('昵称包含不合适的内容，请换一个');
    expect(page.instance.data.nickname).toBe('我是违禁词');
    expect(page.instance.data.dirty).toBe(true);
    expect(page.instance.data.saving).toBe(false);
    expect((await serverUser(fake)).nickname).toBeUndefined();
  });

  it('keeps the form and says why when the upload fails', async () => {
    const { fake, page } = await openProfile();
    await page.trigger('#choose-avatar', 'chooseavatar', { avatarUrl: 'http://tmp/vanished.jpg' });
    await page.trigger('#nickname', 'input', { value: '小红' });
    await submit(page, '小红');
    await page.settle();

    expect(page.text()).toContain('图片上传失败，请稍后重试');
    expect(page.instance.data).toMatchObject({
      avatarTempPath: 'http://tmp/vanished.jpg',
      nickname: '小红',
      dirty: true,
      saving: false,
    });
    expect((await serverUser(fake)).nickname).toBeUndefined();
  });

  it('removes a fresh upload when the server then refuses the save', async () => {
    const { fake, page } = await openProfile();
    const temp = fake.files.createTemp(Buffer.from('x'), 'jpg');
    await page.trigger('#choose-avatar', 'chooseavatar', { avatarUrl: temp });
    await submit(page, '违禁词');
    await page.settle();
    expect(page.text()).toContain('昵称包含不合适的内容');
    expect(server().storage.list(`avatars/${fake.user.openid}/`)).toEqual([]);
  });

  it("clears the nickname and explains when WeChat's nickname review fails", async () => {
    const { page } = await openProfile();
    await page.trigger('#nickname', 'input', { value: '坏昵称' });
    await page.trigger('#nickname', 'nicknamereview', { pass: false, timeout: false });
    expect(page.instance.data.nickname).toBe('');
    expect(page.text()).toContain('昵称未通过微信安全检测，请重新填写');

    await page.trigger('#nickname', 'input', { value: '好昵称' });
    await page.trigger('#nickname', 'nicknamereview', { pass: false, timeout: true });
    expect(page.instance.data.nickname).toBe('好昵称');
  });

  it('binds a phone number from the getPhoneNumber button and shows it masked', async () => {
    const { page } = await openProfile();
    const code = server().standIns.phoneNumber.issueCode('13812345678');
    await page.trigger('#bind-phone', 'getphonenumber', { code, errMsg: 'getPhoneNumber:ok' });
    await page.settle();
    expect(page.text()).toContain('138****5678');
    expect(page.text()).not.toContain('13812345678');
    // One tap, one binding (the event may reach the page twice; the code is single-use).
    expect(
      currentFakeWx().cloud.calls.filter(
        (call) => (call.data as { action?: string })?.action === 'bindPhone',
      ),
    ).toHaveLength(1);

    // The same code again: WeChat says it is used up.
    await page.trigger('#bind-phone', 'getphonenumber', { code, errMsg: 'getPhoneNumber:ok' });
    await page.settle();
    expect(page.text()).toContain('手机号授权已失效，请重新获取');
  });

  it('does nothing when the user declines to share the phone number', async () => {
    const { fake, page } = await openProfile();
    await page.trigger('#bind-phone', 'getphonenumber', { errMsg: 'getPhoneNumber:fail user deny' });
    expect(
      fake.cloud.calls.filter((call) => (call.data as { action?: string })?.action === 'bindPhone'),
    ).toEqual([]);
    expect(page.text()).toContain('未绑定');
  });

  it('deletes the account after confirmation and returns to guest mode', async () => {
    const { fake, page } = await openProfile();
    fake.ui.modalAnswer = 'cancel';
    await page.tap('#delete-account');
    expect(sessionStore.status).toBe('user');

    fake.ui.modalAnswer = 'confirm';
    await page.tap('#delete-account');
    await page.settle();
    expect(sessionStore.status).toBe('guest');
    expect((await fake.cloud.local.database.collection('users').count()).total).toBe(0);
    expect(fake.router.stack.map((entry) => entry.route)).toEqual(['pages/mine/index']);
  });

  it('gives a guest arriving by deep link a reason and a login button, not a popup', async () => {
    const fake = currentFakeWx();
    const page = await openPage('/packages/account/profile/index');
    expect(page.text()).toContain('登录后可设置头像和昵称');
    expect(sheetOpen(page)).toBe(false);
    expect(page.has('#profile-form')).toBe(false);
    expect(fake.calls).not.toContain('login');

    await page.tap('#login');
    expect(sheetOpen(page)).toBe(true);
    await page.tap(sheet.agree);
    await page.tap(sheet.login);
    await page.settle();
    expect(page.has('#profile-form')).toBe(true);
  });

  it('enables 保存 once the nickname input is focused, before any input event', async () => {
    const { page } = await openProfile();
    await page.trigger('#nickname', 'focus', { value: '' });
    expect(page.instance.data.editing).toBe(true);
    // A blur that reports '' (some clients, after a keyboard pick) does not wipe the value.
    await page.trigger('#nickname', 'input', { value: '键盘选的昵称' });
    await page.trigger('#nickname', 'blur', { value: '' });
    expect(page.instance.data.nickname).toBe('键盘选的昵称');
  });

  it('says so when 保存 is tapped with nothing changed', async () => {
    const { fake, page } = await openProfile();
    await page.trigger('#nickname', 'focus', { value: '' });
    await submit(page, '');
    expect(
      fake.cloud.calls.filter((call) => (call.data as { action?: string })?.action === 'updateProfile'),
    ).toEqual([]);
    expect(page.instance.data.editing).toBe(false);
  });

  it('keeps a fresh upload when the save failed on the network (the server may have saved it)', async () => {
    const { fake, page } = await openProfile();
    const temp = fake.files.createTemp(Buffer.from('x'), 'jpg');
    await page.trigger('#choose-avatar', 'chooseavatar', { avatarUrl: temp });
    const uploadsBefore = fake.cloud.uploads.length;
    // The upload goes through, then the network drops before the function answers.
    const realCall = fake.wx.cloud.callFunction;
    fake.wx.cloud.callFunction = ((options: ICloud.CallFunctionParam) => {
      fake.network.offline = true;
      return realCall(options);
    }) as typeof realCall;
    await submit(page, '');
    await page.settle();
    expect(fake.cloud.uploads.length).toBe(uploadsBefore + 1);
    expect(page.text()).toContain('网络不可用');
    expect(server().storage.list(`avatars/${fake.user.openid}/`)).toHaveLength(1);
  });
});

describe('profile page when the server answers "maybe saved"', () => {
  const chooseAvatar = async (fake: FakeWx, page: Rendered) => {
    const temp = fake.files.createTemp(Buffer.from('new-avatar'), 'png');
    await page.trigger('#choose-avatar', 'chooseavatar', { avatarUrl: temp });
  };
  const lastUpload = (fake: FakeWx) => fake.cloud.uploads.at(-1)?.fileID as string;

  it('shows the saved profile when the re-read finds the new avatar in the record', async () => {
    const { fake, page } = await openProfile();
    await chooseAvatar(fake, page);
    injectFault('updateProfile', 'maybe-saved-after-write');
    await submit(page, '阿青');
    await page.settle();

    const { avatarFileId, nickname } = await serverUser(fake);
    expect(avatarFileId).toBe(lastUpload(fake));
    expect(
      server()
        .storage.read(avatarFileId as string)
        ?.toString(),
    ).toBe('new-avatar');
    expect(nickname).toBe('阿青');
    expect(page.instance.data).toMatchObject({
      avatarUrl: avatarFileId,
      dirty: false,
      saving: false,
      error: '',
    });
    expect(page.text()).toContain('已保存');
    expect(sessionStore.user?.avatarFileId).toBe(avatarFileId);
  });

  it('deletes the upload and keeps the form when the re-read shows nothing was saved', async () => {
    const { fake, page } = await openProfile();
    await chooseAvatar(fake, page);
    injectFault('updateProfile', 'maybe-saved-no-write');
    await submit(page, '阿青');
    await page.settle();

    expect(server().storage.read(lastUpload(fake))).toBeUndefined();
    expect((await serverUser(fake)).avatarFileId).toBeUndefined();
    expect(page.text()).toContain('保存未成功，请重试');
    expect(page.instance.data).toMatchObject({ nickname: '阿青', dirty: true, saving: false });
  });

  it('keeps the upload when the re-read fails as well (the record may point to it)', async () => {
    const { fake, page } = await openProfile();
    await chooseAvatar(fake, page);
    injectFault('updateProfile', 'maybe-saved-after-write');
    injectFault('getProfile', 'network-no-write');
    await submit(page, '');
    await page.settle();

    expect((await serverUser(fake)).avatarFileId).toBe(lastUpload(fake));
    expect(server().storage.read(lastUpload(fake))).toBeDefined();
    expect(page.instance.data).toMatchObject({ dirty: true, saving: false });
    expect(page.text()).toContain('操作可能已完成，请刷新后查看');
  });

  it('never deletes the upload after a timeout, and does not guess from a re-read', async () => {
    const { fake, page } = await openProfile();
    await chooseAvatar(fake, page);
    injectFault('updateProfile', 'timeout-after-write');
    await submit(page, '');
    await page.settle();

    expect(server().storage.read(lastUpload(fake))).toBeDefined();
    expect(page.text()).toContain('服务响应超时，请稍后重试');
  });

  it('binds the phone when the re-read shows it bound', async () => {
    const { page } = await openProfile();
    injectFault('bindPhone', 'maybe-saved-after-write');
    const code = server().standIns.phoneNumber.issueCode('13812345678');
    await page.trigger('#bind-phone', 'getphonenumber', { code, errMsg: 'getPhoneNumber:ok' });
    await page.settle();
    expect(page.text()).toContain('138****5678');
    expect(page.text()).toContain('手机号已绑定');
  });

  it('asks for a new phone code when the re-read shows nothing bound', async () => {
    const { fake, page } = await openProfile();
    injectFault('bindPhone', 'maybe-saved-no-write');
    const code = server().standIns.phoneNumber.issueCode('13812345678');
    await page.trigger('#bind-phone', 'getphonenumber', { code, errMsg: 'getPhoneNumber:ok' });
    await page.settle();
    expect(page.text()).toContain('手机号未绑定，请重新获取');
    expect(page.text()).toContain('未绑定');
    expect((await serverUser(fake)).phoneNumber).toBeUndefined();
  });

  it('says account deletion may be unfinished, stays signed in, and a retry completes it', async () => {
    const { fake, page } = await openProfile();
    fake.ui.modalAnswer = 'confirm';
    injectFault('deleteAccount', 'maybe-saved-no-write');
    await page.tap('#delete-account');
    await page.settle();
    expect(page.text()).toContain('注销可能未完成，请重试');
    expect(sessionStore.status).toBe('user');

    await page.tap('#delete-account');
    await page.settle();
    expect(sessionStore.status).toBe('guest');
    expect((await fake.cloud.local.database.collection('users').count()).total).toBe(0);
  });

  it('signs out when the re-read after "maybe deleted" finds no account', async () => {
    const { fake, page } = await openProfile();
    fake.ui.modalAnswer = 'confirm';
    injectFault('deleteAccount', 'maybe-saved-after-write');
    await page.tap('#delete-account');
    await page.settle();
    expect(sessionStore.status).toBe('guest');
    expect(fake.ui.toasts.at(-1)?.title).toBe('账号已注销');
  });
});

describe('profile page on older base libraries', () => {
  it('>= 2.27.1: fill components and the phone button, getUserProfile never called', async () => {
    const { fake, page } = await openProfile('2.27.1');
    expect(page.has('#choose-avatar')).toBe(true);
    expect(page.instance.data.caps).toEqual({
      fillComponents: true,
      getUserProfile: false,
      phoneNumberCode: true,
    });
    expect(page.has('#use-wechat-profile')).toBe(false);
    expect(page.has('#bind-phone')).toBe(true);
    expect(fake.calls).not.toContain('getUserProfile');
  });

  it('2.21.2 - 2.27.0 on a phone: fill components and the phone button', async () => {
    const { fake, page } = await openProfile('2.21.2', 'android');
    expect(page.instance.data.caps).toEqual({
      fillComponents: true,
      getUserProfile: false,
      phoneNumberCode: true,
    });
    expect(page.has('#use-wechat-profile')).toBe(false);
    expect(page.has('#bind-phone')).toBe(true);
    expect(page.text()).toContain('可选，用于找回账号');
    expect(fake.calls).not.toContain('getUserProfile');
  });

  it('2.21.2 - 2.27.0 on PC: fill components plus "使用微信头像昵称" on a tap', async () => {
    const { fake, page } = await openProfile('2.25.0', 'windows');
    expect(page.instance.data.caps).toEqual({
      fillComponents: true,
      getUserProfile: true,
      phoneNumberCode: true,
    });
    expect(fake.calls).not.toContain('getUserProfile');

    const temp = fake.files.createTemp(Buffer.from('wx-avatar'), 'jpg');
    fake.wx.getUserProfile = ((options: WechatMiniprogram.GetUserProfileOption) => {
      options.success?.({
        userInfo: { nickName: 'PC 用户', avatarUrl: 'https://thirdwx.qlogo.cn/x/132' },
      } as never);
    }) as typeof fake.wx.getUserProfile;
    fake.wx.downloadFile = ((options: WechatMiniprogram.DownloadFileOption) => {
      options.success?.({ statusCode: 200, tempFilePath: temp, errMsg: 'downloadFile:ok' } as never);
    }) as unknown as typeof fake.wx.downloadFile;
    await page.tap('#use-wechat-profile');
    await page.settle();
    expect(page.instance.data).toMatchObject({ nickname: 'PC 用户', avatarTempPath: temp, dirty: true });
  });

  it('ignores the anonymised answer ("微信用户", grey avatar) of getUserProfile', async () => {
    const { fake, page } = await openProfile('2.25.0', 'mac');
    fake.wx.getUserProfile = ((options: WechatMiniprogram.GetUserProfileOption) => {
      options.success?.({ userInfo: { nickName: '微信用户', avatarUrl: '' } } as never);
    }) as typeof fake.wx.getUserProfile;
    await page.tap('#use-wechat-profile');
    expect(page.instance.data).toMatchObject({ nickname: '', avatarTempPath: '', dirty: false });
  });

  it('2.16.1 - 2.21.1 on PC: default avatar, plain nickname input, getUserProfile on a tap', async () => {
    const { page } = await openProfile('2.16.1', 'windows');
    expect(page.instance.data.caps).toEqual({
      fillComponents: false,
      getUserProfile: true,
      phoneNumberCode: false,
    });
    expect(page.has('#choose-avatar')).toBe(false);
    expect(page.text()).toContain('当前微信版本不支持设置头像');
    expect(page.has('#use-wechat-profile')).toBe(true);
  });

  it('2.16.1 - 2.21.1 on a phone: default avatar and a plain text input; the nickname still saves', async () => {
    const { fake, page } = await openProfile('2.20.0', 'ios');
    expect(page.instance.data.caps).toEqual({
      fillComponents: false,
      getUserProfile: false,
      phoneNumberCode: false,
    });
    expect(page.has('#choose-avatar')).toBe(false);
    expect(page.has('#use-wechat-profile')).toBe(false);
    await submit(page, '老版本用户');
    await page.settle();
    expect((await serverUser(fake)).nickname).toBe('老版本用户');
  });

  it('below 2.21.2 hides the phone button (no code comes back there) and says an update is needed', async () => {
    const { fake, page } = await openProfile('2.21.1', 'android');
    expect(page.has('#bind-phone')).toBe(false);
    expect(page.text()).toContain('需要更新微信后使用');
    expect(page.text()).toContain('未绑定');
    expect(page.text()).not.toContain('可选，用于找回账号');
    // An event that reaches the page anyway (no code, as on those clients) does nothing.
    await page.instance.onGetPhoneNumber({ detail: { errMsg: 'getPhoneNumber:ok' } });
    expect(fake.ui.toasts).toEqual([]);
    expect(page.text()).not.toContain('暂时无法获取手机号');
    expect(
      fake.cloud.calls.filter((call) => (call.data as { action?: string })?.action === 'bindPhone'),
    ).toEqual([]);
  });

  it('below 2.21.2 still shows a phone number bound on a newer client, masked', async () => {
    const { fake, page } = await openProfile();
    const code = server().standIns.phoneNumber.issueCode('13812345678');
    await page.trigger('#bind-phone', 'getphonenumber', { code, errMsg: 'getPhoneNumber:ok' });
    await page.settle();
    page.detach();
    fake.setSdkVersion('2.18.0');
    const old = await openPage('/packages/account/profile/index');
    await old.settle();
    expect(old.has('#bind-phone')).toBe(false);
    expect(old.text()).toContain('138****5678');
    expect(old.text()).toContain('需要更新微信后使用');
  });
});

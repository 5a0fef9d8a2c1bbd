import { PRIVACY_AGREE_BUTTON_ID } from '../../miniprogram/ui/privacy-requests';
import { sessionStore } from '../../miniprogram/stores/session';
import { launchApp, resetApp, restartApp } from '../support/app';
import { currentFakeWx, installFakeWx, type FakeWx } from '../support/fake-wx';
import { openPage, query, renderPage, type Rendered } from '../support/render';

beforeEach(resetApp);

const POPUP = '#privacy-popup';
/** Whether the page's popup is showing (t-popup keeps its content until a CSS transition ends). */
const popupOpen = (page: Rendered) =>
  Boolean(
    (query(page.component, POPUP) as unknown as { instance?: { data: { visible: boolean } } })?.instance?.data
      .visible,
  );

/** The user's tap on the popup's agree button: WeChat records it, then fires the event. */
async function tapAgree(fake: FakeWx, page: Rendered) {
  fake.privacy.userTapsAgree(PRIVACY_AGREE_BUTTON_ID);
  await page.trigger(`${POPUP} >> #agree-privacy`, 'agreeprivacyauthorization', {
    errMsg: 'agreePrivacyAuthorization:ok',
  });
}

/** A launched app with a user on the profile page (privacy not agreed yet). */
async function profileWithoutAgreement() {
  const fake = currentFakeWx();
  await launchApp();
  await sessionStore.login();
  await renderPage('pages/mine/index');
  const page = await openPage('/packages/account/profile/index');
  // The profile page asks up front (proactive mode): decline that first question.
  expect(popupOpen(page)).toBe(true);
  await page.tap(`${POPUP} >> #disagree-privacy`);
  return { fake, page };
}

describe('privacy popup', () => {
  it('opens on the current page when chooseAvatar is tapped; agreeing lets it proceed', async () => {
    const { fake, page } = await profileWithoutAgreement();
    const touched = fake.privacy.touch('chooseAvatar');
    await page.settle();

    expect(popupOpen(page)).toBe(true);
    expect(page.text()).toContain('隐私保护提示');
    expect(page.text()).toContain('为了设置头像');
    expect(page.text()).toContain('《小程序隐私保护指引》');
    expect(fake.privacy.exposures).toBeGreaterThan(0);
    // WeChat checks resolve's buttonId against the id of the native button the user tapped:
    // TDesign renders its inner <button id="{{tId}}">, so t-id must be that buttonId.
    const agreeButton = query(page.component, `${POPUP} >> #agree-privacy`) as unknown as {
      instance: { data: { tId: string; openType: string } };
    };
    expect(agreeButton.instance.data).toMatchObject({
      tId: PRIVACY_AGREE_BUTTON_ID,
      openType: 'agreePrivacyAuthorization',
    });

    await tapAgree(fake, page);
    await expect(touched).resolves.toBeUndefined();
    expect(fake.privacy.agreed).toBe(true);
    expect(fake.privacy.errors).toEqual([]);
    expect(popupOpen(page)).toBe(false);

    // The original action goes on: WeChat opens the chooser, the page gets the avatar.
    const temp = fake.files.createTemp(Buffer.from('a'), 'jpg');
    await page.trigger('#choose-avatar', 'chooseavatar', { avatarUrl: temp });
    expect(page.instance.data.avatarUrl).toBe(temp);
  });

  it('disagreeing fails the held action with a gentle message; the page stays usable', async () => {
    const { fake, page } = await profileWithoutAgreement();
    // Observed from the start: the rejection arrives during the tap below.
    const outcome = fake.privacy.touch('input.nickname').then(
      () => 'allowed',
      (error: unknown) => error,
    );
    await page.settle();
    const toastsBefore = fake.ui.toasts.length;
    await page.tap(`${POPUP} >> #disagree-privacy`);

    expect(fake.ui.toasts.length).toBe(toastsBefore + 1);
    expect(await outcome).toMatchObject({
      errno: 104,
      errMsg: expect.stringContaining('privacy permission is not authorized'),
    });
    expect(fake.ui.toasts.at(-1)?.title).toBe('未同意隐私保护指引，暂时无法使用该功能');
    expect(popupOpen(page)).toBe(false);
    // Still usable: a plain submit works.
    await page.trigger('#profile-form', 'submit', { value: { nickname: '手动输入' } });
    await page.settle();
    expect(sessionStore.user?.nickname).toBe('手动输入');
  });

  it('resolves every request held before one agree', async () => {
    const { fake, page } = await profileWithoutAgreement();
    const first = fake.privacy.touch('chooseAvatar');
    const second = fake.privacy.touch('button.getPhoneNumber');
    await page.settle();
    await tapAgree(fake, page);
    await expect(Promise.all([first, second])).resolves.toEqual([undefined, undefined]);
    expect(fake.privacy.pending).toEqual([]);
  });

  it('with two tabBar pages alive, only the page on top shows it', async () => {
    const fake = currentFakeWx();
    await launchApp();
    const home = await renderPage('pages/home/index');
    await new Promise<void>((resolve) =>
      fake.wx.switchTab({ url: '/pages/mine/index', success: () => resolve() }),
    );
    const mine = await renderPage('pages/mine/index');

    const touched = fake.privacy.touch('setClipboardData');
    await mine.settle();
    expect(popupOpen(mine)).toBe(true);
    expect(popupOpen(home)).toBe(false);
    await tapAgree(fake, mine);
    await touched;
    expect(popupOpen(mine)).toBe(false);
  });

  it('never shows again after agreeing, also after an app restart', async () => {
    const { fake, page } = await profileWithoutAgreement();
    const touched = fake.privacy.touch('chooseAvatar');
    await page.settle();
    await tapAgree(fake, page);
    await touched;

    restartApp();
    await launchApp();
    const home = await renderPage('pages/home/index');
    await fake.privacy.touch('chooseAvatar');
    await home.settle();
    expect(popupOpen(home)).toBe(false);
    expect(fake.privacy.requests.at(-1)).toMatchObject({ via: 'agreed', outcome: 'allowed' });
  });

  it('asks up front on the profile page (proactive mode)', async () => {
    const fake = currentFakeWx();
    await launchApp();
    await sessionStore.login();
    const page = await openPage('/packages/account/profile/index');
    expect(popupOpen(page)).toBe(true);
    expect(fake.calls).toContain('requirePrivacyAuthorize');
    await tapAgree(fake, page);
    expect(fake.privacy.agreed).toBe(true);
  });

  it('opens the privacy guide from its link', async () => {
    const { fake, page } = await profileWithoutAgreement();
    void fake.privacy.touch('chooseAvatar').catch(() => undefined);
    await page.settle();
    await page.tap(`${POPUP} >> #open-contract`);
    expect(fake.privacy.contractOpened).toBe(1);
  });

  it('shows the guide name WeChat reports', async () => {
    const fake = installFakeWx({ privacyContractName: '《示例小程序隐私保护指引》' });
    await launchApp();
    const page = await renderPage('pages/home/index');
    void fake.privacy.touch('chooseAvatar').catch(() => undefined);
    await page.settle();
    expect(page.text()).toContain('《示例小程序隐私保护指引》');
  });

  it('resolves the held request as disagreed if the page closes with the popup open', async () => {
    const { fake, page } = await profileWithoutAgreement();
    const outcome = fake.privacy.touch('chooseAvatar').then(
      () => 'allowed',
      (error: unknown) => error,
    );
    await page.settle();
    page.detach();
    expect(await outcome).toMatchObject({ errno: 104 });
  });

  it('on base library 2.32.2 nothing about privacy is called and features just work', async () => {
    const fake = installFakeWx({ sdkVersion: '2.32.2' });
    await launchApp();
    await sessionStore.login();
    const page = await openPage('/packages/account/profile/index');
    const privacyApis = [
      'getPrivacySetting',
      'onNeedPrivacyAuthorization',
      'requirePrivacyAuthorize',
      'openPrivacyContract',
    ];
    expect(fake.calls.filter((name) => privacyApis.includes(name))).toEqual([]);
    expect(popupOpen(page)).toBe(false);
    await fake.privacy.touch('chooseAvatar');
    expect(popupOpen(page)).toBe(false);
  });

  it('closes the question on every page once it is answered', async () => {
    const fake = currentFakeWx();
    await launchApp();
    const home = await renderPage('pages/home/index');
    void fake.privacy.touch('setClipboardData').catch(() => undefined);
    await home.settle();
    expect(popupOpen(home)).toBe(true);
    // Another page comes on top while the question is open, and asks again.
    const article = await openPage('/packages/content/article/index?id=guest-first');
    const second = fake.privacy.touch('setClipboardData');
    await article.settle();
    await tapAgree(fake, article);
    await second;
    expect(popupOpen(article)).toBe(false);
    expect(popupOpen(home)).toBe(false);
  });

  it('every page includes the popup', async () => {
    const { pages } = (await import('../../miniprogram/app.json')) as unknown as { pages: string[] };
    for (const route of pages) {
      const page = await renderPage(route);
      expect(page.has(POPUP)).toBe(true);
    }
  });
});

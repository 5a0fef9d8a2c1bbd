/**
 * End to end: login -> fill the profile (avatar upload + nickname through the content
 * check) -> close and reopen the app (new page instances, same storage) -> the profile
 * is shown without asking again.
 */
import { sessionStore } from '../../miniprogram/stores/session';
import { launchApp, resetApp, restartApp, server, sheet } from '../support/app';
import { currentFakeWx } from '../support/fake-wx';
import { openPage, renderPage } from '../support/render';
import { injectFault } from '../services/faults';

beforeEach(resetApp);

it('login -> fill profile -> reopen: the profile is there, nothing asked again', async () => {
  const fake = currentFakeWx();
  fake.privacy.agreed = true;
  await launchApp();
  const mine = await renderPage('pages/mine/index');
  await mine.tap('#profile');
  await mine.tap(sheet.agree);
  await mine.tap(sheet.login);
  await mine.settle();
  expect(fake.router.stack.at(-1)?.route).toBe('packages/account/profile/index');

  const profile = await renderPage('packages/account/profile/index');
  const temp = fake.files.createTemp(Buffer.from('me'), 'jpg');
  await profile.trigger('#choose-avatar', 'chooseavatar', { avatarUrl: temp });
  await profile.trigger('#profile-form', 'submit', { value: { nickname: '阿青' } });
  await profile.settle();
  expect(profile.text()).not.toContain('失败');

  restartApp();
  const callsBefore = fake.calls.length;
  await launchApp();
  const reopened = await renderPage('pages/mine/index');
  expect(sessionStore.status).toBe('user');
  expect(reopened.text()).toContain('阿青');
  expect(reopened.instance.data.avatarUrl).toMatch(/^cloud:\/\/.+\/avatars\//);
  expect(reopened.text()).not.toContain('登录后继续');
  const afterLaunch = fake.calls.slice(callsBefore);
  expect(afterLaunch).not.toContain('getUserProfile');
  expect(afterLaunch).not.toContain('chooseAvatar');

  const form = await openPage('/packages/account/profile/index');
  await form.settle();
  expect(form.instance.data).toMatchObject({ nickname: '阿青', dirty: false });
});

it('a save answered "maybe saved" after it landed: shown as saved, and the avatar survives a reopen', async () => {
  const fake = currentFakeWx();
  fake.privacy.agreed = true;
  await launchApp();
  await sessionStore.login();
  const profile = await openPage('/packages/account/profile/index');
  const temp = fake.files.createTemp(Buffer.from('kept'), 'jpg');
  await profile.trigger('#choose-avatar', 'chooseavatar', { avatarUrl: temp });
  injectFault('updateProfile', 'maybe-saved-after-write');
  await profile.trigger('#profile-form', 'submit', { value: { nickname: '阿青' } });
  await profile.settle();
  expect(profile.text()).toContain('已保存');

  restartApp();
  await launchApp();
  const reopened = await renderPage('pages/mine/index');
  expect(reopened.text()).toContain('阿青');
  const avatarFileId = sessionStore.user?.avatarFileId ?? '';
  expect(reopened.instance.data.avatarUrl).toBe(avatarFileId);
  expect(server().storage.read(avatarFileId)?.toString()).toBe('kept');
});

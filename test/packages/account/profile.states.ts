// Screenshot states of 个人资料 (see scripts/screenshots/states.ts).
import { sessionStore } from '../../../miniprogram/stores/session';
import { sampleAvatar } from '../../../scripts/screenshots/sample-avatar';
import { pageStates } from '../../../scripts/screenshots/states';
import { launchApp, server } from '../../support/app';
import type { FakeWx } from '../../support/fake-wx';
import { openPage, renderPage, type Rendered } from '../../support/render';

/** 我的 → 个人资料 for a user who agreed to the privacy guide. */
async function openAsUser(fake: FakeWx): Promise<Rendered> {
  fake.privacy.agreed = true;
  await sessionStore.login();
  await renderPage('pages/mine/index');
  return openPage('/packages/account/profile/index');
}

/** Picks an avatar, fills in a nickname, saves, and binds a phone number, through the page. */
export async function fillProfile(fake: FakeWx, nickname = '小明'): Promise<void> {
  const page = await openAsUser(fake);
  await page.trigger('#choose-avatar', 'chooseavatar', {
    avatarUrl: fake.files.createTemp(sampleAvatar(), 'png'),
  });
  await page.trigger('#nickname', 'input', { value: nickname });
  await page.trigger('#profile-form', 'submit', { value: { nickname } });
  await page.settle();
  const code = server().standIns.phoneNumber.issueCode('13812345678');
  await page.trigger('#bind-phone', 'getphonenumber', { code, errMsg: 'getPhoneNumber:ok' });
  await page.settle();
  page.detach();
}

export default pageStates('packages/account/profile/index', [
  { name: 'guest', caption: '游客通过链接打开：说明原因并请他登录' },
  {
    name: 'user',
    caption: '刚登录：头像用 chooseAvatar 按钮，昵称用 nickname 输入框',
    open: ({ fake }) => openAsUser(fake),
  },
  {
    name: 'filled',
    caption: '选好头像、填好昵称并保存，手机号已绑定（只显示掩码）',
    async open({ fake }) {
      await fillProfile(fake);
      return openPage('/packages/account/profile/index');
    },
  },
  {
    name: 'saving',
    caption: '保存中：先上传头像，再保存资料，按钮显示进度',
    async open({ fake }) {
      const page = await openAsUser(fake);
      await page.trigger('#choose-avatar', 'chooseavatar', {
        avatarUrl: fake.files.createTemp(sampleAvatar(), 'png'),
      });
      await page.trigger('#nickname', 'input', { value: '小明' });
      fake.cloud.hold(); // the server's answer never arrives while the picture is taken
      await page.trigger('#profile-form', 'submit', { value: { nickname: '小明' } });
      return page;
    },
  },
  {
    name: 'nickname-rejected',
    caption: '昵称未通过内容安全检测：说明原因，输入保留',
    async open({ fake }) {
      const page = await openAsUser(fake);
      await page.trigger('#nickname', 'input', { value: '我是违禁词' });
      await page.trigger('#profile-form', 'submit', { value: { nickname: '我是违禁词' } });
      await page.settle();
      return page;
    },
  },
  {
    name: 'privacy',
    caption: '首次进入用到隐私接口的页面：隐私保护提示弹窗',
    async open() {
      await launchApp();
      await sessionStore.login();
      await renderPage('pages/mine/index');
      return openPage('/packages/account/profile/index');
    },
  },
]);

/**
 * WeChat's own dialogs in the preview answer the app as WeChat documents: showModal
 * `{ confirm, cancel }`, showActionSheet `{ tapIndex }` or `showActionSheet:fail cancel`,
 * openSetting the authSetting after the user's changes, setClipboardData WeChat's
 * 内容已复制 toast. Answers that do not fit the open dialog leave it open.
 */
import { NativeLayer } from '../../scripts/preview/app/native-ui';
import { installFakeWx, type FakeWx } from '../support/fake-wx';

describe('preview: WeChat’s dialogs', () => {
  let fake: FakeWx;
  let layer: NativeLayer;
  let changes = 0;
  const authSetting = { 'scope.camera': true, 'scope.record': false, 'scope.unknownToApp': true };

  beforeEach(() => {
    fake = installFakeWx({ privacyAgreed: true });
    changes = 0;
    layer = new NativeLayer(fake, { ...authSetting }, () => (changes += 1));
  });

  afterEach(() => layer.dispose());

  it('showModal waits for the user; a stray answer leaves it open', async () => {
    const answered = fake.wx.showModal({ title: '退出登录', content: '确定退出？', confirmText: '退出' });
    await Promise.resolve();
    expect(layer.current()).toMatchObject({
      kind: 'modal',
      title: '退出登录',
      confirmText: '退出',
      showCancel: true,
    });
    layer.answer('item:0');
    expect(layer.current()).toMatchObject({ kind: 'modal' });
    layer.answer('cancel');
    await expect(answered).resolves.toMatchObject({ confirm: false, cancel: true });
    expect(layer.current()).toBeUndefined();
    expect(changes).toBeGreaterThan(0);
  });

  it('showActionSheet answers the tapped index, or fails with cancel; bad lists fail at once', async () => {
    const picked = fake.wx.showActionSheet({ itemList: ['拍照', '从相册选择'] });
    await Promise.resolve();
    expect(layer.current()).toMatchObject({
      kind: 'sheet',
      items: [{ text: '拍照' }, { text: '从相册选择' }],
    });
    layer.answer('item:5');
    expect(layer.current()).toMatchObject({ kind: 'sheet' });
    layer.answer('item:1');
    await expect(picked).resolves.toMatchObject({ tapIndex: 1, errMsg: 'showActionSheet:ok' });

    const cancelled = fake.wx.showActionSheet({ itemList: ['A'] });
    await Promise.resolve();
    layer.answer('cancel');
    await expect(cancelled).rejects.toMatchObject({ errMsg: 'showActionSheet:fail cancel' });

    const fail = jest.fn();
    fake.wx.showActionSheet({ itemList: [], fail } as never);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fail).toHaveBeenCalledWith(expect.objectContaining({ errMsg: expect.stringMatching(/itemList/) }));
  });

  it('openSetting shows the scopes WeChat names, switches change them, closing answers authSetting', async () => {
    await expect(fake.wx.getSetting()).resolves.toMatchObject({ authSetting });
    const opened = fake.wx.openSetting();
    await Promise.resolve();
    const page = layer.current();
    expect(page).toMatchObject({ kind: 'settings' });
    expect(page && page.kind === 'settings' ? page.rows.map((row) => row.scope).sort() : []).toEqual([
      'scope.camera',
      'scope.record',
    ]);
    layer.answer('toggle:scope.record');
    expect(layer.current()).toMatchObject({
      kind: 'settings',
      rows: expect.arrayContaining([expect.objectContaining({ scope: 'scope.record', granted: true })]),
    });
    layer.answer('confirm');
    await expect(opened).resolves.toMatchObject({
      authSetting: { 'scope.camera': true, 'scope.record': true },
    });
    await expect(fake.wx.getSetting()).resolves.toMatchObject({ authSetting: { 'scope.record': true } });
  });

  it('setClipboardData stores the text and shows WeChat’s 内容已复制 toast, both call styles', async () => {
    await fake.wx.setClipboardData({ data: 'weixin://dl/business/?t=abc' });
    expect(fake.clipboard.data).toBe('weixin://dl/business/?t=abc');
    expect(layer.current()).toMatchObject({ kind: 'toast', title: '内容已复制' });
    const success = jest.fn();
    fake.wx.setClipboardData({ data: 'second', success });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(success).toHaveBeenCalled();
    expect(fake.clipboard.data).toBe('second');
  });

  it('the avatar sheet: WeChat’s avatar, a picked file, or cancel', () => {
    const chosen: { content: Buffer; ext: string }[] = [];
    const sample = () => Buffer.from('sample');
    layer.chooseAvatar(sample, (file) => chosen.push(file));
    layer.answer('item:0');
    layer.chooseAvatar(sample, (file) => chosen.push(file));
    layer.answer('file', { ext: 'jpg', base64: Buffer.from('picked').toString('base64') });
    layer.chooseAvatar(sample, (file) => chosen.push(file));
    layer.answer('cancel');
    expect(chosen.map((file) => [file.content.toString(), file.ext])).toEqual([
      ['sample', 'png'],
      ['picked', 'jpg'],
    ]);
    expect(layer.current()).toBeUndefined();
  });
});

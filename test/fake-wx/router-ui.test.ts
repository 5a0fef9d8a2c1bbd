import { currentFakeWx, installFakeWx, MAX_PAGES } from '../support/fake-wx';

const routes = {
  pages: [
    'pages/home/index',
    'pages/mine/index',
    'packages/account/login/index',
    'packages/account/profile/edit',
    'pkg/detail/index',
  ],
  tabBarPages: ['pages/home/index', 'pages/mine/index'],
};

describe('fake wx router', () => {
  beforeEach(() => {
    installFakeWx({ routes });
  });

  it('reads pages and tabBar pages from miniprogram/app.json by default', () => {
    const fake = installFakeWx();
    expect(fake.router.pages).toEqual(expect.arrayContaining(['pages/home/index', 'pages/mine/index']));
    expect(fake.router.tabBarPages).toEqual(['pages/home/index', 'pages/mine/index']);
  });

  it('keeps a page stack with options and a history', async () => {
    const fake = currentFakeWx();
    await wx.reLaunch({ url: '/pages/home/index' });
    await wx.navigateTo({ url: '/packages/account/login/index?redirect=%2Fpages%2Fmine%2Findex&from=home' });
    expect(getCurrentPages()).toEqual([
      { route: 'pages/home/index', options: {} },
      {
        route: 'packages/account/login/index',
        options: { redirect: '%2Fpages%2Fmine%2Findex', from: 'home' },
      },
    ]);
    await wx.redirectTo({ url: '../profile/edit' }); // relative to packages/account/login/
    expect(fake.router.stack.map((entry) => entry.route)).toEqual([
      'pages/home/index',
      'packages/account/profile/edit',
    ]);
    await wx.navigateBack();
    expect(fake.router.stack.map((entry) => entry.route)).toEqual(['pages/home/index']);
    expect(fake.router.history.map((record) => [record.method, record.route])).toEqual([
      ['reLaunch', 'pages/home/index'],
      ['navigateTo', 'packages/account/login/index'],
      ['redirectTo', 'packages/account/profile/edit'],
      ['navigateBack', 'pages/home/index'],
    ]);
  });

  it('enforces the documented rules', async () => {
    const fake = currentFakeWx();
    await wx.reLaunch({ url: '/pages/home/index' });
    await expect(wx.navigateTo({ url: '/pages/nope/index' })).rejects.toEqual({
      errMsg: 'navigateTo:fail page "pages/nope/index" is not found',
    });
    await expect(wx.navigateTo({ url: '/pages/mine/index' })).rejects.toEqual({
      errMsg: 'navigateTo:fail can not navigateTo a tabbar page',
    });
    await expect(wx.redirectTo({ url: '/pages/mine/index' })).rejects.toEqual({
      errMsg: 'redirectTo:fail can not redirectTo a tabbar page',
    });
    await expect(wx.switchTab({ url: '/packages/account/login/index' })).rejects.toEqual({
      errMsg: 'switchTab:fail can not switch to no-tabBar page',
    });
    await expect(wx.navigateBack()).rejects.toEqual({
      errMsg: 'navigateBack:fail cannot navigate back at first page.',
    });
    await expect(wx.navigateTo({} as WechatMiniprogram.NavigateToOption)).rejects.toEqual({
      errMsg: 'navigateTo:fail parameter error: parameter.url should be String instead of Undefined;',
    });
    for (let i = fake.router.stack.length; i < MAX_PAGES; i += 1) fake.router.navigateTo('/pkg/detail/index');
    await expect(wx.navigateTo({ url: '/pkg/detail/index' })).rejects.toEqual({
      errMsg: 'navigateTo:fail webview count limit exceed',
    });
  });

  it('switchTab closes non-tabBar pages and drops the query', async () => {
    const fake = currentFakeWx();
    fake.router.reLaunch('/pages/home/index');
    fake.router.navigateTo('/packages/account/login/index');
    await wx.switchTab({ url: '/pages/mine/index?x=1' });
    expect(fake.router.stack).toEqual([{ route: 'pages/mine/index', options: {} }]);
  });

  it('navigateBack with a large delta stops at the first page', () => {
    const fake = currentFakeWx();
    fake.router.reLaunch('/pages/home/index');
    fake.router.navigateTo('/packages/account/login/index');
    fake.router.navigateTo('/pkg/detail/index');
    fake.router.navigateBack(5);
    expect(fake.router.stack.map((entry) => entry.route)).toEqual(['pages/home/index']);
  });

  it('attaches page instances and returns them from getCurrentPages', () => {
    const fake = currentFakeWx();
    fake.router.reLaunch('/pages/home/index?tab=1');
    const home = { data: {} };
    fake.router.attach('pages/home/index', home);
    expect(getCurrentPages()).toEqual([home]);
    expect(home).toEqual({ data: {}, route: 'pages/home/index', options: { tab: '1' } });

    const mine = { data: { m: 1 } };
    fake.router.attach('/pages/mine/index', mine, { from: 'test' });
    expect(getCurrentPages()).toEqual([home, mine]);
    expect(fake.router.stack[1]).toMatchObject({ route: 'pages/mine/index', options: { from: 'test' } });
  });

  it('notifies navigation listeners', () => {
    const fake = currentFakeWx();
    const listener = jest.fn();
    const stop = fake.router.onNavigate(listener);
    fake.router.reLaunch('/pages/home/index');
    stop();
    fake.router.navigateTo('/packages/account/login/index');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0][0]).toMatchObject({ method: 'reLaunch', route: 'pages/home/index' });
  });
});

describe('fake wx UI recording', () => {
  it('records toasts and loading', async () => {
    const fake = currentFakeWx();
    await wx.showLoading({ title: '加载中', mask: true });
    expect(fake.ui.loading).toEqual({ title: '加载中', mask: true });
    await wx.hideLoading();
    expect(fake.ui.loading).toBeNull();
    await expect(wx.showToast({ title: '已保存', icon: 'success' })).resolves.toEqual({
      errMsg: 'showToast:ok',
    });
    expect(fake.ui.toasts).toEqual([{ title: '已保存', icon: 'success' }]);
    expect(fake.ui.loadings).toEqual([{ title: '加载中', mask: true }]);
  });

  it('answers modals as configured', async () => {
    const fake = currentFakeWx();
    await expect(wx.showModal({ title: '登录', content: '登录后可收藏' })).resolves.toEqual({
      confirm: true,
      cancel: false,
      errMsg: 'showModal:ok',
    });
    fake.ui.modalAnswer = 'cancel';
    const success = jest.fn();
    wx.showModal({ title: '退出登录', confirmText: '退出', success });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(success).toHaveBeenCalledWith({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    // Without a cancel button the only answer is confirm.
    await expect(wx.showModal({ content: '提示', showCancel: false })).resolves.toMatchObject({
      confirm: true,
    });
    expect(fake.ui.modals.map((modal) => [modal.title, modal.answer])).toEqual([
      ['登录', 'confirm'],
      ['退出登录', 'cancel'],
      [undefined, 'confirm'],
    ]);
  });

  it('answers action sheets as configured', async () => {
    const fake = currentFakeWx();
    fake.ui.actionSheetAnswer = 1;
    await expect(wx.showActionSheet({ itemList: ['a', 'b'] })).resolves.toMatchObject({ tapIndex: 1 });
    fake.ui.actionSheetAnswer = 'cancel';
    await expect(wx.showActionSheet({ itemList: ['a'] })).rejects.toEqual({
      errMsg: 'showActionSheet:fail cancel',
    });
  });

  it('logs exceptions thrown by app callbacks instead of propagating them', async () => {
    const fake = currentFakeWx();
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    wx.showToast({
      title: 'x',
      success: () => {
        throw new Error('boom');
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(fake.callbackErrors).toEqual([new Error('boom')]);
    error.mockRestore();
  });
});

describe('fake wx files and media', () => {
  it('creates DevTools-like temp files and picks them with chooseMedia', async () => {
    const fake = currentFakeWx();
    fake.privacy.agreed = true;
    const path = fake.files.createTemp('avatar-bytes');
    expect(path).toMatch(/^http:\/\/tmp\/[0-9a-f]{32}\.jpg$/);
    expect(fake.files.read(path)?.toString()).toBe('avatar-bytes');
    expect(fake.files.createTemp(Buffer.from([1, 2]), 'png')).toMatch(/\.png$/);

    fake.files.nextChoice = 'picked';
    const res = await wx.chooseMedia({ count: 1, mediaType: ['image'] });
    expect(res.tempFiles[0]).toMatchObject({ size: 6, fileType: 'image' });
    expect(fake.files.read(res.tempFiles[0].tempFilePath)?.toString()).toBe('picked');

    fake.files.nextChoice = 'cancel';
    await expect(wx.chooseImage({ count: 1 })).rejects.toEqual({ errMsg: 'chooseImage:fail cancel' });
  });

  it('reports the network state', async () => {
    const fake = currentFakeWx();
    const listener = jest.fn();
    wx.onNetworkStatusChange(listener);
    await expect(wx.getNetworkType()).resolves.toMatchObject({ networkType: 'wifi' });
    fake.network.offline = true;
    await expect(wx.getNetworkType()).resolves.toMatchObject({ networkType: 'none' });
    expect(listener).toHaveBeenCalledWith({ isConnected: false, networkType: 'none' });
  });
});

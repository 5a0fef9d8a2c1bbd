import { currentFakeWx, ITEM_LIMIT_BYTES, installFakeWx, type WxError } from '../support/fake-wx';

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A string whose JSON form takes exactly `bytes` bytes. */
const jsonOfSize = (bytes: number): string => 'x'.repeat(bytes - 2);

describe('fake wx storage', () => {
  it('stores a deep copy and returns a fresh copy on every read', () => {
    const profile = { name: '小明', tags: ['a'], nested: { n: 1 } };
    wx.setStorageSync('profile', profile);
    profile.tags.push('changed after set');

    const first = wx.getStorageSync('profile');
    expect(first).toEqual({ name: '小明', tags: ['a'], nested: { n: 1 } });
    first.nested.n = 2;
    expect(wx.getStorageSync('profile').nested.n).toBe(1);
  });

  it('round-trips like WeChat: top-level Date stays a Date, nested values go through JSON', () => {
    const at = new Date('2024-05-01T08:00:00.000Z');
    wx.setStorageSync('at', at);
    wx.setStorageSync('record', { at, fn: () => 1, missing: undefined, n: 1 });
    wx.setStorageSync('count', 3);
    wx.setStorageSync('flag', false);

    const restored = wx.getStorageSync('at');
    expect(restored).toBeInstanceOf(Date);
    expect(restored.getTime()).toBe(at.getTime());
    expect(wx.getStorageSync('record')).toEqual({ at: '2024-05-01T08:00:00.000Z', n: 1 });
    expect(wx.getStorageSync('count')).toBe(3);
    expect(wx.getStorageSync('flag')).toBe(false);
  });

  it("returns '' for a missing key (sync) and fails 'getStorage:fail data not found' (async)", async () => {
    expect(wx.getStorageSync('nope')).toBe('');
    await expect(wx.getStorage({ key: 'nope' })).rejects.toEqual({
      errMsg: 'getStorage:fail data not found',
    });

    const fail = jest.fn();
    const complete = jest.fn();
    wx.getStorage({ key: 'nope', fail, complete });
    expect(fail).not.toHaveBeenCalled(); // never synchronously
    await flush();
    expect(fail).toHaveBeenCalledWith({ errMsg: 'getStorage:fail data not found' });
    expect(complete).toHaveBeenCalledTimes(1);
  });

  it('supports the async APIs in callback and promise form', async () => {
    await expect(wx.setStorage({ key: 'k', data: { v: 1 } })).resolves.toEqual({ errMsg: 'setStorage:ok' });
    await expect(wx.getStorage({ key: 'k' })).resolves.toEqual({ data: { v: 1 }, errMsg: 'getStorage:ok' });

    const success = jest.fn();
    wx.getStorageInfo({ success });
    await flush();
    expect(success).toHaveBeenCalledWith(expect.objectContaining({ keys: ['k'], limitSize: 10240 }));

    await wx.removeStorage({ key: 'k' });
    expect(wx.getStorageSync('k')).toBe('');
    wx.setStorageSync('a', 1);
    await wx.clearStorage();
    expect(wx.getStorageInfoSync().keys).toEqual([]);
  });

  it('reports keys, size in KB and the 10240 KB limit', () => {
    wx.setStorageSync('a', 'x');
    wx.setStorageSync('b', jsonOfSize(4096));
    const info = wx.getStorageInfoSync();
    expect(info.keys).toEqual(['a', 'b']);
    expect(info.limitSize).toBe(10240);
    expect(info.currentSize).toBe(5); // 2 + 3 + 1 + 4096 bytes -> 5 KB
    wx.removeStorageSync('b');
    expect(wx.getStorageInfoSync()).toEqual({ keys: ['a'], currentSize: 1, limitSize: 10240 });
    wx.clearStorageSync();
    expect(wx.getStorageInfoSync().keys).toEqual([]);
  });

  it('refuses more than 1 MB under one key, sync and async', async () => {
    wx.setStorageSync('fits', jsonOfSize(ITEM_LIMIT_BYTES));
    expect(() => wx.setStorageSync('big', jsonOfSize(ITEM_LIMIT_BYTES + 1))).toThrow(
      'setStorageSync:fail exceed storage item max length',
    );
    await expect(wx.setStorage({ key: 'big', data: jsonOfSize(ITEM_LIMIT_BYTES + 1) })).rejects.toEqual({
      errMsg: 'setStorage:fail exceed storage item max length',
    });
    expect(wx.getStorageSync('big')).toBe('');
  });

  it('refuses to go over 10 MB in total, keeping what was stored', () => {
    for (let i = 0; i < 9; i += 1) wx.setStorageSync(`k${i}`, jsonOfSize(ITEM_LIMIT_BYTES));
    expect(() => wx.setStorageSync('k9', jsonOfSize(ITEM_LIMIT_BYTES))).toThrow(
      'setStorageSync:fail exceed storage max size 10Mb',
    );
    expect(wx.getStorageInfoSync().keys).toHaveLength(9);
    // Replacing a value counts only the difference.
    wx.setStorageSync('k0', jsonOfSize(ITEM_LIMIT_BYTES - 10));
    wx.setStorageSync('small', 'ok');
    expect(wx.getStorageSync('small')).toBe('ok');
  });

  it('fails on a non-string key with the parameter error', async () => {
    expect(() => (wx.getStorageSync as (key: unknown) => unknown)(undefined)).toThrow(
      'getStorageSync:fail parameter error: parameter.key should be String instead of Undefined;',
    );
    const err = await (wx.setStorage({ key: 1 as unknown as string, data: 1 }) as Promise<unknown>).catch(
      (error: WxError) => error,
    );
    expect(err).toEqual({
      errMsg: 'setStorage:fail parameter error: parameter.key should be String instead of Number;',
    });
  });

  it('keeps storage across an app restart, and a fresh fake starts empty', () => {
    const fake = currentFakeWx();
    wx.setStorageSync('session', { token: 't' });
    fake.restartApp();
    expect(wx.getStorageSync('session')).toEqual({ token: 't' });
    expect(fake.storage.get('session')).toEqual({ token: 't' });

    installFakeWx();
    expect(wx.getStorageSync('session')).toBe('');
  });

  it('lets tests seed and inspect storage', () => {
    const fake = currentFakeWx();
    fake.storage.set('seeded', [1, 2]);
    expect(wx.getStorageSync('seeded')).toEqual([1, 2]);
    wx.batchSetStorageSync([{ key: 'x', value: 'y' }]);
    expect(fake.storage.keys()).toEqual(['seeded', 'x']);
    expect(wx.batchGetStorageSync(['x', 'missing'])).toEqual(['y', '']);
  });
});

import { pageUrl, type RouteName } from '../routes';

/** What a user reads when a page could not be opened (e.g. its subpackage did not download). */
export const OPEN_FAILED = '页面没有打开，请检查网络后重试';

/**
 * Opens a page of the app on top of the current one. A page in a subpackage may first need
 * a download (app.json's preloadRule has usually done it while 首页 / 我的 was shown); when
 * that fails the tap gets an answer instead of nothing. At WeChat's limit of ten pages the
 * new page replaces the current one.
 */
export function goTo(name: RouteName, query?: Record<string, string>): void {
  const url = pageUrl(name, query);
  wx.navigateTo({
    url,
    fail: (error: WechatMiniprogram.GeneralCallbackResult) => {
      if (/limit exceed/.test(error.errMsg)) {
        wx.redirectTo({ url, fail: () => wx.showToast({ title: OPEN_FAILED, icon: 'none' }) });
        return;
      }
      wx.showToast({ title: OPEN_FAILED, icon: 'none' });
    },
  });
}

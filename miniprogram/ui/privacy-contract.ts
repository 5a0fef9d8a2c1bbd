import { goTo } from './navigate';
/**
 * Opens the privacy guide configured in the admin console (base library >= 2.32.3).
 * Older clients have no such API: the local copy of the guide is shown instead.
 */
export function openPrivacyContract(): void {
  if (typeof wx.openPrivacyContract === 'function') {
    wx.openPrivacyContract({
      fail: () => wx.showToast({ title: '暂时无法打开隐私保护指引', icon: 'none' }),
    });
    return;
  }
  goTo('agreement', { doc: 'privacy' });
}

export function openUserAgreement(): void {
  goTo('agreement', { doc: 'terms' });
}

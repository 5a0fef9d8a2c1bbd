import { isSdkSupported } from '../utils/version';

/** What a user on a base library below MIN_SDK_VERSION is told. */
export const OUTDATED_CLIENT_MESSAGE = '当前微信版本过低，请升级到最新版本后使用';

/**
 * Tells the user to update WeChat. Where the client can open WeChat's update page
 * (`wx.updateWeChatApp`, base library 2.12.0) 「去升级」 does that; otherwise the modal only
 * informs. Never throws: it runs on clients that lack things.
 */
export function promptClientUpdate(): void {
  try {
    const canOpenUpdate = typeof wx.updateWeChatApp === 'function';
    wx.showModal({
      title: '提示',
      content: OUTDATED_CLIENT_MESSAGE,
      showCancel: canOpenUpdate,
      cancelText: '暂不升级',
      confirmText: canOpenUpdate ? '去升级' : '知道了',
      success: ({ confirm }) => {
        if (confirm && canOpenUpdate) wx.updateWeChatApp({ fail: () => undefined });
      },
    });
  } catch {
    // Nothing more to do on a client that cannot even show a modal.
  }
}

/**
 * At launch: true when the base library is supported. Otherwise shows the update prompt
 * and answers false; the caller then skips everything that needs the newer library.
 */
export function checkClientVersion(): boolean {
  if (isSdkSupported()) return true;
  promptClientUpdate();
  return false;
}

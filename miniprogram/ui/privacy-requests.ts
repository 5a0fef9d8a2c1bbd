import { runInAction } from 'mobx-miniprogram';
import { DEFAULT_CONTRACT_NAME, privacyStore } from '../stores/privacy';

/**
 * The app-wide privacy-authorization manager (README "平台规则": privacy authorization, base library >= 2.32.3).
 *
 * WeChat holds back a privacy API or component (chooseAvatar, nickname input,
 * getPhoneNumber, clipboard...) until the user agreed to the privacy guide, and tells the
 * app through ONE listener (`wx.onNeedPrivacyAuthorization`; registering again replaces
 * it). This module registers it once, keeps every pending `resolve`, and asks the popup
 * of the page on top (`getCurrentPages()`) to open: tabBar pages stay alive together,
 * so only the visible one may show it. Agree or disagree settles every pending request.
 * Older clients have no privacy API: nothing here runs and no popup ever shows.
 */

/** The `id` of the popup's `<button open-type="agreePrivacyAuthorization">` (see its wxml). */
export const PRIVACY_AGREE_BUTTON_ID = 'agree-privacy';
/** The selector every page uses for its popup: `<privacy-popup id="privacy-popup" />`. */
export const PRIVACY_POPUP_SELECTOR = '#privacy-popup';

interface PendingRequest {
  resolve: WechatMiniprogram.PrivacyResolve;
  referrer: string;
  exposed: boolean;
}

/** What the manager asks of a page's popup. */
export interface PrivacyPopupApi {
  show(referrer: string): void;
  hide(): void;
}

let registered = false;
const pending: PendingRequest[] = [];
/** Popups showing a question; all close once it is answered (another page may hold one). */
const openPopups = new Set<PrivacyPopupApi>();

function supportsPrivacyApi(): boolean {
  return typeof wx.onNeedPrivacyAuthorization === 'function' && typeof wx.getPrivacySetting === 'function';
}

function topPagePopup(): PrivacyPopupApi | null {
  const pages = getCurrentPages();
  const top = pages[pages.length - 1] as unknown as WechatMiniprogram.Component.TrivialInstance | undefined;
  const popup = top?.selectComponent?.(PRIVACY_POPUP_SELECTOR) as unknown as
    PrivacyPopupApi | null | undefined;
  return popup && typeof popup.show === 'function' ? popup : null;
}

function settleAll(resolution: WechatMiniprogram.PrivacyResolution): void {
  for (const request of pending.splice(0)) request.resolve(resolution);
  for (const popup of [...openPopups]) popup.hide();
  openPopups.clear();
}

/** Reads the guide's name from WeChat. */
export function refreshPrivacySetting(): Promise<void> {
  if (!supportsPrivacyApi()) return Promise.resolve();
  return new Promise((done) => {
    wx.getPrivacySetting({
      success: ({ privacyContractName }) => {
        runInAction(() => privacyStore.applySetting(privacyContractName));
        done();
      },
      fail: () => done(),
    });
  });
}

/** At launch: registers the one listener (no popup, no network). */
export function initPrivacy(): void {
  if (registered || !supportsPrivacyApi()) return;
  registered = true;
  void refreshPrivacySetting();
  wx.onNeedPrivacyAuthorization((resolve, eventInfo) => {
    pending.push({ resolve, referrer: eventInfo?.referrer ?? '', exposed: false });
    const popup = topPagePopup();
    if (popup) {
      openPopups.add(popup);
      popup.show(eventInfo?.referrer ?? '');
    } else {
      disagreePrivacy(); // A page without a popup cannot ask: fail gently.
    }
  });
}

/** The popup is on screen: tell WeChat (once per request), as it asks. */
export function reportPrivacyExposure(): void {
  for (const request of pending) {
    if (request.exposed) continue;
    request.exposed = true;
    request.resolve({ event: 'exposureAuthorization' });
  }
}

/** After the user tapped the agree button (its bindagreeprivacyauthorization fired). */
export function agreePrivacy(buttonId = PRIVACY_AGREE_BUTTON_ID): void {
  settleAll({ event: 'agree', buttonId });
}

/** The user declined: the held APIs fail, the app stays usable and says why. */
export function disagreePrivacy(): void {
  const hadPending = pending.length > 0;
  settleAll({ event: 'disagree' });
  if (hadPending) wx.showToast({ title: '未同意隐私保护指引，暂时无法使用该功能', icon: 'none' });
}

/**
 * Proactive mode: asks for the agreement up front (before a flow that needs it).
 * Resolves true when agreed (or when the client has no privacy API), false otherwise.
 */
export function requirePrivacyAuthorization(): Promise<boolean> {
  if (!supportsPrivacyApi() || typeof wx.requirePrivacyAuthorize !== 'function') return Promise.resolve(true);
  return new Promise((done) => {
    wx.requirePrivacyAuthorize({ success: () => done(true), fail: () => done(false) });
  });
}

/** A new JS context (app restart): forget the listener and the pending requests. */
export function resetPrivacyManager(): void {
  registered = false;
  pending.splice(0);
  openPopups.clear();
  runInAction(() => privacyStore.applySetting(DEFAULT_CONTRACT_NAME));
}

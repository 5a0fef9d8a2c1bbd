/**
 * Fixes to miniprogram-api-typings 5.2.3, declared once for the whole project.
 *
 * - `wx.onNeedPrivacyAuthorization`: the typings say `(res) => void`; the real listener is
 *   `(resolve, eventInfo) => void` (base library 2.32.3).
 * - Events the typings do not describe: chooseAvatar, agreePrivacyAuthorization,
 *   nickname review, getPhoneNumber (code flavour).
 */
declare namespace WechatMiniprogram {
  /** What the app passes to the `resolve` handed to an onNeedPrivacyAuthorization listener. */
  type PrivacyResolution =
    { event: 'exposureAuthorization' } | { event: 'agree'; buttonId: string } | { event: 'disagree' };

  type PrivacyResolve = (resolution: PrivacyResolution) => void;

  interface PrivacyEventInfo {
    /** The API or component that needs the agreement, e.g. "chooseAvatar", "button.getPhoneNumber". */
    referrer: string;
  }

  type NeedPrivacyAuthorizationListener = (resolve: PrivacyResolve, eventInfo: PrivacyEventInfo) => void;

  interface Wx {
    /** Real signature of the listener (the typings' `(res) => void` is wrong). */
    onNeedPrivacyAuthorization(listener: NeedPrivacyAuthorizationListener): void;
  }

  /** `<button open-type="chooseAvatar" bind:chooseavatar>`: a temporary local path. */
  type ChooseAvatarEvent = CustomEvent<{ avatarUrl: string }>;

  /** `<button open-type="agreePrivacyAuthorization" bindagreeprivacyauthorization>`. */
  type AgreePrivacyAuthorizationEvent = CustomEvent<{ errMsg?: string }>;

  /** `<input type="nickname" bindnicknamereview>`: WeChat's asynchronous nickname check. */
  type NicknameReviewEvent = CustomEvent<{ pass: boolean; timeout: boolean }>;

  /** `<button open-type="getPhoneNumber" bindgetphonenumber>` since base library 2.21.2. */
  type GetPhoneNumberEvent = CustomEvent<{ code?: string; errMsg: string; errno?: number }>;
}

/**
 * mobx-miniprogram-bindings 3.0.1 types ComponentWithStore's options without
 * `behaviors`, although the runtime supports them. Its options include OtherOption.
 */
declare namespace WechatMiniprogram.Component {
  interface OtherOption {
    behaviors?: Behavior.BehaviorIdentifier[];
  }
}

import type { SessionStatus } from '../../stores/session';

/** The login panel's shape: agreement line, "微信登录", "暂不登录". */
export interface LoginPanelData {
  agreed: boolean;
  /** Shown when the user tapped login without ticking the agreement. */
  needAgreement: boolean;
  error: string;
}

export interface LoginPanelBound {
  status: SessionStatus;
}

/** `bind:success` after a login; `bind:cancel` when the user declined. No detail. */
export interface LoginPanelEvents {
  success: Record<string, never>;
  cancel: Record<string, never>;
}

/** The privacy popup's shape (opened by ui/privacy-requests.ts through `show`). */
export interface PrivacyPopupData {
  visible: boolean;
  /** What the feature that asked is for ("设置头像"), or empty. */
  purpose: string;
}

export interface PrivacyPopupBound {
  contractName: string;
}

import type { SessionStatus } from '../../stores/session';

/** The login sheet's own data (it has no properties and emits no events: callers await `open`). */
export interface LoginSheetData {
  visible: boolean;
  reason: string;
}

export interface LoginSheetBound {
  /** While a login is on its way the sheet cannot be closed. */
  status: SessionStatus;
}

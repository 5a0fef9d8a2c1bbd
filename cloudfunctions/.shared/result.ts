/**
 * The one result shape every cloud function returns, and the client understands.
 * Type-only for the mini-program, which imports these types with `import type`.
 */
export interface CloudErrorBody {
  /** Stable, machine-readable code, one of ERROR_CODES. */
  code: ErrorCode;
  /** Chinese message that can be shown to the user as is. */
  message: string;
  /** The WeChat errcode behind the error, when there was one. */
  wxErrCode?: number;
  /**
   * The call failed after it had started writing: what it meant to save may or may not
   * be saved. The client re-reads before acting on it (and never deletes a file the
   * record may point to). Absent = nothing was saved.
   */
  maybeSaved?: true;
}

export type CloudResult<T> = { ok: true; data: T } | { ok: false; error: CloudErrorBody };

/**
 * Every error code a function may answer with, and what it means. Functions and the
 * client share this list, so a misspelt code is a type error.
 */
export const ERROR_CODES = {
  // Common to every function.
  INVALID_ARGUMENT:
    'A field of the event is missing, of the wrong type or out of range; the message names it.',
  UNAUTHENTICATED: 'No caller identity (not called from the mini-program, or an unknown web caller).',
  NOT_FOUND:
    'The caller has no account (never logged in, or deleted), or the thing asked for does not exist.',
  ACCOUNT_DELETING: 'The account is being deleted; try again in a moment.',
  FORBIDDEN: 'The caller may not use this (e.g. a file outside their own folder).',
  RATE_LIMITED: 'Too many calls; the message says when to retry.',
  INTERNAL: 'An outage or a bug; see maybeSaved for whether anything was written.',
  // favorites
  LIMIT_EXCEEDED: 'A per-user limit (e.g. the number of favourites) is reached.',
  // user
  NICKNAME_REJECTED: 'The content check found the nickname unacceptable.',
  NICKNAME_REVIEW: 'The content check was unsure about the nickname; it is not used.',
  CONTENT_CHECK_UNAVAILABLE: 'The content check could not be reached; nothing was saved.',
  PHONE_CODE_INVALID: 'The getPhoneNumber code is invalid, used or expired (WeChat 40029).',
  PHONE_UNAVAILABLE: 'WeChat answered without a usable phone number.',
  // urlscheme
  LINK_NOT_PERMITTED: 'WeChat 40002: the app may not generate links.',
  PAGE_NOT_PUBLISHED: 'WeChat 40165: the page is not in the published version.',
  QUERY_REJECTED: 'WeChat 40212: the query was refused.',
  DAILY_QUOTA_EXCEEDED: 'WeChat 44993/45009: the daily link quota is used up.',
  APP_NOT_PUBLISHED: 'WeChat 85079: the app has no published version.',
  EXPIRY_REJECTED: 'WeChat 85401: the expiry is outside 1 minute .. 30 days.',
  ENV_VERSION_REJECTED: 'WeChat 85402: bad env_version.',
  // Any other WeChat errcode.
  WECHAT_API_ERROR: 'Another WeChat error; wxErrCode says which.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

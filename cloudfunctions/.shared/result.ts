/**
 * The one result shape every cloud function returns, and the client understands.
 * Type-only: the mini-program imports these types with `import type`.
 */
export interface CloudErrorBody {
  /** Stable, machine-readable code, e.g. `INVALID_ARGUMENT`. */
  code: string;
  /** Chinese message that can be shown to the user as is. */
  message: string;
  /** The WeChat errcode behind the error, when there was one. */
  wxErrCode?: number;
}

export type CloudResult<T> = { ok: true; data: T } | { ok: false; error: CloudErrorBody };

/** Error codes shared by every function. Functions may add their own. */
export type CommonErrorCode =
  'INVALID_ARGUMENT' | 'UNAUTHENTICATED' | 'NOT_FOUND' | 'RATE_LIMITED' | 'INTERNAL';

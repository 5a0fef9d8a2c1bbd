/**
 * Errors shaped like wx-server-sdk's: a numeric `errCode` plus an `errMsg`, so code that
 * inspects `error.errCode` behaves the same locally and in the cloud.
 */

/** The platform error codes the local runtime raises (values from wx-server-sdk's tables). */
export const ErrCode = {
  /** Unspecified failure (the SDK's default for database errors). */
  GENERIC: -1,
  /** callFunction: "FunctionName parameter could not be found". */
  FUNCTION_NOT_FOUND: -501000,
  /** Invalid parameters (bad function name, unserialisable event...). */
  INVALID_PARAM: -501007,
  /** A storage file that does not exist. */
  STORAGE_FILE_NOT_EXISTS: -503003,
  /** A storage operation the caller may not perform. */
  STORAGE_PERMISSION_DENIED: -503002,
  /** The function threw (or rejected). */
  FUNCTION_EXECUTE_FAIL: -504002,
  /** The function ran longer than its time limit. */
  FUNCTION_TIMEOUT: -504003,
  /** The function's result is larger than 1 MB once serialised. */
  FUNCTION_RESULT_TOO_LARGE: -604001,
  /** An OpenAPI without a registered local stand-in. */
  OPENAPI_NOT_FOUND: -604100,
  /** An API the local runtime does not offer. */
  UNSUPPORTED_API: -601018,
} as const;

/** Same shape and `message` format as wx-server-sdk's CloudSDKError. */
export class CloudSdkError extends Error {
  readonly errCode: number;
  readonly errMsg: string;

  constructor(errCode: number, errMsg: string, options?: { cause?: unknown }) {
    super(`errCode: ${errCode} | errMsg: ${errMsg}`);
    this.name = 'CloudSdkError';
    this.errCode = errCode;
    this.errMsg = errMsg;
    if (options && 'cause' in options) {
      Object.defineProperty(this, 'cause', { value: options.cause, enumerable: false, writable: true });
    }
  }
}

/**
 * A database API failure, formatted as wx-server-sdk formats them:
 * message and errMsg `<api>:fail <reason>`, errCode -1 unless given.
 */
export class DatabaseError extends Error {
  readonly errCode: number;
  readonly errMsg: string;

  constructor(apiName: string, reason: string, errCode: number = ErrCode.GENERIC) {
    super(`${apiName}:fail ${reason}`);
    this.name = 'DatabaseError';
    this.errCode = errCode;
    this.errMsg = this.message;
  }
}

/** Readable text for anything thrown. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (typeof error === 'object' && error !== null) {
    const { errMsg, message } = error as { errMsg?: unknown; message?: unknown };
    if (typeof errMsg === 'string') return errMsg;
    if (typeof message === 'string') return message;
    try {
      return JSON.stringify(error);
    } catch {
      return String(error);
    }
  }
  return String(error);
}

import type { CloudErrorBody } from './result';

/** An expected failure: its code and Chinese message reach the client unchanged. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly wxErrCode?: number,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): CloudErrorBody {
    return this.wxErrCode === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, wxErrCode: this.wxErrCode };
  }
}

export const invalidArgument = (message: string): AppError => new AppError('INVALID_ARGUMENT', message);

/** Anything that is not an AppError is a bug or an outage: log it, tell the user little. */
export function toErrorBody(error: unknown): CloudErrorBody {
  if (error instanceof AppError) return error.toBody();
  console.error('[cloud] unexpected error', error);
  return { code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' };
}

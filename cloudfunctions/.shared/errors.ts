import { ERROR_CODES, type ErrorCode } from '../../miniprogram/contracts/errors';
import type { CloudErrorBody } from '../../miniprogram/contracts/results';

/**
 * An expected failure: its code and Chinese message reach the client unchanged. Without a
 * message, the code's own (miniprogram/contracts/errors.ts) is used.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = ERROR_CODES[code],
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

/**
 * The answer for any failure. Anything that is not an AppError is a bug or an outage:
 * logged, and told to the user in few words. `maybeSaved`: the call had started writing,
 * so the client must re-read before acting on "not saved".
 */
export function toErrorBody(error: unknown, maybeSaved = false): CloudErrorBody {
  let body: CloudErrorBody;
  if (error instanceof AppError) {
    body = error.toBody();
  } else {
    console.error('[cloud] unexpected error', error);
    body = {
      code: 'INTERNAL',
      message: maybeSaved ? '服务暂时不可用，操作可能已完成，请刷新后查看' : ERROR_CODES.INTERNAL,
    };
  }
  return maybeSaved ? { ...body, maybeSaved: true } : body;
}

import { AppError } from './errors';
import type { ErrorCode } from '../../miniprogram/contracts/errors';

/** The WeChat errcode carried by a wx-server-sdk rejection (`cloud.openapi.*`), if any. */
export function wechatErrCode(error: unknown): number | undefined {
  const code = (error as { errCode?: unknown } | null)?.errCode;
  return typeof code === 'number' ? code : undefined;
}

/** A stable error code for one WeChat errcode, and a message when the code's own does not fit. */
export interface WeChatErrorMapping {
  code: ErrorCode;
  message?: string;
}

/**
 * Turns a failed `cloud.openapi.*` call into an AppError: errcodes in `table` get their
 * stable code and message, any other errcode passes through as `WECHAT_API_ERROR` with
 * `wxErrCode`; a failure without an errcode is rethrown (the handler reports INTERNAL).
 */
export function toWeChatAppError(error: unknown, table: Readonly<Record<number, WeChatErrorMapping>>): Error {
  const errCode = wechatErrCode(error);
  if (errCode === undefined) return error instanceof Error ? error : new Error(String(error));
  const known = table[errCode];
  if (known) return new AppError(known.code, known.message, errCode);
  return new AppError('WECHAT_API_ERROR', `微信接口调用失败（错误码 ${errCode}），请稍后重试`, errCode);
}

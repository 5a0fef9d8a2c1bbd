import type { CloudErrorBody } from '../../cloudfunctions/.shared/result';

/** A failure the UI can show as is: a stable code and a Chinese message. */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** True when the function itself answered with this error (so it did not commit). */
    readonly fromServer = false,
  ) {
    super(message);
    this.name = 'ServiceError';
  }

  static fromBody(body: CloudErrorBody): ServiceError {
    return new ServiceError(body.code, body.message, true);
  }
}

/** What the platform's error objects (wx.cloud / wx.request failures) look like. */
interface PlatformFailure {
  errCode?: number;
  errMsg?: string;
}

/**
 * Turns a transport failure (not a function's own error result) into a ServiceError.
 * Codes from the wx.cloud documentation: -501000 function not found, -504002 function
 * threw; request:fail / timeout are network problems.
 */
export function toServiceError(error: unknown): ServiceError {
  if (error instanceof ServiceError) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as PlatformFailure;
  const text = String(failure.errMsg ?? (error instanceof Error ? error.message : ''));
  // -504003: the function ran past its time limit (not the phone's network).
  if (failure.errCode === -504003 || /-504003/.test(text)) {
    return new ServiceError('TIMEOUT', '服务响应超时，请稍后重试');
  }
  if (/request:fail|timeout|network|ERR_CONNECTION|ECONNREFUSED/i.test(text)) {
    return new ServiceError('NETWORK', '网络不可用，请检查网络后重试');
  }
  if (failure.errCode === -501000 || /-501000/.test(text)) {
    return new ServiceError('FUNCTION_NOT_FOUND', '服务尚未部署，请先上传云函数');
  }
  if (/init|env/i.test(text) && /cloud/i.test(text) && !/-504002/.test(text)) {
    return new ServiceError('CLOUD_NOT_READY', '云开发环境未就绪，请检查环境配置');
  }
  return new ServiceError('INTERNAL', '服务暂时不可用，请稍后重试');
}

import { errorMessage, type ServiceErrorCode } from '../contracts/errors';
import type { CloudErrorBody } from '../contracts/results';

export interface ServiceErrorOptions {
  /** The function itself answered with this error (it ran to the end). */
  fromServer?: boolean;
  /** What the call meant to save may be saved: re-read before acting on the failure. */
  maybeSaved?: boolean;
}

/**
 * A failure the UI can show as is: a stable code and a Chinese message (by default the
 * code's own, from contracts/errors.ts).
 */
export class ServiceError extends Error {
  readonly fromServer: boolean;
  readonly maybeSaved: boolean;

  constructor(
    readonly code: ServiceErrorCode,
    message: string = errorMessage(code),
    { fromServer = false, maybeSaved = false }: ServiceErrorOptions = {},
  ) {
    super(message);
    this.name = 'ServiceError';
    this.fromServer = fromServer;
    this.maybeSaved = maybeSaved;
  }

  static fromBody(body: CloudErrorBody): ServiceError {
    return new ServiceError(body.code, body.message, {
      fromServer: true,
      maybeSaved: body.maybeSaved === true,
    });
  }
}

/**
 * Nothing the call meant to save was saved: the function answered and did not say
 * `maybeSaved`. Only then may the client undo its own side (e.g. delete a fresh upload).
 * Transport failures are never "surely not saved": the function may have run, or still run.
 */
export function surelyNotSaved(error: unknown): boolean {
  return error instanceof ServiceError && error.fromServer && !error.maybeSaved;
}

/** What the platform's error objects (wx.cloud / wx.request failures) look like. */
interface PlatformFailure {
  errCode?: number;
  /** wx.request failures carry an errno (600002: not a legal domain). */
  errno?: number;
  errMsg?: string;
}

/**
 * Turns a transport failure (not a function's own error result) into a ServiceError.
 * Codes from the wx.cloud documentation: -501000 function not found, -504002 function
 * threw, -504003 function timed out; request:fail / timeout are network problems.
 * Whenever the function may have run (network, timeout, crash), the error is `maybeSaved`.
 */
export function toServiceError(error: unknown): ServiceError {
  if (error instanceof ServiceError) return error;
  const failure = (typeof error === 'object' && error !== null ? error : {}) as PlatformFailure;
  const text = String(failure.errMsg ?? (error instanceof Error ? error.message : ''));
  const unknownOutcome = { maybeSaved: true };
  // -504003: the function ran past its time limit (not the phone's network).
  if (failure.errCode === -504003 || /-504003/.test(text)) {
    return new ServiceError('TIMEOUT', undefined, unknownOutcome);
  }
  // wx.request refused before sending: not a legal domain. With the local runtime (no
  // cloudEnv) that is DevTools' domain check, not the network.
  if (failure.errno === 600002 || /url not in domain list/i.test(text)) {
    return new ServiceError('DOMAIN_NOT_ALLOWED');
  }
  if (/request:fail|timeout|network|ERR_CONNECTION|ECONNREFUSED/i.test(text)) {
    return new ServiceError('NETWORK', undefined, unknownOutcome);
  }
  // The function never ran: nothing can have been saved.
  if (failure.errCode === -501000 || /-501000/.test(text)) {
    return new ServiceError('FUNCTION_NOT_FOUND');
  }
  if (/init|env/i.test(text) && /cloud/i.test(text) && !/-504002/.test(text)) {
    return new ServiceError('CLOUD_NOT_READY');
  }
  return new ServiceError('INTERNAL', undefined, unknownOutcome);
}

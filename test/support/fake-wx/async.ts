/**
 * How WeChat delivers the result of an asynchronous API: `success`/`fail`/`complete`
 * callbacks called later (never synchronously), or a Promise when the caller passed no
 * callback and the API supports the Promise style.
 */

/** The failure object WeChat hands to `fail` (or rejects with). */
export interface WxError {
  errMsg: string;
  errno?: number;
  errCode?: number;
  [key: string]: unknown;
}

export interface WxCallbacks {
  success?: (res: never) => void;
  fail?: (err: WxError) => void;
  complete?: (res: never) => void;
}

/** Thrown by fake implementations to fail a call with WeChat's error object. */
export class WxFail extends Error {
  readonly errMsg: string;
  readonly body: WxError;

  constructor(body: WxError) {
    super(body.errMsg);
    this.name = 'WxFail';
    this.errMsg = body.errMsg;
    this.body = body;
    Object.assign(this, body);
  }
}

export function wxFail(errMsg: string, extra: Omit<WxError, 'errMsg'> = {}): WxFail {
  return new WxFail({ ...extra, errMsg });
}

/** Where the fake reports exceptions thrown by app callbacks (WeChat logs them, never rethrows). */
export interface CallbackErrorSink {
  callbackErrors: unknown[];
}

export function hasCallbacks(options: unknown): boolean {
  if (typeof options !== 'object' || options === null) return false;
  const { success, fail, complete } = options as WxCallbacks;
  return typeof success === 'function' || typeof fail === 'function' || typeof complete === 'function';
}

export function toWxError(api: string, error: unknown): WxError {
  if (error instanceof WxFail) return { ...error.body };
  if (typeof error === 'object' && error !== null && typeof (error as WxError).errMsg === 'string') {
    return { ...(error as WxError) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { errMsg: `${api}:fail ${message}` };
}

/** Calls an app callback the way the base library does: exceptions are logged, not propagated. */
export function safeCall(sink: CallbackErrorSink, label: string, fn: unknown, arg: unknown): void {
  if (typeof fn !== 'function') return;
  try {
    (fn as (value: unknown) => void)(arg);
  } catch (error) {
    sink.callbackErrors.push(error);
    console.error(`[fake wx] ${label} callback threw`, error);
  }
}

function withOk<T>(api: string, res: T): T {
  if (typeof res === 'object' && res !== null && !Array.isArray(res) && !('errMsg' in res)) {
    return { ...res, errMsg: `${api}:ok` } as T;
  }
  return res;
}

type Outcome<T> = { ok: true; res: T } | { ok: false; err: WxError };

/**
 * Runs `work` after the current call returns and delivers its result as WeChat would.
 * Returns a Promise only when the caller gave no callback and `promise` is supported.
 */
export function respond<T>(
  sink: CallbackErrorSink,
  api: string,
  options: unknown,
  work: () => T | Promise<T>,
  { promise = true }: { promise?: boolean } = {},
): Promise<T> | undefined {
  const outcome: Promise<Outcome<T>> = Promise.resolve()
    .then(work)
    .then(
      (res): Outcome<T> => ({ ok: true, res: withOk(api, res) }),
      (error: unknown): Outcome<T> => ({ ok: false, err: toWxError(api, error) }),
    );
  if (promise && !hasCallbacks(options)) {
    return outcome.then((result) => (result.ok ? result.res : Promise.reject(result.err)));
  }
  const callbacks = (typeof options === 'object' && options !== null ? options : {}) as WxCallbacks;
  void outcome.then((result) => {
    if (result.ok) {
      safeCall(sink, `${api}.success`, callbacks.success, result.res);
      safeCall(sink, `${api}.complete`, callbacks.complete, result.res);
    } else {
      safeCall(sink, `${api}.fail`, callbacks.fail, result.err);
      safeCall(sink, `${api}.complete`, callbacks.complete, result.err);
    }
  });
  return undefined;
}

/** A JSON round trip: what crosses WeChat's native bridge or the network. */
export function jsonCopy<T>(value: T): T {
  if (value === undefined) return value;
  return JSON.parse(JSON.stringify(value)) as T;
}

/** `Undefined`, `Number`... as WeChat names types in parameter errors. */
export function typeName(value: unknown): string {
  return Object.prototype.toString.call(value).slice(8, -1);
}

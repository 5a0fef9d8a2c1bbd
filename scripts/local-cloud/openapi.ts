import { CloudSdkError, ErrCode, describeError } from './errors';
import type { Identity } from './invocation-context';

/**
 * Local stand-ins for `cloud.openapi.*` (WeChat's server APIs), registered by name:
 * `'urlscheme.generate'` serves `cloud.openapi.urlscheme.generate(params)`.
 *
 * A handler gets the params exactly as the function passed them (camelCase; the real SDK
 * converts case on the wire, so handlers never see snake_case) and returns the result's
 * fields in camelCase. The registry adds `errCode: 0` and `errMsg: 'openapi.<name>:ok'`,
 * as the SDK does. To fail like WeChat, throw `new OpenApiError(errcode, errmsg)` (or any
 * `{ errCode: number, errMsg: string }`): the
 * function then sees the SDK's error shape (`errCode` = WeChat's errcode, `errMsg`
 * `openapi.<name>:fail <errmsg>`).
 */
export interface OpenApiContext {
  /** The caller of the function that called the API. */
  identity: Identity;
  /** The runtime clock, ms. */
  now: () => number;
  /** The API name, e.g. 'urlscheme.generate'. */
  name: string;
}

export type OpenApiHandler = (params: unknown, context: OpenApiContext) => unknown;

/** What a stand-in throws to answer with a WeChat error code. */
export class OpenApiError extends Error {
  constructor(
    readonly errCode: number,
    readonly errMsg: string,
  ) {
    super(`errcode ${errCode}: ${errMsg}`);
    this.name = 'OpenApiError';
  }
}

/** An OpenApiError, or anything shaped like one (another module instance's class, a plain object). */
function isWeChatError(error: unknown): error is { errCode: number; errMsg: string } {
  if (typeof error !== 'object' || error === null) return false;
  const { errCode, errMsg } = error as { errCode?: unknown; errMsg?: unknown };
  return typeof errCode === 'number' && typeof errMsg === 'string';
}

const API_NAME = /^[a-zA-Z][a-zA-Z0-9_]*(\.[a-zA-Z][a-zA-Z0-9_]*)+$/;

export class OpenApiStandIns {
  private readonly handlers = new Map<string, OpenApiHandler>();

  /** Registers (or replaces) the stand-in for `name`, e.g. 'security.msgSecCheck'. */
  register(name: string, handler: OpenApiHandler): void {
    if (!API_NAME.test(name))
      throw new Error(`openapi.register: invalid API name "${name}" (e.g. 'urlscheme.generate')`);
    if (typeof handler !== 'function') throw new Error('openapi.register: the handler must be a function');
    this.handlers.set(name, handler);
  }

  unregister(name: string): void {
    this.handlers.delete(name);
  }

  has(name: string): boolean {
    return this.handlers.has(name);
  }

  names(): string[] {
    return [...this.handlers.keys()].sort();
  }

  /** Calls the stand-in as `cloud.openapi.<name>(params)` would; rejects like the SDK. */
  async call(
    name: string,
    params: unknown,
    context: Omit<OpenApiContext, 'name'>,
  ): Promise<Record<string, unknown>> {
    const displayName = `openapi.${name}`;
    const handler = this.handlers.get(name);
    if (!handler) {
      throw new CloudSdkError(
        ErrCode.OPENAPI_NOT_FOUND,
        `${displayName}:fail API not found: no local stand-in is registered for ${displayName} ` +
          `(register one with cloud.openapi.register('${name}', handler))`,
      );
    }
    let result: unknown;
    try {
      result = await handler(params, { ...context, name });
    } catch (error) {
      if (isWeChatError(error)) {
        throw new CloudSdkError(error.errCode, `${displayName}:fail ${error.errMsg}`, { cause: error });
      }
      throw new CloudSdkError(
        ErrCode.GENERIC,
        `${displayName}:fail stand-in error: ${describeError(error)}`,
        {
          cause: error,
        },
      );
    }
    const fields =
      result === undefined
        ? {}
        : typeof result === 'object' && result !== null
          ? (result as Record<string, unknown>)
          : { result };
    return { ...fields, errMsg: `${displayName}:ok`, errCode: 0 };
  }
}

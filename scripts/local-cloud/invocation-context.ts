import { AsyncLocalStorage } from 'async_hooks';
import type { Database } from '../../cloudfunctions/.shared/db';
import type { DatabaseBackend } from './database';
import type { OpenApiStandIns } from './openapi';
import type { LocalStorage } from './storage';

/** Who calls a function, as the platform would tell it through getWXContext(). */
export interface Identity {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  CLIENTIP?: string;
}

/** What a running function may reach: one LocalCloud's services. */
export interface InvocationRuntime {
  readonly envId: string;
  readonly database: Database;
  /** The store and clock behind `database`; `cloud.database()` inside functions runs on it. */
  readonly backend: DatabaseBackend;
  readonly storage: LocalStorage;
  readonly openapi: OpenApiStandIns;
  now(): number;
  callFunction(name: string, data: unknown, identity: Identity): Promise<unknown>;
}

/** One running function call. */
export interface Invocation {
  readonly runtime: InvocationRuntime;
  readonly identity: Identity;
  /** The environment variables this call sees (WX_*, TCB_ENV), already computed. */
  readonly env: Readonly<Record<string, string>>;
  readonly functionName: string;
  readonly requestId: string;
}

/**
 * The current invocation follows the async call chain (AsyncLocalStorage), so
 * concurrent invocations whose awaits interleave each see their own.
 */
const storage = new AsyncLocalStorage<Invocation>();

export function runInInvocation<T>(invocation: Invocation, fn: () => T): T {
  return storage.run(invocation, fn);
}

export function currentInvocation(): Invocation | undefined {
  return storage.getStore();
}

/** The current invocation, or a clear error naming the API used outside of one. */
export function requireInvocation(apiName: string): Invocation {
  const invocation = storage.getStore();
  if (!invocation) {
    throw new Error(
      `${apiName} was called outside a LocalCloud invocation: the local cloud runtime serves ` +
        'wx-server-sdk calls only while a function runs (LocalCloud.callFunction). ' +
        'Outside a function, use the LocalCloud instance (cloud.database, cloud.storage) directly.',
    );
  }
  return invocation;
}

/** The environment variables of an invocation, as the cloud sets them for getWXContext(). */
export function invocationEnv(identity: Identity, envId: string): Record<string, string> {
  const env: Record<string, string> = {};
  const keys: string[] = [];
  for (const key of ['OPENID', 'APPID', 'UNIONID', 'CLIENTIP'] as const) {
    const value = identity[key];
    if (value === undefined || value === '') continue;
    env[`WX_${key}`] = value;
    keys.push(`WX_${key}`);
  }
  env.WX_CONTEXT_KEYS = keys.join(',');
  env.TCB_ENV = envId;
  return env;
}

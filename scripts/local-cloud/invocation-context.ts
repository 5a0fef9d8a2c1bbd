import { AsyncLocalStorage } from 'async_hooks';
import type { Database } from '../../cloudfunctions/.shared/db';
import type { DatabaseBackend } from './database';
import type { IoHook } from './io-steps';
import type { OpenApiStandIns } from './openapi';
import type { LocalStorage } from './storage';

/**
 * Who calls a function, as the platform would present it.
 * - A mini-program user: OPENID / APPID / UNIONID / CLIENTIP (the phone's IP), read by the
 *   function through `cloud.getWXContext()` (env vars WX_*).
 * - A web caller (CloudBase web SDK, e.g. the H5 jump page, anonymous login): TCB_UUID
 *   (the CloudBase user id) and TCB_SOURCE_IP, presented the way @cloudbase/node-sdk reads
 *   them (env vars named in TCB_CONTEXT_KEYS, also in the context's environ/environment).
 * One caller is one or the other, never both.
 */
export interface Identity {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  CLIENTIP?: string;
  TCB_UUID?: string;
  TCB_SOURCE_IP?: string;
}

export const MINI_PROGRAM_IDENTITY_KEYS = ['OPENID', 'APPID', 'UNIONID', 'CLIENTIP'] as const;
export const WEB_IDENTITY_KEYS = ['TCB_UUID', 'TCB_SOURCE_IP'] as const;
export const IDENTITY_KEYS = [...MINI_PROGRAM_IDENTITY_KEYS, ...WEB_IDENTITY_KEYS] as const;

/** What a running function may reach: one LocalCloud's services. */
export interface InvocationRuntime {
  readonly envId: string;
  readonly database: Database;
  /** The store and clock behind `database`; `cloud.database()` inside functions runs on it. */
  readonly backend: DatabaseBackend;
  readonly storage: LocalStorage;
  readonly openapi: OpenApiStandIns;
  /** Called around every I/O step a function makes through wx-server-sdk (see io-steps.ts). */
  readonly ioHook: IoHook | undefined;
  now(): number;
  callFunction(name: string, data: unknown, identity: Identity): Promise<unknown>;
}

/** One running function call. */
export interface Invocation {
  readonly runtime: InvocationRuntime;
  readonly identity: Identity;
  /** The environment variables this call sees (WX_*, TCB_*), already computed. */
  readonly env: Readonly<Record<string, string>>;
  readonly functionName: string;
  readonly requestId: string;
  /**
   * Set when callFunction has settled (result, error or time limit). The platform freezes
   * the instance then; locally the function may still run, so its I/O steps check this.
   */
  ended?: 'finished' | 'timed out';
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

/** A web caller (CloudBase web SDK) rather than a mini-program user. */
export function isWebCaller(identity: Identity): boolean {
  return WEB_IDENTITY_KEYS.some((key) => identity[key] !== undefined && identity[key] !== '');
}

/**
 * The environment variables of an invocation, as the cloud sets them:
 * - mini-program callers: WX_<KEY> for each identity key, listed in WX_CONTEXT_KEYS (what
 *   wx-server-sdk's getWXContext() reads);
 * - web callers: TCB_UUID / TCB_SOURCE_IP plus TCB_ISANONYMOUS_USER=true and TCB_SOURCE=web,
 *   listed in TCB_CONTEXT_KEYS (what @cloudbase/node-sdk's getCloudbaseContext() reads);
 * - always TCB_ENV (the environment id).
 */
export function invocationEnv(identity: Identity, envId: string): Record<string, string> {
  const env: Record<string, string> = {};
  const wxKeys: string[] = [];
  for (const key of MINI_PROGRAM_IDENTITY_KEYS) {
    const value = identity[key];
    if (value === undefined || value === '') continue;
    env[`WX_${key}`] = value;
    wxKeys.push(`WX_${key}`);
  }
  env.WX_CONTEXT_KEYS = wxKeys.join(',');
  if (isWebCaller(identity)) {
    const tcbKeys: string[] = [];
    for (const key of WEB_IDENTITY_KEYS) {
      const value = identity[key];
      if (value === undefined || value === '') continue;
      env[key] = value;
      tcbKeys.push(key);
    }
    env.TCB_ISANONYMOUS_USER = 'true';
    env.TCB_SOURCE = 'web';
    env.TCB_CONTEXT_KEYS = [...tcbKeys, 'TCB_ISANONYMOUS_USER', 'TCB_SOURCE'].join(',');
  }
  env.TCB_ENV = envId;
  return env;
}

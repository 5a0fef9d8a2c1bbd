import { randomBytes } from 'crypto';
import path from 'path';
import { DocumentStore, EmbeddedDatabase, type DatabaseBackend } from './database';
import { CloudSdkError, ErrCode, describeError } from './errors';
import { FunctionLoader, type LoadMode, type LoadedFunction } from './function-loader';
import {
  IDENTITY_KEYS,
  MINI_PROGRAM_IDENTITY_KEYS,
  invocationEnv,
  isWebCaller,
  runInInvocation,
  type Identity,
  type Invocation,
  type InvocationRuntime,
} from './invocation-context';
import type { IoHook } from './io-steps';
import { OpenApiStandIns } from './openapi';
import { registerStandIns, type StandIns } from './standins';
import { withScopedProcessEnv } from './process-env-scope';
import { acquireSdkPatch, ensureSdkPatched, releaseSdkPatch } from './sdk-patch';
import { LocalStorage } from './storage';

/**
 * The local cloud runtime: runs the project's real cloud functions in this process with
 * the real `cloud.getWXContext()`, an embedded database, local storage and OpenAPI
 * stand-ins. See README.md in this folder.
 */
export interface LocalCloudOptions {
  /** Persist the database and storage here; omitted = in memory (tests). */
  dataDir?: string;
  /** Folder of the function folders; default `<repo>/cloudfunctions`. */
  functionsRoot?: string;
  /**
   * source: `<name>/index.ts` (under jest's transform or tsx); built: `<name>/index.js`;
   * auto: index.js when present, else index.ts. Default source.
   */
  load?: LoadMode;
  /** The clock (ms) for serverDate(), uploads and stand-ins; default Date.now. */
  now?: () => number;
  /** Cloud environment id: getWXContext().ENV and the file ID prefix. Default 'local-env'. */
  envId?: string;
  /** Base of temp file URLs; default http://127.0.0.1:3900 (the dev server sets its own). */
  publicUrl?: string;
  /** Time limit of every invocation, ms; default the function's config.json `timeout`, else 3 s (the cloud's). */
  timeoutMs?: number;
  /**
   * Collections that exist from the start (as if created in the console). Functions see a
   * missing collection as the cloud does (-502005); this project's functions create theirs
   * on first use, hand-written test fixtures name theirs here.
   */
  collections?: readonly string[];
}

export type { Identity } from './invocation-context';
export type { IoHook, IoStep } from './io-steps';
export type { LoadMode } from './function-loader';
export { CloudSdkError, DatabaseError, ErrCode } from './errors';
export { OpenApiError, OpenApiStandIns, type OpenApiContext, type OpenApiHandler } from './openapi';
export { LocalStorage, type StoredFileInfo, type TempFileUrlItem, type DeleteFileItem } from './storage';
export { EmbeddedDatabase } from './database';
export { StorageRules, type StorageAuth, type StorageResource } from './storage-rules';
export { ClientStorageAccess } from './client-storage-access';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const DEFAULT_TIMEOUT_MS = 3000;
/** The cloud refuses function results larger than 1 MB. */
const MAX_RESULT_BYTES = 1024 * 1024;
// Taken when this module loads: a test that later installs jest's fake timers must not
// be able to stop (or fire) the time limit of an invocation.
const realSetTimeout = setTimeout;
const realClearTimeout = clearTimeout;

function checkIdentity(identity: unknown): Identity {
  if (identity === undefined || identity === null) return {};
  if (typeof identity !== 'object') throw new TypeError('callFunction: identity must be an object');
  const result: Identity = {};
  for (const [key, value] of Object.entries(identity)) {
    if (!(IDENTITY_KEYS as readonly string[]).includes(key)) {
      throw new TypeError(`callFunction: unknown identity key ${key} (allowed: ${IDENTITY_KEYS.join(', ')})`);
    }
    if (value === undefined) continue;
    if (typeof value !== 'string') throw new TypeError(`callFunction: identity.${key} must be a string`);
    result[key as keyof Identity] = value;
  }
  if (isWebCaller(result) && MINI_PROGRAM_IDENTITY_KEYS.some((key) => result[key] !== undefined)) {
    throw new TypeError(
      'callFunction: a caller is either a mini-program user (OPENID, APPID, UNIONID, CLIENTIP) ' +
        'or a web caller (TCB_UUID, TCB_SOURCE_IP), not both',
    );
  }
  return result;
}

/** Data crosses the wire as JSON in the cloud: Dates become strings, undefined fields vanish. */
function throughJson(value: unknown, what: string, errCode: number): unknown {
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch (error) {
    throw new CloudSdkError(errCode, `${what} is not JSON-serialisable: ${describeError(error)}`);
  }
  return json === undefined ? null : (JSON.parse(json) as unknown);
}

function requestId(): string {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class LocalCloud implements InvocationRuntime {
  readonly envId: string;
  readonly dataDir?: string;
  readonly functionsRoot: string;
  /** The embedded database (the same data functions reach through `cloud.database()`). */
  readonly database: EmbeddedDatabase;
  readonly backend: DatabaseBackend;
  readonly storage: LocalStorage;
  /** OpenAPI stand-ins: `cloud.openapi.register('urlscheme.generate', handler)`. */
  readonly openapi = new OpenApiStandIns();
  /** Controls of the built-in stand-ins (standins/): blocked words, phone codes, quotas. */
  readonly standIns: StandIns;
  private readonly clock: () => number;
  private readonly loader: FunctionLoader;
  private readonly timeoutMs?: number;
  private hook: IoHook | undefined;
  private closed = false;

  constructor(options: LocalCloudOptions = {}) {
    this.envId = options.envId ?? 'local-env';
    if (!/^[a-z0-9][a-z0-9-]{1,39}$/.test(this.envId)) {
      throw new Error(`LocalCloud: invalid envId "${this.envId}" (lowercase letters, digits and "-")`);
    }
    this.clock = options.now ?? Date.now;
    this.dataDir = options.dataDir && path.resolve(options.dataDir);
    this.functionsRoot = path.resolve(options.functionsRoot ?? path.join(REPO_ROOT, 'cloudfunctions'));
    this.loader = new FunctionLoader(this.functionsRoot, options.load ?? 'source');
    this.timeoutMs = options.timeoutMs;
    const store = new DocumentStore(this.dataDir && path.join(this.dataDir, 'db'));
    for (const name of options.collections ?? []) store.create(name);
    this.backend = { store, now: () => this.clock() };
    // The view of tests and the dev server's console: a write creates its collection.
    this.database = new EmbeddedDatabase(() => this.backend);
    this.storage = new LocalStorage({
      dir: this.dataDir && path.join(this.dataDir, 'storage'),
      envId: this.envId,
      publicUrl: options.publicUrl ?? 'http://127.0.0.1:3900',
      now: () => this.clock(),
    });
    this.standIns = registerStandIns(this.openapi, { now: () => this.clock() });
    acquireSdkPatch();
  }

  now(): number {
    return this.clock();
  }

  /**
   * Called around every I/O step a running function makes through wx-server-sdk (database,
   * storage, OpenAPI), with phase 'before' and 'after' (see IoStep): throw to inject a
   * fault, return a promise that resolves later to add latency. No argument removes it.
   * Operations on `cloud.database` / `cloud.storage` from outside a function are not steps.
   */
  setIoHook(hook?: IoHook): void {
    if (hook !== undefined && typeof hook !== 'function')
      throw new TypeError('setIoHook: the hook must be a function');
    this.hook = hook;
  }

  /** The current I/O hook (InvocationRuntime). */
  get ioHook(): IoHook | undefined {
    return this.hook;
  }

  /** The functions' code changed: the next call of each loads it anew. */
  reloadFunctions(): void {
    this.loader.forget();
  }

  /** The functions that can be called, sorted. */
  functionNames(): string[] {
    return this.loader.names();
  }

  /**
   * Runs cloud function `name` as the platform would for a caller with `identity`:
   * `main(event, context)` sees that identity through `cloud.getWXContext()` and this
   * runtime behind `cloud.database()`, storage and `cloud.openapi`. Resolves with the
   * function's return value after a JSON round trip (undefined becomes null).
   * Rejects with a CloudSdkError: -501000 unknown function, -501007 invalid name or
   * event, -504002 the function threw, -504003 time limit, -604001 result over 1 MB.
   * Once it settles, whatever the function still does through wx-server-sdk fails (the
   * platform freezes the instance): a timed-out call can never write later.
   */
  async callFunction(name: string, data?: unknown, identity: Identity = {}): Promise<unknown> {
    if (this.closed) throw new Error('LocalCloud: callFunction after close()');
    // A function loaded after jest.resetModules() gets a fresh wx-server-sdk: patch that one too.
    ensureSdkPatched();
    const caller = checkIdentity(identity);
    const invocation: Invocation = {
      runtime: this,
      identity: caller,
      env: invocationEnv(caller, this.envId),
      functionName: typeof name === 'string' ? name : String(name),
      requestId: requestId(),
    };
    const run = runInInvocation(invocation, () =>
      withScopedProcessEnv(async () => {
        const loaded = this.loader.load(name);
        const event = throughJson(data ?? {}, 'the event', ErrCode.INVALID_PARAM);
        if (caller.OPENID && typeof event === 'object' && event !== null && !Array.isArray(event)) {
          // What the platform adds for mini-program callers (never to be trusted for identity).
          (event as Record<string, unknown>).userInfo = { appId: caller.APPID, openId: caller.OPENID };
        }
        const result = await this.execute(loaded, event, invocation);
        const output = throughJson(result, `the result of ${loaded.name}`, ErrCode.FUNCTION_EXECUTE_FAIL);
        if (Buffer.byteLength(JSON.stringify(output)) > MAX_RESULT_BYTES) {
          throw new CloudSdkError(
            ErrCode.FUNCTION_RESULT_TOO_LARGE,
            `cloudfunction result size exceed limit (1MB): ${loaded.name}`,
          );
        }
        return output;
      }),
    );
    try {
      return await run;
    } finally {
      invocation.ended ??= 'finished';
    }
  }

  /** Stops serving; releases the wx-server-sdk patch when no other LocalCloud is open. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    releaseSdkPatch();
  }

  private async execute(loaded: LoadedFunction, event: unknown, invocation: Invocation): Promise<unknown> {
    const timeoutMs = this.timeoutMs ?? loaded.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const context = {
      callbackWaitsForEmptyEventLoop: false,
      function_name: loaded.name,
      function_version: '$LATEST',
      namespace: this.envId,
      memory_limit_in_mb: 256,
      time_limit_in_ms: timeoutMs,
      request_id: invocation.requestId,
      // The invocation's variables as the platform passes them: "K=V;K=V" (older runtimes)
      // and JSON (newer ones); @cloudbase/node-sdk reads environment first.
      environ: Object.entries(invocation.env)
        .map(([key, value]) => `${key}=${value}`)
        .join(';'),
      environment: JSON.stringify(invocation.env),
    };
    const timedOut = new CloudSdkError(
      ErrCode.FUNCTION_TIMEOUT,
      `functions time limit exceeded: Invoking task timed out after ${timeoutMs / 1000} seconds (${loaded.name})`,
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = realSetTimeout(() => {
        // From now on every I/O step of this invocation is refused.
        invocation.ended = 'timed out';
        reject(timedOut);
      }, timeoutMs);
      (timer as { unref?: () => void }).unref?.();
    });
    try {
      return await Promise.race([Promise.resolve().then(() => loaded.main(event, context)), timeout]);
    } catch (error) {
      if (error === timedOut) throw error;
      throw new CloudSdkError(
        ErrCode.FUNCTION_EXECUTE_FAIL,
        `functions execute fail: cloud function "${loaded.name}" threw ${describeError(error)}`,
        { cause: error },
      );
    } finally {
      realClearTimeout(timer);
    }
  }
}

import path from 'node:path';
import { EmbeddedDatabase } from './database';
import { CloudSdkError, ErrCode } from './errors';
import { currentInvocation, requireInvocation, type Invocation } from './invocation-context';
import { assertInvocationRunning, runIoStep } from './io-steps';
import { CloudPathError } from './storage';

/**
 * Points wx-server-sdk's service APIs at the LocalCloud that runs the current invocation.
 *
 * The SDK's exported object has writable properties; while at least one LocalCloud is
 * open, `database`, `uploadFile`, `downloadFile`, `getTempFileURL`, `deleteFile`,
 * `callFunction` and `openapi` are replaced by versions that look up the current
 * invocation (AsyncLocalStorage) and use its runtime. Several LocalCloud instances in one
 * process therefore never mix: each call goes to the runtime of the invocation it runs in.
 * Outside any invocation they fail with a clear error instead of trying the network.
 * Every database, storage and OpenAPI call is an I/O step (io-steps.ts): refused once the
 * invocation has ended, and passed through the runtime's I/O hook.
 * `getWXContext` and `init` stay the SDK's own (identity arrives through process.env).
 */
type SdkModule = Record<string, unknown>;

const UNSUPPORTED = ['getOpenData', 'getVoIPSign', 'getCloudCallSign', 'callOpenAPI'] as const;
const REPLACED = [
  'database',
  'uploadFile',
  'downloadFile',
  'getTempFileURL',
  'deleteFile',
  'callFunction',
  'openapi',
  ...UNSUPPORTED,
] as const;

function loadSdk(): SdkModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('wx-server-sdk') as SdkModule;
}

function current(apiName: string): Invocation {
  return requireInvocation(`wx-server-sdk ${apiName}`);
}

/** Lets `await` run the lookup so that a misuse rejects (as SDK calls do) instead of throwing. */
async function inInvocation<T>(apiName: string, fn: (invocation: Invocation) => T | Promise<T>): Promise<T> {
  return fn(current(apiName));
}

function fileIds(param: unknown, apiName: string): unknown[] {
  const fileList = (param as { fileList?: unknown } | undefined)?.fileList;
  if (!Array.isArray(fileList))
    throw new CloudSdkError(ErrCode.INVALID_PARAM, `${apiName}:fail fileList must be an array`);
  return fileList;
}

async function toBuffer(content: unknown, apiName: string): Promise<Buffer> {
  if (Buffer.isBuffer(content)) return content;
  if (content && typeof (content as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = [];
    for await (const chunk of content as AsyncIterable<Buffer | string>) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  throw new CloudSdkError(
    ErrCode.INVALID_PARAM,
    `${apiName}:fail fileContent must be a Buffer or a readable stream`,
  );
}

/** `cloud.openapi.a.b(params)` → the stand-in 'a.b' of the current invocation's runtime. */
function openapiProxy(paths: readonly string[]): unknown {
  const target = function openapi(): void {};
  return new Proxy(target, {
    get(_target, property) {
      if (typeof property === 'symbol' || property === 'then') return undefined;
      if (property === 'toJSON') return () => ({});
      return openapiProxy([...paths, property]);
    },
    apply(_target, _thisArg, args: unknown[]) {
      // cloud.openapi({ appid, convertCase }) returns the namespace again.
      if (paths.length === 0) return openapiProxy([]);
      const name = paths.join('.');
      return inInvocation(`openapi.${name}`, (invocation) =>
        runIoStep(invocation, { kind: 'openapi', operation: name }, () =>
          invocation.runtime.openapi.call(name, args[0], {
            identity: invocation.identity,
            now: () => invocation.runtime.now(),
          }),
        ),
      );
    },
  });
}

/**
 * One database object whose operations run on the current invocation's store, each as an
 * I/O step of that invocation. Outside an invocation the resolver reports the misuse.
 */
const routingDatabase = new EmbeddedDatabase(
  (apiName) => current(`cloud.database() ${apiName}`).runtime.backend,
  (step, perform) => {
    const invocation = currentInvocation();
    return invocation ? runIoStep(invocation, { kind: 'database', ...step }, perform) : perform();
  },
  // Functions see the database as the cloud keeps it: a collection must be created first.
  { strictCollections: true },
);

/** Runs a storage call of the current invocation as an I/O step. */
function storageStep<T>(apiName: string, fn: (invocation: Invocation) => T | Promise<T>): Promise<T> {
  return inInvocation(apiName, (invocation) =>
    runIoStep(invocation, { kind: 'storage', operation: apiName }, () => fn(invocation)),
  );
}

/** Storage failures as the SDK reports them; never with a path of this machine. */
function storageFailure(apiName: string, error: unknown): CloudSdkError {
  if (error instanceof CloudPathError) {
    return new CloudSdkError(ErrCode.INVALID_PARAM, `${apiName}:fail ${error.message}`);
  }
  return new CloudSdkError(
    ErrCode.GENERIC,
    `${apiName}:fail the local storage could not complete the request`,
    {
      cause: error,
    },
  );
}

function replacements(): Record<(typeof REPLACED)[number], unknown> {
  const unsupported = (name: string) => () =>
    inInvocation(name, () => {
      throw new CloudSdkError(
        ErrCode.UNSUPPORTED_API,
        `${name}:fail not supported by the local cloud runtime`,
      );
    });
  return {
    database: () => routingDatabase,
    uploadFile: (param: { cloudPath?: unknown; fileContent?: unknown }) =>
      inInvocation('uploadFile', async (invocation) => {
        // Reading the caller's stream is not storage I/O: it happens before the step.
        const content = await toBuffer(param?.fileContent, 'uploadFile');
        return runIoStep(invocation, { kind: 'storage', operation: 'uploadFile' }, () => {
          let fileID: string;
          try {
            ({ fileID } = invocation.runtime.storage.upload({
              cloudPath: param?.cloudPath as string,
              content,
            }));
          } catch (error) {
            throw storageFailure('uploadFile', error);
          }
          return { fileID, statusCode: 200, errMsg: 'uploadFile:ok' };
        });
      }),
    downloadFile: (param: { fileID?: unknown }) =>
      storageStep('downloadFile', (invocation) => {
        const fileContent = invocation.runtime.storage.read(param?.fileID as string);
        if (!fileContent) {
          throw new CloudSdkError(
            ErrCode.STORAGE_FILE_NOT_EXISTS,
            `downloadFile:fail storage file not exists: ${String(param?.fileID)}`,
          );
        }
        return { fileContent, statusCode: 200, errMsg: 'downloadFile:ok' };
      }),
    getTempFileURL: (param: unknown) =>
      storageStep('getTempFileURL', (invocation) => ({
        fileList: invocation.runtime.storage.getTempFileURL(
          fileIds(param, 'getTempFileURL') as (string | { fileID: string; maxAge?: number })[],
        ),
        errMsg: 'getTempFileURL:ok',
      })),
    deleteFile: (param: unknown) =>
      storageStep('deleteFile', (invocation) => {
        const ids = fileIds(param, 'deleteFile') as string[];
        try {
          return { fileList: invocation.runtime.storage.deleteFile(ids), errMsg: 'deleteFile:ok' };
        } catch (error) {
          throw storageFailure('deleteFile', error);
        }
      }),
    callFunction: (param: { name?: unknown; data?: unknown }) =>
      inInvocation('callFunction', async (invocation) => {
        assertInvocationRunning(invocation, `callFunction ${String(param?.name)}`);
        const result = await invocation.runtime.callFunction(
          param?.name as string,
          param?.data,
          invocation.identity,
        );
        assertInvocationRunning(invocation, `callFunction ${String(param?.name)}`);
        return { result, requestID: invocation.requestId, errMsg: 'cloud.callFunction:ok' };
      }),
    openapi: openapiProxy([]),
    getOpenData: unsupported('getOpenData'),
    getVoIPSign: unsupported('getVoIPSign'),
    getCloudCallSign: unsupported('getCloudCallSign'),
    callOpenAPI: unsupported('callOpenAPI'),
  };
}

let holders = 0;
/** Every SDK instance patched so far, with its own members (jest.resetModules() makes new ones). */
const patched = new Map<SdkModule, Partial<SdkModule>>();

/** Patches the wx-server-sdk instance that `require` currently returns, if not done yet. */
/**
 * wx-server-sdk's `init` asks http://metadata.tencentyun.com whether it runs inside
 * Tencent Cloud (@cloudbase/node-sdk's platform preflight). Locally it does not, and no
 * request should leave the machine: the probe is answered "no" without a request.
 */
function disableCloudPlatformProbe(): void {
  try {
    // The module system's own require (jest's under jest), so the patched module is the SDK's.
    const { resolve } = require as unknown as NodeJS.Require;
    const sdkDir = path.dirname(resolve('wx-server-sdk'));
    const probe = resolve('@cloudbase/node-sdk/dist/utils/cloudplatform', { paths: [sdkDir] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const platform = require(probe) as { preflightRuntimeCloudPlatform?: () => Promise<void> };
    platform.preflightRuntimeCloudPlatform = async () => undefined;
  } catch {
    // Another SDK layout: the probe then only fails its DNS lookup, as before.
  }
}

export function ensureSdkPatched(): void {
  if (holders === 0) return;
  disableCloudPlatformProbe();
  const sdk = loadSdk();
  if (patched.has(sdk)) return;
  const originals: Partial<SdkModule> = {};
  const patch = replacements();
  for (const key of REPLACED) {
    originals[key] = sdk[key];
    sdk[key] = patch[key];
  }
  patched.set(sdk, originals);
}

/** Installs the replacements (first holder) and counts holders. */
export function acquireSdkPatch(): void {
  holders += 1;
  ensureSdkPatched();
}

/** Restores the SDK's own members when the last holder releases. */
export function releaseSdkPatch(): void {
  if (holders === 0) return;
  holders -= 1;
  if (holders > 0) return;
  for (const [sdk, originals] of patched) {
    for (const key of REPLACED) sdk[key] = originals[key];
  }
  patched.clear();
}

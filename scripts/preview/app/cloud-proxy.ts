/**
 * The app instance's view of the shared LocalCloud (which lives in the main thread, with
 * the local cloud HTTP server and the data in .local-cloud/): `LocalCloudLike` for the fake
 * `wx.cloud`, each call sent as a message. Stored files an <image> shows are fetched ahead
 * of a snapshot (`prefetch`) so the synchronous `read` of page-snapshot.ts finds them.
 */
import type { LocalCloudIdentity, LocalCloudLike, TempFileUrlResult } from '../../../test/support/fake-wx';
import type { CloudMethod, LogEntry, SerializedError } from '../protocol';

export type CallCloud = (method: CloudMethod, args: unknown[]) => Promise<unknown>;

export function toError(serialized: SerializedError): Error {
  const error = new Error(serialized.message) as Error & Record<string, unknown>;
  if (serialized.name) error.name = serialized.name;
  for (const key of ['errCode', 'errMsg', 'code'] as const) {
    if (serialized[key] !== undefined) error[key] = serialized[key];
  }
  return error;
}

export interface CloudProxy extends LocalCloudLike {
  storage: LocalCloudLike['storage'] & {
    read(fileID: string): Buffer | undefined;
    readPath(cloudPath: string): Buffer | undefined;
  };
  /** Fetches the stored files behind these image sources (cloud:// IDs or /storage/files/ URLs). */
  prefetch(sources: string[]): Promise<void>;
}

const SERVED = /\/storage\/files\/(.+)$/;
const LOGGED_CHARS = 600;

/** A value as the call log shows it: JSON, shortened. */
function shown(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? 'undefined';
  } catch {
    text = String(value);
  }
  return text.length > LOGGED_CHARS ? `${text.slice(0, LOGGED_CHARS)}…` : text;
}

/** Calls the cloud and reports the call (what was asked, what came back, how long it took). */
function logged(
  call: CallCloud,
  log: (entry: LogEntry) => void,
): (name: string, method: CloudMethod, args: unknown[], request: unknown) => Promise<unknown> {
  return async (name, method, args, request) => {
    const at = Date.now();
    try {
      const value = await call(method, args);
      log({
        at,
        kind: 'cloud',
        name,
        request: shown(request),
        answer: shown(value),
        ok: true,
        ms: Date.now() - at,
      });
      return value;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log({
        at,
        kind: 'cloud',
        name,
        request: shown(request),
        answer: message,
        ok: false,
        ms: Date.now() - at,
      });
      throw error;
    }
  };
}

export function cloudProxy(
  call: CallCloud,
  caller: () => string,
  log: (entry: LogEntry) => void = () => undefined,
): CloudProxy {
  const request = logged(call, log);
  const files = new Map<string, Buffer | undefined>();
  const unavailable = () => {
    throw new Error('the preview does not give the app direct database access (wx.cloud.database)');
  };
  return {
    callFunction: (name: string, data: unknown, identity: LocalCloudIdentity) => {
      const { userInfo: _client, ...sent } = (data ?? {}) as Record<string, unknown>;
      return request(`callFunction ${name}`, 'callFunction', [name, data, identity], sent);
    },
    storage: {
      upload: async (input) => {
        const result = (await request('uploadFile', 'upload', [input], {
          cloudPath: input.cloudPath,
          bytes: input.content.length,
        })) as { fileID: string };
        files.set(result.fileID, Buffer.from(input.content));
        return result;
      },
      getTempFileURL: async (list) =>
        (await request('getTempFileURL', 'getTempFileURL', [list], list)) as TempFileUrlResult[],
      // Only the caller's own files (the fake passes that rule as a function; it cannot travel).
      deleteFile: (fileIDs) => request('deleteFile', 'deleteFile', [fileIDs, caller()], fileIDs),
      read: (fileID) => files.get(fileID),
      readPath: (cloudPath) => files.get(`path:${cloudPath}`),
    },
    database: new Proxy({}, { get: unavailable }) as LocalCloudLike['database'],
    async prefetch(sources) {
      for (const src of sources) {
        const served = SERVED.exec(src);
        const key = src.startsWith('cloud://') ? src : served ? `path:${decodeURIComponent(served[1])}` : '';
        if (!key || files.has(key)) continue;
        const bytes = (await call('readFile', [key])) as Uint8Array | undefined;
        files.set(key, bytes ? Buffer.from(bytes) : undefined);
      }
    },
  };
}

/**
 * The app instance's view of the shared LocalCloud (which lives in the main thread, with
 * the local cloud HTTP server and the data in .local-cloud/): `LocalCloudLike` for the fake
 * `wx.cloud`, each call sent as a message. Stored files an <image> shows are fetched ahead
 * of a snapshot (`prefetch`) so the synchronous `read` of page-snapshot.ts finds them.
 */
import type { LocalCloudIdentity, LocalCloudLike, TempFileUrlResult } from '../../../test/support/fake-wx';
import type { CloudMethod, SerializedError } from '../protocol';

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

export function cloudProxy(call: CallCloud, caller: () => string): CloudProxy {
  const files = new Map<string, Buffer | undefined>();
  const unavailable = () => {
    throw new Error('the preview does not give the app direct database access (wx.cloud.database)');
  };
  return {
    callFunction: (name: string, data: unknown, identity: LocalCloudIdentity) =>
      call('callFunction', [name, data, identity]),
    storage: {
      upload: async (input) => {
        const result = (await call('upload', [input])) as { fileID: string };
        files.set(result.fileID, Buffer.from(input.content));
        return result;
      },
      getTempFileURL: async (list) => (await call('getTempFileURL', [list])) as TempFileUrlResult[],
      // Only the caller's own files (the fake passes that rule as a function; it cannot travel).
      deleteFile: (fileIDs) => call('deleteFile', [fileIDs, caller()]),
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

import type { CloudResult } from '../contracts/results';
import { ServiceError, toServiceError } from '../utils/service-error';
import { chooseTransport, type Transport } from './transport';

let transport: Transport | undefined;

/** The transport in use (chosen on first use, so nothing touches the network at launch). */
export function currentTransport(): Transport {
  if (!transport) transport = chooseTransport();
  return transport;
}

/** Tests and the app shell may pin a transport. */
export function useTransport(next: Transport | undefined): void {
  transport = next;
}

/**
 * Calls a cloud function and unwraps the project's result shape. Resolves with the
 * function's data; rejects with a ServiceError whose message can be shown as is.
 */
export async function callFunction<T>(name: string, data: Record<string, unknown> = {}): Promise<T> {
  let raw: unknown;
  try {
    raw = await currentTransport().callFunction(name, data);
  } catch (error) {
    throw toServiceError(error);
  }
  const result = raw as CloudResult<T> | undefined;
  if (!result || typeof result !== 'object' || typeof result.ok !== 'boolean') {
    // The function ran (something answered), so it may have written before it went wrong.
    throw new ServiceError('INTERNAL', '服务返回了无法识别的数据', { maybeSaved: true });
  }
  if (!result.ok) throw ServiceError.fromBody(result.error);
  return result.data;
}

/** Uploads a temporary file; a failure is an UPLOAD_FAILED ServiceError (or NETWORK). */
export async function uploadFile(cloudPath: string, filePath: string): Promise<string> {
  try {
    return await currentTransport().uploadFile(cloudPath, filePath);
  } catch (error) {
    const failure = toServiceError(error);
    if (failure.code === 'NETWORK' || failure.code === 'CLOUD_NOT_READY') throw failure;
    throw new ServiceError('UPLOAD_FAILED');
  }
}

/** Removes files this user uploaded; failures are ignored (nothing the user can do). */
export async function deleteFilesQuietly(fileIds: string[]): Promise<void> {
  try {
    await currentTransport().deleteFiles(fileIds);
  } catch {
    // An orphaned upload costs storage, not correctness.
  }
}

/** What an <image src> shows for a stored file ID ('' for none). */
export function fileUrl(fileId: string): string {
  return fileId ? currentTransport().fileUrl(fileId) : '';
}

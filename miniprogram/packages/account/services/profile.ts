import type { DeleteResult, ProfileResult } from '../../../contracts/results';
import type { PublicUser } from '../../../contracts/results';
import { ServiceError, surelyNotSaved, toServiceError } from '../../../utils/service-error';
import { callFunction, deleteFilesQuietly, uploadFile } from '../../../services/cloud';

export type { PublicUser };

/** Where the avatar goes: the user's own folder (the server accepts nothing else). */
export function avatarCloudPath(openid: string, tempPath: string, at = Date.now()): string {
  const ext = /\.(jpe?g|png|webp|gif)$/i.exec(tempPath)?.[1]?.toLowerCase() ?? 'jpg';
  return `avatars/${openid}/${at}-${Math.random().toString(36).slice(2, 8)}.${ext}`;
}

/** Downloads a remote image (getUserProfile's avatar) to a temporary local path. */
export function downloadImage(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.downloadFile({
      url,
      success: ({ statusCode, tempFilePath }) =>
        statusCode === 200 ? resolve(tempFilePath) : reject(new Error(`HTTP ${statusCode}`)),
      fail: reject,
    });
  });
}

export async function getProfile(): Promise<PublicUser> {
  return (await callFunction<ProfileResult>('user', { action: 'getProfile' })).user;
}

export interface ProfileChanges {
  nickname?: string;
  /** A temporary local path from chooseAvatar / getUserProfile, uploaded first. */
  avatarTempPath?: string;
}

/** The re-read after a "maybe saved" failure: the record, or undefined when it cannot be read. */
async function rereadProfile(): Promise<PublicUser | undefined> {
  try {
    return await getProfile();
  } catch {
    return undefined;
  }
}

/**
 * Saves the profile: uploads a new avatar into the user's folder, then updates the
 * record. `onProgress` tells the UI which step runs. When the update fails, the fresh
 * upload is deleted only if the record cannot point to it:
 * - the function answered "not saved": delete it;
 * - the function answered "maybe saved": re-read; if the record points to the upload the
 *   save went through (resolve with it); if it surely does not, delete it and say the save
 *   failed; if the re-read fails, keep it (and the server's "maybe saved" message);
 * - the call failed on the way (network, timeout, crash): the function may still be
 *   running, so keep it (the server clears avatars the record no longer points to).
 */
export async function saveProfile(
  openid: string,
  changes: ProfileChanges,
  onProgress: (step: 'uploading' | 'saving') => void = () => undefined,
): Promise<PublicUser> {
  const data: Record<string, unknown> = { action: 'updateProfile' };
  if (changes.nickname !== undefined) data.nickname = changes.nickname;
  let uploaded: string | undefined;
  if (changes.avatarTempPath) {
    onProgress('uploading');
    uploaded = await uploadFile(avatarCloudPath(openid, changes.avatarTempPath), changes.avatarTempPath);
    data.avatarFileId = uploaded;
  }
  onProgress('saving');
  try {
    return (await callFunction<ProfileResult>('user', data)).user;
  } catch (error) {
    const failure = toServiceError(error);
    if (surelyNotSaved(failure)) {
      if (uploaded) await deleteFilesQuietly([uploaded]);
      throw failure;
    }
    if (!failure.fromServer) throw failure;
    const current = await rereadProfile();
    if (!current) throw failure;
    // One update writes both fields: the avatar, when there is one, tells whether it landed
    // (the nickname is compared the way the server normalises it).
    const saved = uploaded
      ? current.avatarFileId === uploaded
      : current.nickname === changes.nickname?.normalize('NFC').trim();
    if (saved) return current;
    if (uploaded) await deleteFilesQuietly([uploaded]);
    // Now known: nothing was saved (the server's "may have been saved" no longer applies).
    throw new ServiceError(failure.code, '保存未成功，请重试', { fromServer: true });
  }
}

/**
 * Binds the phone number behind a getPhoneNumber code. The code is single-use: when the
 * call may have used it and still failed, the re-read record says whether the phone was
 * bound (`before` is the profile the user saw); if not, a new code is needed.
 */
export async function bindPhone(code: string, before: PublicUser | null = null): Promise<PublicUser> {
  try {
    return (await callFunction<ProfileResult>('user', { action: 'bindPhone', code })).user;
  } catch (error) {
    const failure = toServiceError(error);
    if (!failure.maybeSaved) throw failure;
    const current = await rereadProfile();
    if (!current) throw failure;
    if (current.phoneMasked && current.phoneMasked !== (before?.phoneMasked ?? '')) return current;
    throw new ServiceError('PHONE_CODE_INVALID', '手机号未绑定，请重新获取');
  }
}

/**
 * Deletes the account and everything stored for it. When the call may have deleted some
 * of it and failed, the account counts as deleted only if the server no longer knows it;
 * otherwise the user is told to retry (deleting again is safe).
 */
export async function deleteAccount(): Promise<void> {
  try {
    await callFunction<DeleteResult>('user', { action: 'deleteAccount', confirm: true });
  } catch (error) {
    const failure = toServiceError(error);
    if (!failure.maybeSaved) throw failure;
    const gone = await getProfile().then(
      () => false,
      (reread: unknown) => reread instanceof ServiceError && reread.fromServer && reread.code === 'NOT_FOUND',
    );
    if (gone) return;
    throw new ServiceError(failure.code, '注销可能未完成，请重试', { maybeSaved: true });
  }
}

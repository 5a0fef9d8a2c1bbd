import type { DeleteResult, ProfileResult } from '../../cloudfunctions/user/index';
import type { PublicUser } from '../../cloudfunctions/.shared/users';
import { ServiceError } from '../utils/service-error';
import { callFunction, deleteFilesQuietly, uploadFile } from './cloud';

export type { PublicUser };

/** Where the avatar goes: the user's own folder (the server accepts nothing else). */
export function avatarCloudPath(openid: string, tempPath: string, at = Date.now()): string {
  const ext = /\.(jpe?g|png|webp|gif)$/i.exec(tempPath)?.[1]?.toLowerCase() ?? 'jpg';
  return `avatars/${openid}/${at}-${Math.random().toString(36).slice(2, 8)}.${ext}`;
}

export async function getProfile(): Promise<PublicUser> {
  return (await callFunction<ProfileResult>('user', { action: 'getProfile' })).user;
}

export interface ProfileChanges {
  nickname?: string;
  /** A temporary local path from chooseAvatar / getUserProfile, uploaded first. */
  avatarTempPath?: string;
}

/**
 * Saves the profile: uploads a new avatar into the user's folder, then updates the
 * record. If the server refuses (e.g. a rejected nickname), the fresh upload is removed.
 * `onProgress` tells the UI which step runs.
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
    // Only when the function itself refused is the upload surely unused. After a network
    // failure the server may have saved it: deleting it then would lose the avatar.
    if (uploaded && error instanceof ServiceError && error.fromServer) await deleteFilesQuietly([uploaded]);
    throw error;
  }
}

export async function bindPhone(code: string): Promise<PublicUser> {
  return (await callFunction<ProfileResult>('user', { action: 'bindPhone', code })).user;
}

export async function deleteAccount(): Promise<DeleteResult> {
  return callFunction<DeleteResult>('user', { action: 'deleteAccount', confirm: true });
}

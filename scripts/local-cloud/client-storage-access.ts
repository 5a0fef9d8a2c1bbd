import type { StoredFileInfo } from './storage';
import { StorageRules } from './storage-rules';

/**
 * What a client (the mini-program through the dev server) may do with a stored file:
 * the production rule (security/storage.rules.json) plus the app's folder convention.
 *
 * The app keeps each user's files in `avatars/<openid>/`. The production rule checks the
 * owner and the path's shape but cannot compare the folder name with the caller's openid
 * (the documented rule language has regexp literals and no string building), so in
 * production the cloud functions enforce the folder (they accept only the caller's own
 * files in the caller's folder); locally client writes must be in the folder too.
 */
export const CLIENT_WRITE_DENIED =
  'permission denied: a user may upload or delete only their own files in avatars/<own openid>/ ' +
  '(security/storage.rules.json)';

export const CLIENT_READ_DENIED = 'permission denied: the storage rule does not let clients read this file';

export class ClientStorageAccess {
  constructor(readonly rules: StorageRules = StorageRules.load()) {}

  /** Whether user `openid` may upload to / overwrite / delete `cloudPath` (`existing`: the file there, if any). */
  mayWrite(openid: string, cloudPath: string, existing: StoredFileInfo | undefined): boolean {
    // A new upload belongs to the uploader; an existing file to whoever uploaded it.
    const owner = existing ? existing.ownerOpenid : openid;
    return (
      cloudPath.startsWith(`avatars/${openid}/`) &&
      this.rules.allows('write', { openid }, { path: cloudPath, openid: owner })
    );
  }

  /** Whether a client (`openid` undefined: no user) may read `cloudPath`. */
  mayRead(openid: string | undefined, cloudPath: string, existing: StoredFileInfo | undefined): boolean {
    return this.rules.allows('read', openid ? { openid } : null, {
      path: cloudPath,
      openid: existing?.ownerOpenid,
    });
  }
}

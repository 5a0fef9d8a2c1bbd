/** The `users` collection: one document per user, `_id` = openid. */
export interface UserRecord {
  _id: string;
  /** Stored when the app is bound to an Open Platform account; may appear later or change. */
  unionid?: string;
  appid?: string;
  nickname?: string;
  /** Cloud storage file ID of the avatar the user uploaded. */
  avatarFileId?: string;
  createdAt: Date;
  lastLoginAt: Date;
}

/** What the client may see of its own record: never session keys or other users' data. */
export interface PublicUser {
  nickname: string;
  avatarFileId: string;
  createdAt: string;
}

export function toPublicUser(record: UserRecord): PublicUser {
  return {
    nickname: record.nickname ?? '',
    avatarFileId: record.avatarFileId ?? '',
    createdAt: new Date(record.createdAt).toISOString(),
  };
}

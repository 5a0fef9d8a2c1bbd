import type { PublicUser } from '../../miniprogram/contracts/results';
import type { Database } from './db';

/** The `users` collection: one document per user, `_id` = openid. */
export interface UserRecord {
  _id: string;
  /** Stored when the app is bound to an Open Platform account; may appear later or change. */
  unionid?: string;
  appid?: string;
  nickname?: string;
  /** Cloud storage file ID of the avatar the user uploaded. */
  avatarFileId?: string;
  /** Bound with getPhoneNumber; never returned unmasked. */
  phoneNumber?: string;
  phoneCountryCode?: string;
  createdAt: Date;
  lastLoginAt: Date;
  updatedAt?: Date;
  /** Set when account deletion starts; the record is removed when it ends. */
  deletingAt?: Date;
}

export const USERS = 'users';

/** 13800000000 -> 138****0000: enough to recognise, not enough to use. */
export function maskPhone(phone: string | undefined): string {
  if (!phone) return '';
  if (phone.length < 7) return `${phone.slice(0, 1)}****`;
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

export function toPublicUser(record: Omit<UserRecord, 'lastLoginAt'>): PublicUser {
  return {
    nickname: record.nickname ?? '',
    avatarFileId: record.avatarFileId ?? '',
    phoneMasked: maskPhone(record.phoneNumber),
    createdAt: new Date(record.createdAt).toISOString(),
  };
}

/** Where a user's avatars live in cloud storage: one folder per openid. */
export function avatarFolder(openid: string): string {
  return `avatars/${openid}/`;
}

/** The caller's record, or undefined (where() instead of doc().get(), which rejects when missing). */
export async function findUser(db: Database, openid: string): Promise<UserRecord | undefined> {
  const { data } = await db.collection(USERS).where({ _id: openid }).limit(1).get();
  return data[0] as unknown as UserRecord | undefined;
}

/** A record that exists and is not being deleted. */
export function isActive(record: UserRecord | undefined): record is UserRecord {
  return record !== undefined && !record.deletingAt;
}

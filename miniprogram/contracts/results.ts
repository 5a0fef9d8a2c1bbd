import type { ErrorCode } from './errors';

/**
 * What the cloud functions answer, as both sides see it: the one result shape, and the
 * data of every function. Type-only (nothing here exists at run time).
 */
export interface CloudErrorBody {
  /** Stable, machine-readable code, one of ERROR_CODES. */
  code: ErrorCode;
  /** Chinese message that can be shown to the user as is. */
  message: string;
  /** The WeChat errcode behind the error, when there was one. */
  wxErrCode?: number;
  /**
   * The call failed after it had started writing: what it meant to save may or may not
   * be saved. The client re-reads before acting on it (and never deletes a file the
   * record may point to). Absent = nothing was saved.
   */
  maybeSaved?: true;
}

export type CloudResult<T> = { ok: true; data: T } | { ok: false; error: CloudErrorBody };

/** What the client may see of its own user record: never session keys or other users' data. */
export interface PublicUser {
  nickname: string;
  avatarFileId: string;
  /** e.g. 138****0000; '' when no phone is bound. */
  phoneMasked: string;
  createdAt: string;
}

/** `login` */
export interface LoginResult {
  openid: string;
  unionid?: string;
  user: PublicUser;
  /** True only for the call that created the user record. */
  isNew: boolean;
  /** The user's favourite item ids, newest first: the first screen needs them (one call at launch). */
  favorites: string[];
}

/** `user`: getProfile, updateProfile, bindPhone. */
export interface ProfileResult {
  user: PublicUser;
}

/** `user`: deleteAccount. */
export interface DeleteResult {
  deleted: true;
  removedFiles: number;
}

/** `favorites`: every action. */
export interface FavoritesResult {
  /** The caller's favourite item ids, newest first. */
  itemIds: string[];
}

/** `urlscheme`: scheme. `expireAt`: when the link stops working, unix seconds. */
export interface SchemeResult {
  openlink: string;
  expireAt: number;
}

/** `urlscheme`: link. */
export interface LinkResult {
  urlLink: string;
  expireAt: number;
}

/** `ping` */
export interface PingResult {
  openid: string;
  appid?: string;
  unionid?: string;
  echo?: string;
  /** How many times this caller has pinged, counted in the database; 0 without an account. */
  visits: number;
}

import { createHash } from 'node:crypto';
import { now } from './clock';
import type { Database } from './db';
import type { Context } from './handler';
import { avatarFolder } from './users';

/**
 * The `uploads` collection: every file ID the server ever accepted for a user
 * (`_id` = hash of the file ID). Cloud storage cannot be listed from a function, so
 * this ledger is how account deletion finds every file of the user, and how files the
 * record no longer points to (a replaced avatar whose removal failed, an upload whose
 * save failed) are found and removed later.
 */
export const UPLOADS = 'uploads';
/** An upload younger than this may belong to a save still running: the sweep leaves it. */
export const SWEEP_MIN_AGE_MS = 60_000;
const PAGE = 100;

const FILE_ID = /^cloud:\/\/[\w.-]+\/(.+)$/;

/** The cloud path of a file ID, or '' for anything else. */
export function cloudPathOf(fileId: string): string {
  return FILE_ID.exec(fileId)?.[1] ?? '';
}

/** True for a file ID inside the user's own avatar folder (and nothing that could leave it). */
export function isOwnAvatar(openid: string, fileId: string): boolean {
  const path = cloudPathOf(fileId);
  return (
    path.startsWith(avatarFolder(openid)) && !path.split('/').some((part) => part === '..' || part === '.')
  );
}

const uploadId = (fileId: string) => createHash('sha256').update(fileId).digest('hex').slice(0, 40);

/** Notes a file of the user before anything points to it. */
export async function registerUpload(db: Database, openid: string, fileId: string): Promise<void> {
  await db
    .collection(UPLOADS)
    .doc(uploadId(fileId))
    .set({ data: { openid, fileId, createdAt: db.serverDate() } });
}

/**
 * Deletes files of the user (only inside their folder) and forgets them. A file that no
 * longer exists counts as deleted; any other failure throws, leaving the ledger entry
 * for a later attempt. Resolves with the number of files that existed and were removed.
 */
export async function deleteUserFiles(
  { db, cloud }: Pick<Context, 'db' | 'cloud'>,
  openid: string,
  fileIds: string[],
): Promise<number> {
  const own = [...new Set(fileIds)].filter((fileId) => isOwnAvatar(openid, fileId));
  let removed = 0;
  for (let start = 0; start < own.length; start += 50) {
    const batch = own.slice(start, start + 50);
    const { fileList } = (await cloud.deleteFile({ fileList: batch })) as {
      fileList: { fileID: string; status: number; errMsg?: string }[];
    };
    const failed = batch.filter((fileId) => {
      const item = fileList.find((file) => file.fileID === fileId);
      if (item?.status === 0) removed += 1;
      return item?.status !== 0 && !/NONEXIST|not exist/i.test(item?.errMsg ?? '');
    });
    const done = batch.filter((fileId) => !failed.includes(fileId));
    if (done.length > 0) {
      await db
        .collection(UPLOADS)
        .where({ _id: db.command.in(done.map(uploadId)) })
        .remove();
    }
    if (failed.length > 0) throw new Error(`could not delete ${failed.length} file(s) of ${openid}`);
  }
  return removed;
}

/** The files the ledger holds for the user, optionally only those older than `before` (ms). */
async function ledgerFiles(db: Database, openid: string, before?: number): Promise<string[]> {
  const _ = db.command;
  const condition = before === undefined ? { openid } : { openid, createdAt: _.lt(new Date(before)) };
  const files: string[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const { data } = await db
      .collection(UPLOADS)
      .where(condition)
      .orderBy('createdAt', 'asc')
      .skip(skip)
      .limit(PAGE)
      .get();
    files.push(...data.map((entry) => String(entry.fileId)));
    if (data.length < PAGE) return files;
  }
}

/** Every file of the user: the ledger plus what the record points to. */
export async function allUserFiles(db: Database, openid: string, avatarFileId?: string): Promise<string[]> {
  const files = await ledgerFiles(db, openid);
  return avatarFileId ? [...files, avatarFileId] : files;
}

/** Best effort: removes older uploads the record does not point to. Never throws. */
export async function sweepUploads(
  context: Pick<Context, 'db' | 'cloud'>,
  openid: string,
  keep: string,
): Promise<void> {
  try {
    const stale = (await ledgerFiles(context.db, openid, now() - SWEEP_MIN_AGE_MS)).filter(
      (file) => file !== keep,
    );
    await deleteUserFiles(context, openid, stale);
  } catch (error) {
    console.warn('[user-files] sweep failed; it runs again on the next save', error);
  }
}

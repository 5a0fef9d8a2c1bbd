/**
 * Snapshots of everything a LocalCloud stores (every collection, every file), for tests
 * that must prove "nothing changed" or "nothing of this user is left".
 */
import type { LocalCloud } from '../../scripts/local-cloud';

/** Every collection the functions write. */
export const COLLECTIONS = ['users', 'favorites', 'pings', 'uploads', 'rate_limits'] as const;

export interface CloudState {
  collections: Record<string, unknown[]>;
  /** cloudPath → size and owner. */
  files: Record<string, { size: number; owner?: string }>;
}

export async function snapshot(cloud: LocalCloud, except: readonly string[] = []): Promise<CloudState> {
  const collections: Record<string, unknown[]> = {};
  for (const name of COLLECTIONS) {
    if (except.includes(name)) continue;
    const { data } = await cloud.database.collection(name).limit(1000).get();
    collections[name] = [...data].sort((a, b) => String(a._id).localeCompare(String(b._id)));
  }
  const files: CloudState['files'] = {};
  for (const file of cloud.storage.list())
    files[file.cloudPath] = { size: file.size, owner: file.ownerOpenid };
  return { collections, files };
}

/** What is left of a user: every document that mentions the openid, and every file in their folder. */
export async function leftovers(cloud: LocalCloud, openid: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of COLLECTIONS) {
    const { data } = await cloud.database.collection(name).limit(1000).get();
    for (const document of data) {
      if (JSON.stringify(document).includes(openid)) found.push(`${name}/${String(document._id)}`);
    }
  }
  for (const file of cloud.storage.list(`avatars/${openid}/`)) found.push(`file ${file.cloudPath}`);
  return found;
}

/**
 * Avatars that records of live accounts point to but that do not exist (a saved profile
 * with a lost picture). A record being deleted is no longer shown to anyone.
 */
export async function danglingAvatars(cloud: LocalCloud): Promise<string[]> {
  const { data } = await cloud.database.collection('users').limit(1000).get();
  return data
    .filter((user) => !user.deletingAt)
    .map((user) => user.avatarFileId)
    .filter((fileId): fileId is string => typeof fileId === 'string' && fileId !== '')
    .filter((fileId) => !cloud.storage.info(fileId));
}

import { createHash } from 'crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync } from 'fs';
import path from 'path';
import { writeFileAtomic } from './atomic-file';

/**
 * Cloud storage on the local disk or in memory. File IDs have the cloud's shape:
 * `cloud://<envId>.<bucket>/<cloudPath>`.
 *
 * On disk, as object storage does it, a cloud path is a name and not a folder: each file is
 * `<dir>/objects/<sha256 of its cloud path>`, so any two distinct cloud paths coexist
 * (`avatars/a` and `avatars/a/b` included), and `<dir>/index.json` (version 2) lists each
 * file's cloud path, owner, size and type. A version 1 folder (`<dir>/files/<cloudPath>`)
 * is moved to this layout when it is opened.
 */
export interface StoredFileInfo {
  fileID: string;
  cloudPath: string;
  size: number;
  contentType: string;
  /** The openid of the mini-program user who uploaded it; absent for server uploads. */
  ownerOpenid?: string;
  uploadedAt: number;
}

export interface TempFileUrlItem {
  fileID: string;
  tempFileURL: string;
  maxAge: number;
  /** 0: found; -1: not found (see errMsg). */
  status: 0 | -1;
  errMsg: string;
}

export interface DeleteFileItem {
  fileID: string;
  status: 0 | -1;
  errMsg: string;
}

export interface LocalStorageOptions {
  /** Persist here; omitted = in memory. */
  dir?: string;
  envId: string;
  /** Base of temp file URLs, e.g. http://127.0.0.1:3900 (the dev server serves /storage/files/). */
  publicUrl: string;
  now: () => number;
}

/** Longest accepted cloud path, in characters. */
export const MAX_CLOUD_PATH_LENGTH = 512;
/** Default validity of temp URLs, in seconds (reported only; local URLs do not expire). */
const DEFAULT_MAX_AGE = 86400;

const CONTENT_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.pdf': 'application/pdf',
  '.mp3': 'audio/mpeg',
  '.mp4': 'video/mp4',
};

export function contentTypeOf(cloudPath: string): string {
  return CONTENT_TYPES[path.extname(cloudPath).toLowerCase()] ?? 'application/octet-stream';
}

/** A cloud path the cloud would not accept (the caller's mistake, safe to show). */
export class CloudPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CloudPathError';
  }
}

/** Refuses paths the cloud would not accept (or that could mean another file). */
export function checkCloudPath(cloudPath: unknown): asserts cloudPath is string {
  if (typeof cloudPath !== 'string' || cloudPath === '')
    throw new CloudPathError('cloudPath must be a non-empty string');
  if (cloudPath.length > MAX_CLOUD_PATH_LENGTH) {
    throw new CloudPathError(`cloudPath is longer than ${MAX_CLOUD_PATH_LENGTH} characters`);
  }
  if (cloudPath.startsWith('/')) throw new CloudPathError(`cloudPath must not start with "/": ${cloudPath}`);
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(cloudPath)) {
    throw new CloudPathError(
      `cloudPath must not contain "\\" or control characters: ${JSON.stringify(cloudPath)}`,
    );
  }
  for (const segment of cloudPath.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') {
      throw new CloudPathError(`cloudPath must not contain empty, "." or ".." segments: ${cloudPath}`);
    }
  }
}

/** The on-disk name of a cloud path: flat and collision-free. */
export function objectName(cloudPath: string): string {
  return createHash('sha256').update(cloudPath, 'utf8').digest('hex');
}

interface StoredFile {
  meta: Omit<StoredFileInfo, 'fileID'>;
  /** In-memory mode only. */
  content?: Buffer;
}

export class LocalStorage {
  readonly envId: string;
  /** The bucket part of file IDs, shaped like the cloud's (`<hex>-<envId>-<appid number>`). */
  readonly bucket: string;
  private publicUrl: string;
  private readonly files = new Map<string, StoredFile>();
  private readonly dir?: string;
  private readonly now: () => number;

  constructor(options: LocalStorageOptions) {
    this.envId = options.envId;
    this.bucket = `${Buffer.from(options.envId.slice(0, 2)).toString('hex')}-${options.envId}-1300000000`;
    this.publicUrl = options.publicUrl.replace(/\/+$/, '');
    this.dir = options.dir;
    this.now = options.now;
    if (this.dir) this.load();
  }

  /** Where temp URLs point (the dev server sets its own address when it starts). */
  setPublicUrl(url: string): void {
    this.publicUrl = url.replace(/\/+$/, '');
  }

  fileIdOf(cloudPath: string): string {
    return `cloud://${this.envId}.${this.bucket}/${cloudPath}`;
  }

  /** The cloud path of a file ID of this environment, or undefined for any other string. */
  cloudPathOf(fileID: unknown): string | undefined {
    const prefix = `cloud://${this.envId}.${this.bucket}/`;
    if (typeof fileID !== 'string' || !fileID.startsWith(prefix)) return undefined;
    const cloudPath = fileID.slice(prefix.length);
    try {
      checkCloudPath(cloudPath);
    } catch {
      return undefined;
    }
    return cloudPath;
  }

  /** Stores (or overwrites) a file. `ownerOpenid`: the uploading user, for client uploads. */
  upload(options: { cloudPath: string; content: Buffer; ownerOpenid?: string; contentType?: string }): {
    fileID: string;
  } {
    const { cloudPath, content, ownerOpenid } = options;
    checkCloudPath(cloudPath);
    if (!Buffer.isBuffer(content)) throw new CloudPathError('upload: content must be a Buffer');
    const meta: StoredFile['meta'] = {
      cloudPath,
      size: content.length,
      contentType: options.contentType ?? contentTypeOf(cloudPath),
      uploadedAt: this.now(),
      ...(ownerOpenid ? { ownerOpenid } : {}),
    };
    if (this.dir) {
      writeFileAtomic(this.diskPath(cloudPath), content);
      this.files.set(cloudPath, { meta });
      this.saveIndex();
    } else {
      this.files.set(cloudPath, { meta, content: Buffer.from(content) });
    }
    return { fileID: this.fileIdOf(cloudPath) };
  }

  getTempFileURL(fileList: (string | { fileID: string; maxAge?: number })[]): TempFileUrlItem[] {
    return fileList.map((item) => {
      const fileID = typeof item === 'string' ? item : item?.fileID;
      const maxAge = typeof item === 'object' && item?.maxAge ? item.maxAge : DEFAULT_MAX_AGE;
      const cloudPath = this.cloudPathOf(fileID);
      if (!cloudPath || !this.files.has(cloudPath)) {
        return {
          fileID,
          tempFileURL: '',
          maxAge,
          status: -1,
          errMsg: `STORAGE_FILE_NONEXIST: ${String(fileID)} does not exist`,
        };
      }
      return { fileID, tempFileURL: this.urlOf(cloudPath), maxAge, status: 0, errMsg: 'ok' };
    });
  }

  /** Deletes files; `allowed` decides per file (the dev server lets users delete only their own). */
  deleteFile(fileList: string[], allowed: (info: StoredFileInfo) => boolean = () => true): DeleteFileItem[] {
    return fileList.map((fileID) => {
      const info = this.info(fileID);
      if (!info)
        return { fileID, status: -1, errMsg: `STORAGE_FILE_NONEXIST: ${String(fileID)} does not exist` };
      if (!allowed(info))
        return { fileID, status: -1, errMsg: 'STORAGE_EXCEED_AUTHORITY: permission denied' };
      this.files.delete(info.cloudPath);
      if (this.dir) {
        rmSync(this.diskPath(info.cloudPath), { force: true });
        this.saveIndex();
      }
      return { fileID, status: 0, errMsg: 'ok' };
    });
  }

  /** The file's bytes, or undefined when it does not exist. */
  read(fileID: string): Buffer | undefined {
    const cloudPath = this.cloudPathOf(fileID);
    return cloudPath === undefined ? undefined : this.readPath(cloudPath);
  }

  /** By cloud path (what the dev server's /storage/files/<cloudPath> serves). */
  readPath(cloudPath: string): Buffer | undefined {
    const file = this.files.get(cloudPath);
    if (!file) return undefined;
    if (file.content) return Buffer.from(file.content);
    return readFileSync(this.diskPath(cloudPath));
  }

  /** Who uploaded the file (undefined: a server upload, or no such file). */
  owner(fileID: string): string | undefined {
    return this.info(fileID)?.ownerOpenid;
  }

  info(fileID: string): StoredFileInfo | undefined {
    const cloudPath = this.cloudPathOf(fileID);
    const file = cloudPath === undefined ? undefined : this.files.get(cloudPath);
    return file && { fileID: this.fileIdOf(file.meta.cloudPath), ...file.meta };
  }

  infoByPath(cloudPath: string): StoredFileInfo | undefined {
    const file = this.files.get(cloudPath);
    return file && { fileID: this.fileIdOf(cloudPath), ...file.meta };
  }

  /** Files whose cloud path starts with `prefix`, sorted by path. */
  list(prefix = ''): StoredFileInfo[] {
    return [...this.files.values()]
      .filter((file) => file.meta.cloudPath.startsWith(prefix))
      .map((file) => ({ fileID: this.fileIdOf(file.meta.cloudPath), ...file.meta }))
      .sort((a, b) => (a.cloudPath < b.cloudPath ? -1 : a.cloudPath > b.cloudPath ? 1 : 0));
  }

  urlOf(cloudPath: string): string {
    return `${this.publicUrl}/storage/files/${cloudPath.split('/').map(encodeURIComponent).join('/')}`;
  }

  /** `<dir>/objects/<sha256 of the cloud path>`: never a folder, never derived from user text. */
  private diskPath(cloudPath: string): string {
    return path.join(this.dir as string, 'objects', objectName(cloudPath));
  }

  private indexFile(): string {
    return path.join(this.dir as string, 'index.json');
  }

  private saveIndex(): void {
    const files = [...this.files.values()].map((file) => file.meta);
    writeFileAtomic(this.indexFile(), `${JSON.stringify({ version: 2, files }, null, 2)}\n`);
  }

  private load(): void {
    mkdirSync(path.join(this.dir as string, 'objects'), { recursive: true });
    if (!existsSync(this.indexFile())) return;
    let parsed: { version?: number; files?: StoredFile['meta'][] };
    try {
      parsed = JSON.parse(readFileSync(this.indexFile(), 'utf8')) as typeof parsed;
    } catch (error) {
      throw new Error(`local cloud storage: cannot read ${this.indexFile()}: ${(error as Error).message}`);
    }
    const fromVersion1 = parsed.version === 1;
    for (const meta of parsed.files ?? []) {
      checkCloudPath(meta.cloudPath);
      if (fromVersion1) this.moveVersion1File(meta.cloudPath);
      // A file removed by hand from the folder is gone from storage too.
      if (existsSync(this.diskPath(meta.cloudPath))) this.files.set(meta.cloudPath, { meta });
    }
    if (fromVersion1) {
      this.saveIndex();
      removeEmptyFolders(path.join(this.dir as string, 'files'));
    }
  }

  /** Version 1 kept `<dir>/files/<cloudPath>`; moves one such file to its object name. */
  private moveVersion1File(cloudPath: string): void {
    const oldFile = path.join(this.dir as string, 'files', ...cloudPath.split('/'));
    if (existsSync(oldFile) && !existsSync(this.diskPath(cloudPath)))
      renameSync(oldFile, this.diskPath(cloudPath));
  }
}

/** Removes `folder` and its sub-folders if they hold no file (left-overs of version 1). */
function removeEmptyFolders(folder: string): void {
  if (!existsSync(folder)) return;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) removeEmptyFolders(path.join(folder, entry.name));
  }
  if (readdirSync(folder).length === 0) rmdirSync(folder);
}

/** @jest-environment node */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { LocalCloud } from '../../scripts/local-cloud';
import { objectName } from '../../scripts/local-cloud/storage';

const fixtures = path.join(__dirname, 'fixtures');
const clouds: LocalCloud[] = [];
function newCloud(options: ConstructorParameters<typeof LocalCloud>[0] = {}): LocalCloud {
  const cloud = new LocalCloud({ publicUrl: 'http://127.0.0.1:4000', ...options });
  clouds.push(cloud);
  return cloud;
}
afterEach(() => {
  for (const cloud of clouds.splice(0)) cloud.close();
});

describe('local storage', () => {
  it('uploads, records the owner, gives temp URLs, reads and deletes', () => {
    const { storage } = newCloud({ envId: 'dev-env', now: () => 42 });
    const { fileID } = storage.upload({
      cloudPath: 'avatars/o-1/me.png',
      content: Buffer.from('png bytes'),
      ownerOpenid: 'o-1',
    });
    expect(fileID).toBe(`cloud://dev-env.${storage.bucket}/avatars/o-1/me.png`);
    expect(storage.bucket).toBe('6465-dev-env-1300000000');
    expect(storage.owner(fileID)).toBe('o-1');
    expect(storage.read(fileID)?.toString()).toBe('png bytes');
    expect(storage.list('avatars/')).toEqual([
      {
        fileID,
        cloudPath: 'avatars/o-1/me.png',
        size: 9,
        contentType: 'image/png',
        ownerOpenid: 'o-1',
        uploadedAt: 42,
      },
    ]);

    const missing = `cloud://dev-env.${storage.bucket}/nothing.png`;
    expect(storage.getTempFileURL([fileID, missing, 'cloud://other-env.bucket/x.png'])).toEqual([
      {
        fileID,
        tempFileURL: 'http://127.0.0.1:4000/storage/files/avatars/o-1/me.png',
        maxAge: 86400,
        status: 0,
        errMsg: 'ok',
      },
      expect.objectContaining({ fileID: missing, status: -1, tempFileURL: '' }),
      expect.objectContaining({ status: -1, errMsg: expect.stringContaining('STORAGE_FILE_NONEXIST') }),
    ]);

    expect(storage.deleteFile([fileID, missing])).toEqual([
      { fileID, status: 0, errMsg: 'ok' },
      expect.objectContaining({ fileID: missing, status: -1 }),
    ]);
    expect(storage.read(fileID)).toBeUndefined();
    expect(storage.owner(fileID)).toBeUndefined();
  });

  it('encodes temp URL path segments', () => {
    const { storage } = newCloud();
    const { fileID } = storage.upload({ cloudPath: '头像/a b#1.jpg', content: Buffer.from('x') });
    expect(storage.getTempFileURL([fileID])[0].tempFileURL).toBe(
      'http://127.0.0.1:4000/storage/files/%E5%A4%B4%E5%83%8F/a%20b%231.jpg',
    );
  });

  it('lets a delete be refused per file', () => {
    const { storage } = newCloud();
    const { fileID } = storage.upload({ cloudPath: 'a.txt', content: Buffer.from('x'), ownerOpenid: 'o-1' });
    expect(storage.deleteFile([fileID], (info) => info.ownerOpenid === 'o-2')[0]).toMatchObject({
      status: -1,
    });
    expect(storage.read(fileID)).toBeDefined();
  });

  it.each([
    ['../escape.txt'],
    ['/abs.txt'],
    ['a/../../b.txt'],
    ['a//b.txt'],
    ['a/./b'],
    [''],
    ['dir/'],
    ['a\\b'],
    ['x'.repeat(513)],
  ])('refuses the cloud path %j', (cloudPath) => {
    const { storage } = newCloud();
    expect(() => storage.upload({ cloudPath, content: Buffer.from('x') })).toThrow('cloudPath');
    expect(storage.list()).toEqual([]);
  });

  it('persists files and owners to the data folder', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'local-cloud-storage-'));
    try {
      const first = newCloud({ dataDir: dir }).storage;
      const { fileID } = first.upload({
        cloudPath: 'docs/a.txt',
        content: Buffer.from('hello'),
        ownerOpenid: 'o-9',
      });
      first.upload({ cloudPath: 'docs/gone.txt', content: Buffer.from('bye') });
      first.deleteFile([first.fileIdOf('docs/gone.txt')]);
      const objects = path.join(dir, 'storage', 'objects');
      expect(readFileSync(path.join(objects, objectName('docs/a.txt')), 'utf8')).toBe('hello');
      expect(existsSync(path.join(objects, objectName('docs/gone.txt')))).toBe(false);
      expect(readdirSync(objects)).toEqual([objectName('docs/a.txt')]);

      const second = newCloud({ dataDir: dir }).storage;
      expect(second.read(fileID)?.toString()).toBe('hello');
      expect(second.owner(fileID)).toBe('o-9');
      expect(second.list().map((file) => file.cloudPath)).toEqual(['docs/a.txt']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps any two cloud paths apart, as object storage does ("a" and "a/b" both exist)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'local-cloud-storage-'));
    try {
      const { storage } = newCloud({ dataDir: dir });
      storage.upload({ cloudPath: 'avatars/oCarol', content: Buffer.from('a file named like a folder') });
      storage.upload({ cloudPath: 'avatars/oCarol/me.png', content: Buffer.from('png') });
      storage.upload({ cloudPath: 'avatars/oCarol/me.png/x', content: Buffer.from('deeper') });
      expect(storage.list('avatars/').map((file) => file.cloudPath)).toEqual([
        'avatars/oCarol',
        'avatars/oCarol/me.png',
        'avatars/oCarol/me.png/x',
      ]);
      const again = newCloud({ dataDir: dir }).storage;
      expect(again.readPath('avatars/oCarol')?.toString()).toBe('a file named like a folder');
      expect(again.readPath('avatars/oCarol/me.png/x')?.toString()).toBe('deeper');
      // Nothing on disk is named after a cloud path.
      expect(
        readdirSync(path.join(dir, 'storage', 'objects')).every((name) => /^[0-9a-f]{64}$/.test(name)),
      ).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('moves a version 1 folder (files/<cloudPath>) to the flat layout when it opens it', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'local-cloud-storage-'));
    try {
      const storageDir = path.join(dir, 'storage');
      mkdirSync(path.join(storageDir, 'files', 'avatars', 'o-1'), { recursive: true });
      writeFileSync(path.join(storageDir, 'files', 'avatars', 'o-1', 'me.png'), 'old png');
      const meta = {
        cloudPath: 'avatars/o-1/me.png',
        size: 7,
        contentType: 'image/png',
        ownerOpenid: 'o-1',
        uploadedAt: 1,
      };
      writeFileSync(path.join(storageDir, 'index.json'), JSON.stringify({ version: 1, files: [meta] }));

      const { storage } = newCloud({ dataDir: dir });
      expect(storage.readPath('avatars/o-1/me.png')?.toString()).toBe('old png');
      expect(storage.owner(storage.fileIdOf('avatars/o-1/me.png'))).toBe('o-1');
      expect(existsSync(path.join(storageDir, 'files'))).toBe(false);
      expect(JSON.parse(readFileSync(path.join(storageDir, 'index.json'), 'utf8'))).toMatchObject({
        version: 2,
        files: [meta],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports storage failures inside functions without paths of this machine', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'local-cloud-storage-'));
    try {
      const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'], dataDir: dir });
      // The objects folder becomes a file: every write fails with an fs error naming it.
      rmSync(path.join(dir, 'storage', 'objects'), { recursive: true });
      writeFileSync(path.join(dir, 'storage', 'objects'), 'not a folder');
      const error = (await cloud
        .callFunction('storage-user', { cloudPath: 'reports/r.txt', text: 'x' }, { OPENID: 'o-1' })
        .catch((caught: unknown) => caught)) as { errMsg: string };
      expect(error.errMsg).toContain('uploadFile:fail the local storage could not complete the request');
      expect(error.errMsg).not.toContain(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves wx-server-sdk storage calls made inside a function (server uploads have no owner)', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    const result = (await cloud.callFunction(
      'storage-user',
      { cloudPath: 'reports/r1.txt', text: 'report' },
      { OPENID: 'o-1' },
    )) as { fileID: string; statusCode: number; temp: { status: number }[]; downloaded: string };
    expect(result.fileID).toBe(cloud.storage.fileIdOf('reports/r1.txt'));
    expect(result.statusCode).toBe(200);
    expect(result.temp.map((item) => item.status)).toEqual([0, -1]);
    expect(result.downloaded).toBe('report');
    expect(cloud.storage.owner(result.fileID)).toBeUndefined();
  });
});

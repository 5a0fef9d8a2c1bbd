/** @jest-environment node */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import os from 'os';
import path from 'path';
import { LocalCloud } from '../../scripts/local-cloud';

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
      expect(readFileSync(path.join(dir, 'storage', 'files', 'docs', 'a.txt'), 'utf8')).toBe('hello');
      expect(existsSync(path.join(dir, 'storage', 'files', 'docs', 'gone.txt'))).toBe(false);

      const second = newCloud({ dataDir: dir }).storage;
      expect(second.read(fileID)?.toString()).toBe('hello');
      expect(second.owner(fileID)).toBe('o-9');
      expect(second.list().map((file) => file.cloudPath)).toEqual(['docs/a.txt']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves wx-server-sdk storage calls made inside a function (server uploads have no owner)', async () => {
    const cloud = newCloud({ functionsRoot: fixtures });
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

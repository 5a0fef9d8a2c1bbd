/** @jest-environment node */
/** Who sends: the appid of project.config.json and its upload key, and what to do when either is wrong. */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KEY_ENV, ciProject } from '../../scripts/ship/credentials';
import { PROJECT_ROOT } from '../support/project-copy';

const APPID = 'wx0123456789abcdef';
const key = generateKeyPairSync('rsa', {
  modulusLength: 1024,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'credentials-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const withAppid = (appid: string) =>
  writeFileSync(path.join(dir, 'project.config.json'), JSON.stringify({ appid, projectname: 'x' }));

describe('the upload key', () => {
  it('is read from private.<appid>.key', () => {
    withAppid(APPID);
    writeFileSync(path.join(dir, `private.${APPID}.key`), key);
    expect(ciProject(dir, {})).toEqual({ appid: APPID, projectPath: dir, privateKey: key });
  });

  it(`comes from ${KEY_ENV} first (a CI secret)`, () => {
    withAppid(APPID);
    writeFileSync(path.join(dir, `private.${APPID}.key`), 'not this one');
    expect(ciProject(dir, { [KEY_ENV]: `\n${key}\n` }).privateKey).toBe(key);
  });

  it('is missing: says where to put it and where to get it', () => {
    withAppid(APPID);
    expect(() => ciProject(dir, {})).toThrow(
      `没有代码上传密钥：把 ${APPID} 的密钥放在项目根目录的 private.${APPID}.key（已被 git 忽略），或把密钥内容放进环境变量 ${KEY_ENV}`,
    );
    expect(() => ciProject(dir, {})).toThrow('小程序代码上传 → 生成“代码上传密钥”');
  });

  it('belongs to another appid: says the appid or the key is wrong', () => {
    withAppid(APPID);
    writeFileSync(path.join(dir, 'private.wxffffffffffffffff.key'), key);
    expect(() => ciProject(dir, {})).toThrow(
      `找到的密钥 private.wxffffffffffffffff.key 不属于 project.config.json 的 AppID ${APPID}`,
    );
  });

  it('is not a key: says so', () => {
    withAppid(APPID);
    expect(() => ciProject(dir, { [KEY_ENV]: 'hunter2' })).toThrow(`环境变量 ${KEY_ENV} 不是代码上传密钥`);
  });
});

describe('the appid', () => {
  it('refuses the tourist appid and points at npm run init', () => {
    withAppid('touristappid');
    expect(() => ciProject(dir, { [KEY_ENV]: key })).toThrow(/touristappid[\s\S]*npm run init -- --appid/);
  });

  it('refuses a malformed appid', () => {
    withAppid('wx123');
    expect(() => ciProject(dir, { [KEY_ENV]: key })).toThrow('AppID “wx123” 格式不对');
  });
});

describe('keys never reach the repository', () => {
  it('git tracks no private.*.key', () => {
    const tracked = spawnSync('git', ['ls-files', '--', 'private.*.key', '**/private.*.key'], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    expect(tracked.status).toBe(0);
    expect(tracked.stdout.trim().split('\n').filter(Boolean)).toEqual([]);
  });

  it('git ignores a downloaded key', () => {
    const ignored = spawnSync('git', ['check-ignore', '--no-index', `private.${APPID}.key`], {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    });
    expect(ignored.stdout.trim()).toBe(`private.${APPID}.key`);
  });
});

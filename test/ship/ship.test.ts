/** @jest-environment node */
/**
 * npm run preview / upload / deploy on a copy of the project made into an app with
 * `npm run init`: the real build, WeChat's real compile and checks run; only WeChat's
 * servers are replaced (recording-ci.ts), and the tests assert what would be sent.
 */
import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FixableError, type ShipContext } from '../../scripts/ship/command';
import { deploy } from '../../scripts/ship/deploy';
import { DEFAULT_QR_FILE, preview } from '../../scripts/ship/preview';
import { upload } from '../../scripts/ship/upload';
import { PROJECT_ROOT, type ProjectCopy, copyProject } from '../support/project-copy';
import { qrJpegBase64, readQr, terminalRendering } from './qr-image';
import { type RecordingOptions, recordingCi } from './recording-ci';

jest.setTimeout(10 * 60 * 1000);

const APPID = 'wx0123456789abcdef';
const ENV = 'test-1a2b';
let copy: ProjectCopy | undefined;
const project = (): ProjectCopy => {
  if (!copy) throw new Error('the project copy is made in beforeAll');
  return copy;
};
const key = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
}).privateKey;

function git(args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', ...args], {
    cwd: project().dir,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return result.stdout.trim();
}

beforeAll(() => {
  // The copy links node_modules, where the npm build cannot run: copy a fresh one (as `npm test` does).
  const build = spawnSync(
    process.execPath,
    [createRequire(__filename).resolve('tsx/cli'), 'scripts/build.ts', '--npm', '--if-stale'],
    {
      cwd: PROJECT_ROOT,
      encoding: 'utf8',
    },
  );
  expect(build.status).toBe(0);
  copy = copyProject('ship-');
  const init = project().run('tsx', [
    'scripts/init/index.ts',
    '--appid',
    APPID,
    '--env',
    ENV,
    '--name',
    'demo',
  ]);
  expect(init.status).toBe(0);
  const pkgFile = path.join(project().dir, 'package.json');
  writeFileSync(pkgFile, readFileSync(pkgFile, 'utf8').replace(/"version": "[^"]*"/, '"version": "1.4.2"'));
  writeFileSync(path.join(project().dir, `private.${APPID}.key`), key);
  git(['init', '-q']);
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'Ship the first version']);
});
afterAll(() => copy?.remove());

function context(options: RecordingOptions = {}) {
  const lines: string[] = [];
  const ci = recordingCi({
    readFolder: (dir) =>
      Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(path.join(dir, name), 'utf8')])),
    ...options,
  });
  const ctx: ShipContext = { root: project().dir, ci, log: (line) => lines.push(line), env: {} };
  return { ctx, sent: ci.sent, output: () => lines.join('\n') };
}

const commitDescription = () => `${git(['rev-parse', '--short', 'HEAD'])}: Ship the first version`;

describe('npm run preview', () => {
  it('builds, passes WeChat’s compile, asks for a base64 QR code, prints it and saves it as PNG', async () => {
    const url = 'https://mp.weixin.qq.com/a/~preview-ticket';
    const { ctx, sent, output } = context({ qrcodeBase64: await qrJpegBase64(url) });
    const file = await preview(ctx, { robot: 3, qrFile: DEFAULT_QR_FILE, pagePath: 'pages/mine/index' });

    expect(sent.preview).toEqual([
      {
        project: { appid: APPID, projectPath: project().dir, privateKey: key },
        robot: 3,
        desc: commitDescription(),
        qrcodeFormat: 'base64',
        pagePath: 'pages/mine/index',
      },
    ]);
    expect(output()).toContain(
      '微信编译检查通过（compile、wcc、wcsc、analyse、schema、component、es5、size）',
    );
    expect(output()).toContain(await terminalRendering(url));
    expect(file).toBe(path.join(project().dir, 'preview-qrcode.png'));
    const png = readFileSync(file);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(await readQr(png)).toBe(url);
  });

  it('sends nothing when WeChat’s compile fails, and shows the failing gate and file', async () => {
    const page = path.join(project().dir, 'miniprogram/pages/mine/index.wxml');
    const original = readFileSync(page, 'utf8');
    writeFileSync(page, `${original}\n<view>{{ broken + }}</view>\n`);
    try {
      const { ctx, sent } = context();
      const failure = preview(ctx, { robot: 1, qrFile: 'qr.png' });
      await expect(failure).rejects.toThrow(FixableError);
      await expect(failure).rejects.toThrow(
        /微信编译检查未通过[\s\S]*\[wcc\] miniprogram\/pages\/mine\/index\.wxml/,
      );
      expect(sent.preview).toEqual([]);
    } finally {
      writeFileSync(page, original);
    }
  });
});

describe('npm run upload', () => {
  it('uploads the version of package.json with the commit as description and the chosen robot', async () => {
    const { ctx, sent, output } = context();
    await upload(ctx, { robot: 7 });
    expect(sent.upload).toEqual([
      {
        project: { appid: APPID, projectPath: project().dir, privateKey: key },
        robot: 7,
        version: '1.4.2',
        desc: commitDescription(),
      },
    ]);
    expect(output()).toContain('微信编译检查通过');
    expect(output()).toContain('已上传 1.4.2');
  });

  it('names the IP whitelist fix, with the IP, when WeChat refuses the machine', async () => {
    const { ctx } = context({
      refuse: () =>
        '{"errCode":-10008,"errMsg":"invalid ip: 203.0.113.7, reference: https://developers.weixin.qq.com"}',
    });
    await expect(upload(ctx, { robot: 1, desc: 'x' })).rejects.toThrow(
      /本机 IP 203\.0\.113\.7 不在代码上传的 IP 白名单中：小程序管理后台 → 开发 → 开发管理 → 开发设置 → 小程序代码上传 → IP 白名单/,
    );
  });
});

describe('npm run deploy', () => {
  const functionFolders = () =>
    readdirSync(path.join(project().dir, 'cloudfunctions'))
      .filter((name) => existsSync(path.join(project().dir, 'cloudfunctions', name, 'index.ts')))
      .sort();

  it('builds and uploads every function with remote npm install, then the H5 page set to the environment', async () => {
    const { ctx, sent, output } = context();
    const result = await deploy(ctx, {});
    const names = functionFolders();
    expect(names.length).toBeGreaterThan(0);
    expect(result).toEqual({ env: ENV, functions: names });
    expect(sent.uploadFunction).toEqual(
      names.map((name) => ({
        project: { appid: APPID, projectPath: project().dir, privateKey: key },
        env: ENV,
        name,
        path: path.join(project().dir, 'cloudfunctions', name),
        remoteNpmInstall: true,
      })),
    );
    // What is uploaded is the fresh build: the bundle and the manifest naming wx-server-sdk.
    for (const name of names) {
      const manifest = JSON.parse(
        readFileSync(path.join(project().dir, 'cloudfunctions', name, 'package.json'), 'utf8'),
      );
      expect(manifest.dependencies).toHaveProperty('wx-server-sdk');
      expect(existsSync(path.join(project().dir, 'cloudfunctions', name, 'index.js'))).toBe(true);
    }
    const [web] = sent.uploadStaticStorage;
    expect(sent.uploadStaticStorage).toHaveLength(1);
    expect({ env: web.env, remotePath: web.remotePath }).toEqual({ env: ENV, remotePath: '' });
    expect(Object.keys(web.files).sort()).toEqual(readdirSync(path.join(project().dir, 'web')).sort());
    expect(web.files['config.js']).toContain(`envId: '${ENV}'`);
    expect(web.files['jump.html']).toBe(readFileSync(path.join(project().dir, 'web/jump.html'), 'utf8'));

    const rules = JSON.parse(readFileSync(path.join(project().dir, 'security/database.rules.json'), 'utf8'));
    for (const [collection, rule] of Object.entries(rules))
      expect(output()).toContain(`  ${collection}: ${JSON.stringify(rule)}`);
    expect(output()).toContain('数据库 → 选中集合 → 权限设置 → 自定义安全规则');
    expect(output()).toContain('存储 → 权限设置 → 自定义安全规则');
    const storageRules = readFileSync(path.join(project().dir, 'security/storage.rules.json'), 'utf8');
    for (const line of storageRules.trimEnd().split('\n')) expect(output()).toContain(`  ${line}`);
  });

  it('deploys to the environment given with --env', async () => {
    const { ctx, sent } = context();
    await deploy(ctx, { env: 'prod-9z8y' });
    expect(new Set(sent.uploadFunction.map((call) => call.env))).toEqual(new Set(['prod-9z8y']));
    expect(sent.uploadStaticStorage[0].files['config.js']).toContain("envId: 'prod-9z8y'");
  });

  it('names the function that failed, goes on with the others, and fails', async () => {
    const { ctx, sent } = context({
      refuse: (call, request) =>
        call === 'uploadFunction' && request.name === 'user' ? 'env not exist' : undefined,
    });
    const failure = deploy(ctx, {});
    await expect(failure).rejects.toThrow(
      /1 项失败[\s\S]*- 云函数 user（云端安装依赖）：云开发环境 test-1a2b 不存在或不属于 wx0123456789abcdef/,
    );
    expect(sent.uploadFunction.map((call) => call.name)).toEqual(functionFolders());
    expect(sent.uploadStaticStorage).toHaveLength(1);
  });

  it('refuses an invalid environment id before building or sending anything', async () => {
    const { ctx, sent } = context();
    await expect(deploy(ctx, { env: 'Not An Env' })).rejects.toThrow(/云开发环境 ID “Not An Env” 格式不对/);
    expect(sent.uploadFunction).toEqual([]);
  });
});

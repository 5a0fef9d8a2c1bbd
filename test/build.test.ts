/** @jest-environment node */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildFunctions, functionNames, root } from '../scripts/build';
import { LocalCloud } from '../scripts/local-cloud';

const functionsRoot = path.join(root, 'cloudfunctions');
const ignored = (file: string) => {
  try {
    execFileSync('git', ['check-ignore', '-q', file], { cwd: root });
    return true;
  } catch {
    return false;
  }
};

describe('npm run build', () => {
  let built: string[] = [];
  beforeAll(async () => {
    built = await buildFunctions();
  });

  it('finds every function folder and skips the shared source', () => {
    expect(functionNames()).toEqual(expect.arrayContaining(['favorites', 'login', 'ping']));
    expect(functionNames()).not.toContain('.shared');
    expect(built).toEqual(functionNames());
  });

  it('writes a self-contained, deployable folder per function, all git-ignored', () => {
    const sdk = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).devDependencies[
      'wx-server-sdk'
    ];
    for (const name of built) {
      const js = path.join(functionsRoot, name, 'index.js');
      const manifest = JSON.parse(readFileSync(path.join(functionsRoot, name, 'package.json'), 'utf8'));
      expect(manifest).toMatchObject({ name, main: 'index.js', dependencies: { 'wx-server-sdk': sdk } });
      const code = readFileSync(js, 'utf8');
      // Shared code is bundled in: the only module required at run time is wx-server-sdk.
      const required = [...new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]))];
      expect(required.filter((id) => !id.startsWith('node:'))).toEqual(['wx-server-sdk']);
      expect(ignored(path.relative(root, js))).toBe(true);
      expect(ignored(path.relative(root, path.join(functionsRoot, name, 'package.json')))).toBe(true);
    }
  });

  it('produces functions that run: the built ping answers through the local runtime', async () => {
    const cloud = new LocalCloud({ load: 'built' });
    try {
      await cloud.callFunction('login', {}, { OPENID: 'oBuilt', APPID: 'wx1' });
      const result = await cloud.callFunction('ping', { echo: 'hi' }, { OPENID: 'oBuilt', APPID: 'wx1' });
      expect(result).toEqual({ ok: true, data: { openid: 'oBuilt', appid: 'wx1', echo: 'hi', visits: 1 } });
    } finally {
      cloud.close();
    }
  });

  it('has built the npm packages DevTools needs, git-ignored', () => {
    const npm = path.join(root, 'miniprogram', 'miniprogram_npm');
    for (const pkg of [
      'tdesign-miniprogram/button/button.js',
      'mobx-miniprogram',
      'mobx-miniprogram-bindings',
    ]) {
      expect(existsSync(path.join(npm, pkg))).toBe(true);
    }
    expect(ignored('miniprogram/miniprogram_npm/tdesign-miniprogram/button/button.js')).toBe(true);
  });
});

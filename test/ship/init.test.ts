/** @jest-environment node */
/**
 * npm run init on a copy of the project: every file that names the app is rewritten,
 * values are checked, a second run changes nothing, missing flags are an error outside a
 * terminal, and --strip-demo removes the demo through npm run demo:remove's operation.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { init } from '../../scripts/init';
import { DEMO_PATHS } from '../../scripts/remove-demo';
import { useProjectCopy } from '../support/project-copy';

jest.setTimeout(10 * 60 * 1000);

const APPID = 'wx0123456789abcdef';
const project = useProjectCopy('init-');
const initCli = (args: string[]) => project().run('tsx', ['scripts/init/index.ts', ...args]);
const read = (file: string) => readFileSync(path.join(project().dir, file), 'utf8');
const NAMING_FILES = [
  'project.config.json',
  'miniprogram/config.ts',
  'web/config.js',
  'package.json',
  'README.md',
];
const snapshot = () => NAMING_FILES.map((file) => read(file));

/** appConfig.cloudEnv of the copy's config.ts in a build of the given envVersion. */
function cloudEnvIn(envVersion: string): string {
  const code = `globalThis.wx = { getAccountInfoSync: () => ({ miniProgram: { envVersion: '${envVersion}' } }) };
    console.log(require('./miniprogram/config.ts').appConfig.cloudEnv);`;
  const { status, output } = project().run('tsx', ['-e', code]);
  expect(status).toBe(0);
  return output.trim();
}

describe('npm run init', () => {
  it('outside a terminal, a missing flag is an error that names it, and nothing is written', () => {
    const before = snapshot();
    expect(initCli(['--appid', APPID, '--name', 'demo'])).toEqual({
      status: 1,
      output: expect.stringContaining('缺少 --env'),
    });
    expect(initCli(['--env', 'test-1a2b', '--name', 'demo']).output).toContain('缺少 --appid');
    expect(snapshot()).toEqual(before);
  });

  it('refuses the tourist appid, a malformed appid and a malformed env id', () => {
    expect(initCli(['--appid', 'touristappid', '--env', 'test-1a2b', '--name', 'demo']).output).toContain(
      '--appid: touristappid 是开发者工具的游客 AppID',
    );
    expect(initCli(['--appid', 'wx0123', '--env', 'test-1a2b', '--name', 'demo']).output).toContain(
      '--appid: AppID “wx0123” 格式不对',
    );
    expect(initCli(['--appid', APPID, '--env', 'Test_1', '--name', 'demo']).output).toContain(
      '--env: 云开发环境 ID “Test_1” 格式不对',
    );
  });

  it('rewrites every file that names the app, prints what changed, and a second run changes nothing', () => {
    const first = initCli(['--appid', APPID, '--env', 'test-1a2b', '--name', 'demo']);
    expect(first.status).toBe(0);
    expect(first.output).toContain('project.config.json appid: “touristappid” → “wx0123456789abcdef”');
    expect(first.output).toContain('miniprogram/config.ts cloudEnvs.release: “” → “test-1a2b”');
    expect(JSON.parse(read('project.config.json'))).toMatchObject({ appid: APPID, projectname: 'demo' });
    expect(JSON.parse(read('package.json')).name).toBe('demo');
    expect(read('web/config.js')).toContain("envId: 'test-1a2b',");
    expect(read('README.md').split('\n')[0]).toBe('# demo');
    expect(['develop', 'trial', 'release'].map(cloudEnvIn)).toEqual(['test-1a2b', 'test-1a2b', 'test-1a2b']);

    const files = snapshot();
    const second = initCli(['--appid', APPID, '--env', 'test-1a2b', '--name', 'demo']);
    expect(second).toEqual({ status: 0, output: expect.stringContaining('没有需要修改的内容') });
    expect(snapshot()).toEqual(files);
  });

  it('gives each build its own environment; the H5 page uses the release one', () => {
    const result = initCli([
      '--appid',
      APPID,
      '--env',
      'test-1a2b',
      '--env-release',
      'prod-9z8y',
      '--name',
      'demo',
    ]);
    expect(result.status).toBe(0);
    expect(result.output).not.toContain('cloudEnvs.develop');
    expect(['develop', 'trial', 'release'].map(cloudEnvIn)).toEqual(['test-1a2b', 'test-1a2b', 'prod-9z8y']);
    expect(read('web/config.js')).toContain("envId: 'prod-9z8y',");
  });

  it('in a terminal, asks for what is missing and again after an invalid answer', async () => {
    const answers = ['wx12', 'wxabcdefabcdefabcd', 'prod-1a2b', 'My App', 'my-app', 'n'];
    const questions: string[] = [];
    const result = await init(project().dir, {}, async (question) => {
      questions.push(question);
      return answers.shift() ?? '';
    });
    expect(answers).toEqual([]);
    expect(questions.length).toBe(6);
    expect(result.removedDemo).toEqual([]);
    expect(JSON.parse(read('project.config.json'))).toMatchObject({
      appid: 'wxabcdefabcdefabcd',
      projectname: 'my-app',
    });
    expect(cloudEnvIn('release')).toBe('prod-1a2b');
  });

  it('--strip-demo removes the demo content and the project still typechecks', () => {
    const result = initCli(['--appid', APPID, '--env', 'test-1a2b', '--name', 'demo', '--strip-demo']);
    expect(result.status).toBe(0);
    expect(result.output).toContain('已删除演示内容');
    for (const relative of DEMO_PATHS)
      expect([relative, existsSync(path.join(project().dir, relative))]).toEqual([relative, false]);
    expect(project().run('tsc', ['--noEmit', '-p', 'tsconfig.json'])).toEqual({ status: 0, output: '' });
  });
});

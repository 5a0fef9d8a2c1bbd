/** @jest-environment node */
/**
 * `npm run demo:remove` on a temporary copy of the project: the demo content and the tests
 * that need it go, the catalogue is empty, and the project still typechecks, builds its
 * cloud functions and passes the tests that remain (a sample of them here: the pages and
 * functions around the catalogue; `npm test` in the copy runs them all).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_PATHS } from '../scripts/remove-demo';
import { useProjectCopy } from './support/project-copy';

jest.setTimeout(15 * 60 * 1000);

const project = useProjectCopy('remove-demo-');

describe('npm run demo:remove', () => {
  it('removes the demo content and what reads it, and says so', () => {
    const { status, output } = project().run('tsx', ['scripts/remove-demo.ts']);
    expect({ status, output }).toEqual({ status: 0, output: expect.stringContaining('已删除演示内容') });
    for (const relative of DEMO_PATHS)
      expect([relative, existsSync(path.join(project().dir, relative))]).toEqual([relative, false]);
    expect(readFileSync(path.join(project().dir, 'miniprogram/data/articles.ts'), 'utf8')).toContain(
      'export const articles: readonly Article[] = [];',
    );
    // Once is enough: a second run changes nothing.
    expect(project().run('tsx', ['scripts/remove-demo.ts']).output).toContain('无需再次执行');
  });

  it('leaves a project that typechecks and lints', () => {
    const tsc = project().run('tsc', ['--noEmit', '-p', 'tsconfig.json']);
    expect(tsc).toEqual({ status: 0, output: '' });
    const lint = project().run('eslint', [
      'miniprogram',
      'cloudfunctions',
      'scripts/remove-demo.ts',
      '--max-warnings',
      '0',
    ]);
    expect(lint).toEqual({ status: 0, output: '' });
  });

  it('builds every cloud function', () => {
    const build = project().run('tsx', ['scripts/build.ts', '--functions']);
    expect(build.status).toBe(0);
    for (const name of ['favorites', 'login', 'ping', 'urlscheme', 'user']) {
      expect(existsSync(path.join(project().dir, 'cloudfunctions', name, 'index.js'))).toBe(true);
    }
  });

  it('passes the remaining tests of the pages, session and favourites around the catalogue', () => {
    expect(
      project().jest([
        'test/pages/mine.test.ts',
        'test/stores/session.test.ts',
        'test/cloudfunctions/favorites.test.ts',
      ]),
    ).toEqual({
      status: 0,
      tail: expect.stringMatching(/Tests:\s+\d+ passed, \d+ total/),
    });
  });
});

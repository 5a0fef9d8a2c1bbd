/** @jest-environment node */
/**
 * The README recipes "加一个页面" and "加一个云函数动作", followed on a temporary copy of
 * the project: every code block of the recipe section marked `file=<path>` is written as
 * is, the two one-line edits the recipe asks for are made, and the copy must typecheck,
 * lint, build its functions and pass the tests the recipes wrote.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, useProjectCopy } from './support/project-copy';

jest.setTimeout(15 * 60 * 1000);

/** `file=` code blocks of the README section that holds the recipes (list indentation removed). */
function recipeFiles(): Map<string, string> {
  const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('## 用作新项目的模板'),
    readme.indexOf('## 本地云运行时与测试替身'),
  );
  const files = new Map<string, string>();
  for (const [, indent, file, body] of section.matchAll(/^( *)```\w+ file=(\S+)\n([\s\S]*?)^\1```$/gm)) {
    files.set(file, body.replace(new RegExp(`^${indent}`, 'gm'), ''));
  }
  return files;
}

const edit = (file: string, change: (text: string) => string) => {
  const text = readFileSync(file, 'utf8');
  const changed = change(text);
  if (changed === text) throw new Error(`${file}: the recipe's edit did not apply`);
  writeFileSync(file, changed);
};

const project = useProjectCopy('recipes-');

describe('README recipes', () => {
  it('has the files of both recipes', () => {
    const files = recipeFiles();
    expect([...files.keys()].sort()).toEqual([
      'cloudfunctions/favorites/count.ts',
      'miniprogram/packages/account/hello/index.json',
      'miniprogram/packages/account/hello/index.ts',
      'miniprogram/packages/account/hello/index.wxml',
      'miniprogram/packages/account/hello/index.wxss',
      'miniprogram/packages/account/hello/type.ts',
      'test/cloudfunctions/favorites-count.test.ts',
      'test/packages/account/hello.test.ts',
    ]);
    for (const [file, text] of files) {
      mkdirSync(path.dirname(path.join(project().dir, file)), { recursive: true });
      writeFileSync(path.join(project().dir, file), text);
    }
    // The recipes' one-line edits: the page in app.json's account subpackage and in
    // routes.ts, the action in the function's table.
    edit(path.join(project().dir, 'miniprogram/app.json'), (text) => {
      const app = JSON.parse(text) as { subPackages: { root: string; pages: string[] }[] };
      app.subPackages.find((sub) => sub.root === 'packages/account')?.pages.push('hello/index');
      return `${JSON.stringify(app, null, 2)}\n`;
    });
    edit(path.join(project().dir, 'miniprogram/routes.ts'), (text) =>
      text.replace(
        "  diagnostics: '/packages/account/diagnostics/index',\n",
        "  diagnostics: '/packages/account/diagnostics/index',\n  hello: '/packages/account/hello/index',\n",
      ),
    );
    edit(path.join(project().dir, 'cloudfunctions/favorites/index.ts'), (text) =>
      text
        .replace(
          "import { add } from './add';",
          "import { add } from './add';\nimport { count } from './count';",
        )
        .replace('defineActions({ list, add, remove })', 'defineActions({ list, add, remove, count })'),
    );
  });

  it('typechecks, lints and builds the copy', () => {
    expect(project().run('tsc', ['--noEmit', '-p', 'tsconfig.json'])).toEqual({ status: 0, output: '' });
    expect(project().run('eslint', ['miniprogram', 'cloudfunctions', '--max-warnings', '0'])).toEqual({
      status: 0,
      output: '',
    });
    expect(project().run('tsx', ['scripts/build.ts', '--functions']).status).toBe(0);
  });

  it("passes the recipes' own tests, and the page is where routes.ts says", () => {
    expect(
      project().jest([
        'test/packages/account/hello.test.ts',
        'test/cloudfunctions/favorites-count.test.ts',
        'test/routes.test.ts',
      ]),
    ).toEqual({
      status: 0,
      tail: expect.stringMatching(/Tests:\s+\d+ passed, \d+ total/),
    });
  });
});

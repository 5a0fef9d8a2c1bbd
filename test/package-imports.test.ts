/** @jest-environment node */
import path from 'node:path';
import { ESLint } from 'eslint';

/**
 * WeChat loads a subpackage only when one of its pages opens (or a preloadRule fetches
 * it), so the main package must never require a subpackage's module, and one subpackage
 * never another's. eslint.config.js derives those rules from app.json's subPackages;
 * checked here on snippets with the project's own config.
 */
const root = path.resolve(__dirname, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(path.join(root, 'eslint.config.js')) as ESLint.Options['overrideConfig'];
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config });

async function importErrors(file: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from '${specifier}';\nexport const probe = x;\n`, {
    filePath: path.join(root, file),
  });
  return result.messages
    .filter((message) => message.ruleId === null || message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('imports between packages', () => {
  it.each([
    [
      'miniprogram/ui/probe.ts',
      '../packages/account/services/profile',
      /main package never imports a subpackage/,
    ],
    ['miniprogram/pages/home/probe.ts', '../../packages/content/article/type', /main package never imports/],
    [
      'miniprogram/packages/account/login/probe.ts',
      '../../content/article/type',
      /cannot import packages\/content/,
    ],
    [
      'miniprogram/packages/content/article/probe.ts',
      '../../../packages/account/services/profile',
      /cannot import packages\/account/,
    ],
  ])('%s may not import %s', async (file, specifier, message) => {
    const errors = await importErrors(file, specifier);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  it.each([
    ['miniprogram/packages/account/profile/probe.ts', '../../../services/cloud'],
    ['miniprogram/packages/account/profile/probe.ts', '../services/profile'],
    ['miniprogram/packages/content/article/probe.ts', '../../../stores/favorites'],
    ['miniprogram/pages/mine/probe.ts', '../../routes'],
  ])('%s may import %s', async (file, specifier) => {
    expect(await importErrors(file, specifier)).toEqual([]);
  });
});

describe('opening pages', () => {
  it('refuses wx.navigateTo in pages and packages: pages open through goTo (ui/navigate.ts)', async () => {
    const errors = async (file: string) => {
      const [result] = await eslint.lintText("export const open = () => wx.navigateTo({ url: '/x' });\n", {
        filePath: path.join(root, file),
      });
      return result.messages.filter((message) => message.ruleId === 'no-restricted-properties');
    };
    expect(await errors('miniprogram/pages/mine/probe.ts')).toHaveLength(1);
    expect(await errors('miniprogram/packages/account/links/probe.ts')).toHaveLength(1);
    expect(await errors('miniprogram/ui/navigate.ts')).toHaveLength(0);
  });
});

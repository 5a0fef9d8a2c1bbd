/** @jest-environment node */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const mp = path.join(root, 'miniprogram');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

const appJson = readJson(path.join(mp, 'app.json'));

/** Every page and component folder reachable from app.json through usingComponents. */
function componentGraph(): Map<string, Record<string, string>> {
  const seen = new Map<string, Record<string, string>>();
  const visit = (componentPath: string) => {
    if (seen.has(componentPath)) return;
    const json = readJson(path.join(mp, `${componentPath}.json`));
    const using: Record<string, string> = json.usingComponents ?? {};
    seen.set(componentPath, using);
    for (const target of Object.values(using)) {
      if (target.startsWith('/miniprogram_npm/')) continue; // checked separately
      visit(target.startsWith('/') ? target.slice(1) : path.join(path.dirname(componentPath), target));
    }
  };
  (appJson.pages as string[]).forEach(visit);
  return seen;
}

describe('project.config.json', () => {
  const config = readJson(path.join(root, 'project.config.json'));

  it('points DevTools and miniprogram-ci at the right roots with the TypeScript plugin', () => {
    expect(config).toMatchObject({
      miniprogramRoot: 'miniprogram/',
      cloudfunctionRoot: 'cloudfunctions/',
      compileType: 'miniprogram',
      setting: {
        useCompilerPlugins: ['typescript'],
        packNpmManually: true,
        packNpmRelationList: [{ packageJsonPath: './package.json', miniprogramNpmDistDir: './miniprogram/' }],
      },
    });
    expect(config.libVersion).toMatch(/^3\.\d+\.\d+$/);
    expect(typeof config.appid).toBe('string');
  });

  it('keeps per-developer settings out of git', () => {
    expect(readFileSync(path.join(root, '.gitignore'), 'utf8')).toMatch(/^project\.private\.config\.json$/m);
  });
});

describe('app.json', () => {
  it('follows the package-size and privacy rules', () => {
    expect(appJson.lazyCodeLoading).toBe('requiredComponents');
    expect(appJson.usingComponents).toEqual({});
    expect(appJson.__usePrivacyCheck__).toBe(true);
    expect(appJson.darkmode).toBe(true);
    expect(existsSync(path.join(mp, appJson.themeLocation))).toBe(true);
    expect(existsSync(path.join(mp, appJson.sitemapLocation))).toBe(true);
  });

  it('has a 首页 / 我的 tabBar on pages that exist', () => {
    const tabs = appJson.tabBar.list as { pagePath: string; text: string }[];
    expect(tabs.map((tab) => tab.text)).toEqual(['首页', '我的']);
    for (const tab of tabs) expect(appJson.pages).toContain(tab.pagePath);
  });

  it('uses only theme variables that theme.json defines, in both themes', () => {
    const theme = readJson(path.join(mp, 'theme.json'));
    const used = JSON.stringify({ window: appJson.window, tabBar: appJson.tabBar }).match(/@\w+/g) ?? [];
    expect(used.length).toBeGreaterThan(0);
    for (const variable of used) {
      expect(theme.light).toHaveProperty(variable.slice(1));
      expect(theme.dark).toHaveProperty(variable.slice(1));
    }
  });

  it('declares every page and component with all four files, and only existing components', () => {
    const graph = componentGraph();
    expect(graph.size).toBeGreaterThanOrEqual(appJson.pages.length);
    for (const [componentPath, using] of graph) {
      for (const ext of ['ts', 'wxml', 'wxss', 'json']) {
        expect(existsSync(path.join(mp, `${componentPath}.${ext}`))).toBe(true);
      }
      for (const target of Object.values(using)) {
        // DevTools and the official compiler both resolve absolute paths from miniprogram/.
        expect(target.startsWith('/')).toBe(true);
      }
    }
  });

  it('names only TDesign components that the npm build produced', () => {
    const npmTargets = [...componentGraph().values()]
      .flatMap((using) => Object.values(using))
      .filter((target) => target.startsWith('/miniprogram_npm/'));
    expect(npmTargets.length).toBeGreaterThan(0);
    for (const target of npmTargets) {
      expect(existsSync(path.join(mp, `${target}.json`))).toBe(true);
    }
  });
});

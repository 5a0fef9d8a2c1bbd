/** @jest-environment node */
/**
 * npm run size on a small fixture project compiled once by WeChat's compile
 * (miniprogram-ci getCompiledResult, about 5-10 s): a main page using an npm button
 * (which uses an npm icon through a nested usingComponents), a subpackage page using a
 * component under the subpackage root and an npm stepper that lives in the main
 * package's miniprogram_npm, and an app.wxss that @imports an npm theme (which @imports
 * its tokens). The walk-only checks also run on the real project.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { listFiles, toPosix } from '../scripts/check-wechat/project';
import {
  MAIN_PACKAGE_BUDGET,
  type SizeReport,
  formatReport,
  kb,
  main,
  measureCompiled,
  packageEntries,
  packagesOf,
} from '../scripts/size-report';
import { fileDependencies, walk } from '../scripts/reach';

jest.setTimeout(5 * 60 * 1000);

const ROOT = path.resolve(__dirname, '..');
const SCRIPT = path.join(ROOT, 'scripts', 'size-report.ts');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'size-report-test-'));
const fixture = path.join(scratch, 'project');
const out = path.join(scratch, 'compiled');

const FILES: Record<string, string> = {
  'package.json': '{ "name": "size-fixture", "private": true }\n',
  'miniprogram/app.json': JSON.stringify({
    pages: ['pages/index/index'],
    subPackages: [{ name: 'extra', root: 'packages/extra', pages: ['page/index'] }],
    lazyCodeLoading: 'requiredComponents',
  }),
  'miniprogram/app.ts': 'App({});\n',
  'miniprogram/app.wxss':
    "@import '/miniprogram_npm/fake-ui/theme/index.wxss';\npage { color: var(--ui-color); }\n",
  'miniprogram/pages/index/index.json': JSON.stringify({
    usingComponents: { 'ui-button': 'fake-ui/button/button' },
  }),
  'miniprogram/pages/index/index.ts': "Page({ data: { title: 'home' } });\n",
  'miniprogram/pages/index/index.wxml': '<ui-button>{{title}}</ui-button>\n',
  'miniprogram/pages/index/index.wxss': '.home { padding: 16rpx; }\n',
  'miniprogram/utils/shared.ts': 'export const label = (n: number): string => `item ${n}`;\n',
  'miniprogram/packages/extra/page/index.json': JSON.stringify({
    usingComponents: { card: '../components/card/card', 'ui-stepper': 'fake-ui/stepper/stepper' },
  }),
  'miniprogram/packages/extra/page/index.ts': [
    "import { label } from '../../../utils/shared';",
    "import type { Item } from './types';",
    '',
    'const first: Item = { n: 1 };',
    'Page({',
    '  data: { text: label(first.n) },',
    '  async onLoad() {',
    '    await Promise.resolve();',
    '    this.setData({ text: label(2) });',
    '  },',
    '});',
    '',
  ].join('\n'),
  'miniprogram/packages/extra/page/types.ts': 'export interface Item {\n  n: number;\n}\n',
  'miniprogram/packages/extra/page/index.wxml': '<card>{{text}}</card><ui-stepper />\n',
  'miniprogram/packages/extra/page/index.wxss': '.extra { margin: 8rpx; }\n',
  'miniprogram/packages/extra/components/card/card.json': JSON.stringify({
    component: true,
    usingComponents: { 'ui-icon': '/miniprogram_npm/fake-ui/icon/icon' },
  }),
  'miniprogram/packages/extra/components/card/card.ts': 'Component({ properties: { title: String } });\n',
  'miniprogram/packages/extra/components/card/card.wxml': '<view class="card"><ui-icon /><slot /></view>\n',
  'miniprogram/packages/extra/components/card/card.wxss': '.card { border: 1px solid #ccc; }\n',
  'miniprogram/miniprogram_npm/fake-ui/theme/index.wxss':
    "@import './tokens.wxss';\npage { --ui-bg: #ffffff; }\n",
  'miniprogram/miniprogram_npm/fake-ui/theme/tokens.wxss':
    'page { --ui-color: #123456; --ui-radius: 8rpx; }\n',
  'miniprogram/miniprogram_npm/fake-ui/common/utils.js': 'export function add(a, b) {\n  return a + b;\n}\n',
  'miniprogram/miniprogram_npm/fake-ui/button/button.json': JSON.stringify({
    component: true,
    usingComponents: { 'ui-icon': '../icon/icon' },
  }),
  'miniprogram/miniprogram_npm/fake-ui/button/button.js':
    "import { add } from '../common/utils';\nComponent({ data: { size: add(1, 2) } });\n",
  'miniprogram/miniprogram_npm/fake-ui/button/button.wxml':
    '<view class="button"><ui-icon /><slot /></view>\n',
  'miniprogram/miniprogram_npm/fake-ui/button/button.wxss':
    '.button { display: inline-block; padding: 8rpx; }\n',
  'miniprogram/miniprogram_npm/fake-ui/icon/icon.json': '{ "component": true }',
  'miniprogram/miniprogram_npm/fake-ui/icon/icon.js': 'Component({});\n',
  'miniprogram/miniprogram_npm/fake-ui/icon/icon.wxml': '<text class="icon">*</text>\n',
  'miniprogram/miniprogram_npm/fake-ui/icon/icon.wxss': '.icon { font-size: 32rpx; }\n',
  'miniprogram/miniprogram_npm/fake-ui/stepper/stepper.json': '{ "component": true }',
  'miniprogram/miniprogram_npm/fake-ui/stepper/stepper.js':
    "import { add } from '../common/utils';\nComponent({ data: { value: add(0, 1) } });\n",
  'miniprogram/miniprogram_npm/fake-ui/stepper/stepper.wxml':
    '<wxs src="./stepper.wxs" module="s" /><view class="stepper">{{s.show(value)}}</view>\n',
  'miniprogram/miniprogram_npm/fake-ui/stepper/stepper.wxs':
    'module.exports = { show: function (v) { return "" + v; } };\n',
  'miniprogram/miniprogram_npm/fake-ui/stepper/stepper.wxss': '.stepper { display: flex; }\n',
  'miniprogram/miniprogram_npm/fake-ui/unused/unused.json': '{ "component": true }',
  'miniprogram/miniprogram_npm/fake-ui/unused/unused.js': 'Component({});\n',
  'miniprogram/miniprogram_npm/fake-ui/unused/unused.wxml': '<view>unused</view>\n',
  'miniprogram/miniprogram_npm/fake-ui/unused/unused.wxss': '.unused { color: red; }\n',
};

function writeProject(dir: string, files: Record<string, string>): void {
  // The real project's WeChat settings: TS plugin, ES5, minify, ignoreUploadUnusedFiles.
  cpSync(path.join(ROOT, 'project.config.json'), path.join(dir, 'project.config.json'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

/** The CLI as `npm run size` runs it, in a child process. */
function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    process.execPath,
    ['--require', createRequire(__filename).resolve('tsx/cjs'), SCRIPT, ...args],
    { cwd: ROOT, encoding: 'utf8', timeout: 2 * 60 * 1000 },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const SUB = 'subpackage extra (packages/extra)';
let report: SizeReport;
let cliStatus: number;
/** The compiled output on disk: file → bytes. */
let compiled: Map<string, number>;
const packageOfFile = (file: string) =>
  report.packages.filter((pkg) => pkg.compiled.some((f) => f.file === file));
const ownerOf = (file: string) => packageOfFile(file).map((pkg) => pkg.label);
const sizeOnDisk = (prefix: string) =>
  [...compiled].filter(([file]) => file.startsWith(prefix)).reduce((sum, [, bytes]) => sum + bytes, 0);

beforeAll(async () => {
  writeProject(fixture, FILES);
  const lines: string[] = [];
  const errors: string[] = [];
  // One WeChat compile for the file: the CLI entry (compile + --json), output kept for the rest.
  cliStatus = await main(['--project', fixture, '--out', out, '--json'], {
    info: (line) => lines.push(line),
    error: (line) => errors.push(line),
  });
  if (cliStatus !== 0) throw new Error(`size failed on the fixture (${cliStatus}):\n${errors.join('\n')}`);
  report = JSON.parse(lines.join('\n')) as SizeReport;
  compiled = new Map(listFiles(out).map((file) => [toPosix(path.relative(out, file)), statSync(file).size]));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('size report: WeChat-compiled bytes per package', () => {
  it('counts each compiled file once, in the package whose folder holds it', () => {
    expect(cliStatus).toBe(0);
    expect(report.packages.map((pkg) => pkg.label)).toEqual(['main package', SUB]);
    // Everything WeChat compiled is counted exactly once, at its size on disk.
    for (const [file, bytes] of compiled) {
      expect([file, packageOfFile(file).length]).toEqual([file, 1]);
      expect(packageOfFile(file)[0].compiled.find((f) => f.file === file)?.bytes).toBe(bytes);
    }
    for (const pkg of report.packages) {
      expect(pkg.bytes).toBe(pkg.compiled.reduce((sum, file) => sum + file.bytes, 0));
      expect(pkg.files).toBe(pkg.compiled.length);
      expect(pkg.bytes).toBe(pkg.contributors.reduce((sum, part) => sum + part.bytes, 0));
    }
    // The component under the subpackage root is the subpackage's...
    expect(ownerOf('packages/extra/components/card/card.js')).toEqual([SUB]);
    expect(ownerOf('packages/extra/page/index.js')).toEqual([SUB]);
    // ...the npm stepper only the subpackage uses stays in the main package's folder, so main's.
    expect(ownerOf('miniprogram_npm/fake-ui/stepper/stepper.js')).toEqual(['main package']);
    expect(ownerOf('miniprogram_npm/fake-ui/stepper/stepper.wxs')).toEqual(['main package']);
    expect(ownerOf('utils/shared.js')).toEqual(['main package']);
    expect(ownerOf('pages/index/index.js')).toEqual(['main package']);
    // ignoreUploadUnusedFiles: an npm component nothing uses, and a types-only module, are not shipped.
    expect([...compiled.keys()].filter((file) => /unused|types\.js/.test(file))).toEqual([]);
    // Contributors add up to what is on disk.
    const [mainPkg, sub] = report.packages;
    const part = (name: string) => mainPkg.contributors.find((entry) => entry.name === name)?.bytes;
    expect(part('npm fake-ui')).toBe(sizeOnDisk('miniprogram_npm/fake-ui/'));
    expect(part('@babel/runtime helpers')).toBe(sizeOnDisk('@babel/runtime/'));
    expect(sub.bytes).toBe(sizeOnDisk('packages/extra/'));
  });

  it('names the npm components each package reaches, and flags the one only a subpackage uses', () => {
    const [mainPkg, sub] = report.packages;
    expect(mainPkg.npmComponents).toEqual(['fake-ui/button', 'fake-ui/icon']);
    expect(sub.npmComponents).toEqual(['fake-ui/icon', 'fake-ui/stepper']);
    const stepperBytes = sizeOnDisk('miniprogram_npm/fake-ui/stepper/');
    expect(report.onlyUsedBySubpackages).toEqual([
      {
        path: 'miniprogram_npm/fake-ui/stepper/stepper',
        kind: 'npm component',
        npm: 'fake-ui/stepper',
        usedBy: ['extra'],
        bytes: stepperBytes,
      },
      {
        path: 'utils/shared.ts',
        kind: 'file',
        npm: null,
        usedBy: ['extra'],
        bytes: compiled.get('utils/shared.js'),
      },
    ]);
    expect(report.onlyUsedBySubpackagesBytes).toBe(stepperBytes + (compiled.get('utils/shared.js') ?? 0));
    const text = formatReport(report).join('\n');
    expect(text).toMatch(/In the main package but used only by subpackage pages/);
    expect(text).toMatch(/npm fake-ui\/stepper\s+\d+\.\d KB {2}used by extra/);
    expect(text).not.toMatch(/npm fake-ui\/icon\s/);
  });

  it('walks nested usingComponents (relative, /absolute, npm names) as WeChat compiles them', () => {
    const [mainPkg, sub] = report.packages;
    // The icon is reached from the main page only through button.json's "../icon/icon".
    expect(mainPkg.reached).toContain('miniprogram_npm/fake-ui/icon/icon.js');
    expect(mainPkg.reached).toContain('miniprogram_npm/fake-ui/common/utils.js');
    // The subpackage reaches it through card.json's "/miniprogram_npm/…" and the wxs through <wxs src>.
    expect(sub.reached).toContain('miniprogram_npm/fake-ui/icon/icon.wxml');
    expect(sub.reached).toContain('miniprogram_npm/fake-ui/stepper/stepper.wxs');
    expect(sub.reached).not.toContain('packages/extra/page/types.ts');
    // The walk reaches every file WeChat's compile kept, and nothing it dropped.
    expect(report.notReached).toEqual([]);
    const reached = new Set(
      report.packages.flatMap((pkg) => pkg.reached.map((f) => f.replace(/\.ts$/, '.js'))),
    );
    expect([...reached].filter((file) => !compiled.has(file))).toEqual([]);
  });

  it('resolves npm names through the nearest miniprogram_npm upward from the file', () => {
    const dir = path.join(scratch, 'nearest');
    writeProject(dir, {
      ...FILES,
      'miniprogram/packages/extra/miniprogram_npm/fake-ui/stepper/stepper.json': '{ "component": true }',
      'miniprogram/packages/extra/miniprogram_npm/fake-ui/stepper/stepper.js': 'Component({});\n',
    });
    const { mpRoot, packages } = packagesOf(dir);
    const reach = walk(mpRoot, packageEntries(mpRoot, packages[1]));
    const components = [...reach.components].map((base) => toPosix(path.relative(mpRoot, base)));
    expect(components).toContain('packages/extra/miniprogram_npm/fake-ui/stepper/stepper');
    expect(components).not.toContain('miniprogram_npm/fake-ui/stepper/stepper');
  });

  it("follows app.wxss's @import into npm styles and their own @imports", () => {
    const [mainPkg] = report.packages;
    for (const file of [
      'miniprogram_npm/fake-ui/theme/index.wxss',
      'miniprogram_npm/fake-ui/theme/tokens.wxss',
    ]) {
      expect(mainPkg.reached).toContain(file);
      expect(ownerOf(file)).toEqual(['main package']);
    }
    // The real app.wxss: every stylesheet it @imports is reached from the main package.
    const { mpRoot, packages } = packagesOf(ROOT);
    const reach = walk(mpRoot, packageEntries(mpRoot, packages[0]));
    const imports = fileDependencies(mpRoot, path.join(mpRoot, 'app.wxss'));
    expect(imports.length).toBeGreaterThan(0);
    for (const file of imports) expect(reach.files).toContain(file);
  });

  it('fails with exit code 1 and says what to do when the main package is over the budget', () => {
    const [mainPkg] = report.packages;
    expect(MAIN_PACKAGE_BUDGET).toBe(250 * 1024);
    expect(measureCompiled(fixture, out, { budget: mainPkg.bytes }).ok).toBe(true);
    const over = measureCompiled(fixture, out, { budget: mainPkg.bytes - 1 });
    expect(over.ok).toBe(false);
    expect(over.problems).toEqual([expect.stringMatching(/^the main package is .* 0\.0 KB over the /)]);

    const failed = cli(['--project', fixture, '--compiled', out, '--budget', '1']);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toContain(`main package ${kb(mainPkg.bytes)} of 1 KB budget (2048 KB limit)`);
    expect(failed.stderr).toContain(
      `the main package is ${kb(mainPkg.bytes)}, ${kb(mainPkg.bytes - 1024)} over the 1 KB budget`,
    );
    expect(failed.stderr).toMatch(/move pages that are not tab pages into subpackages/);
    expect(failed.stderr).toContain(
      `${kb(report.onlyUsedBySubpackagesBytes)} of it is used only by subpackage pages (listed above)`,
    );

    const passed = cli(['--project', fixture, '--compiled', out]);
    expect(passed.status).toBe(0);
    expect(passed.stdout).toContain(`main package ${kb(mainPkg.bytes)} of 250 KB budget (2048 KB limit)`);
    expect(passed.stderr).toBe('');
  });

  it("fails when any package is over WeChat's per-package limit", () => {
    const [mainPkg, sub] = report.packages;
    expect(mainPkg.bytes).toBeGreaterThan(sub.bytes);
    const over = measureCompiled(fixture, out, { limit: sub.bytes - 1 });
    expect(over.ok).toBe(false);
    expect(over.problems).toEqual([
      expect.stringContaining(`the main package is ${kb(mainPkg.bytes)}, `),
      expect.stringContaining(`the ${SUB} is ${kb(sub.bytes)}, 0.0 KB over WeChat's`),
    ]);
    expect(over.problems[1]).toMatch(/limit per package: WeChat refuses to upload it\. Split its pages/);
    expect(measureCompiled(fixture, out, { limit: mainPkg.bytes }).ok).toBe(true);
  });

  it('--json prints the same report the table shows', () => {
    const result = cli(['--project', fixture, '--compiled', out, '--json']);
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as SizeReport;
    expect(json.packages.map((pkg) => [pkg.label, pkg.bytes, pkg.files])).toEqual(
      report.packages.map((pkg) => [pkg.label, pkg.bytes, pkg.files]),
    );
    expect(json.budget).toBe(MAIN_PACKAGE_BUDGET);
    expect(json.onlyUsedBySubpackages).toEqual(report.onlyUsedBySubpackages);
  });
});

describe('this app', () => {
  it('keeps in the main package only npm components a main-package page reaches', () => {
    const { mpRoot, packages } = packagesOf(ROOT);
    const npmIn = (reach: { components: Set<string> }, folder: string) =>
      [...reach.components]
        .map((base) => toPosix(path.relative(mpRoot, base)))
        .filter((relative) => relative.startsWith(`${folder}miniprogram_npm/`));
    const main = new Set(npmIn(walk(mpRoot, packageEntries(mpRoot, packages[0])), ''));
    const subpackages = packages.slice(1);
    expect(subpackages.length).toBeGreaterThan(0);
    // A subpackage's own npm folder holds TDesign only: a second MobX would break the store bindings.
    for (const pkg of subpackages) {
      const own = path.join(mpRoot, pkg.root, 'miniprogram_npm');
      if (existsSync(own)) expect(readdirSync(own)).toEqual(['tdesign-miniprogram']);
    }
    for (const pkg of subpackages) {
      const reach = walk(mpRoot, packageEntries(mpRoot, pkg));
      // From main's miniprogram_npm a subpackage uses only what the main package ships anyway;
      // what it alone uses comes from its own copy (packages/<name>/miniprogram_npm).
      expect(npmIn(reach, '').filter((component) => !main.has(component))).toEqual([]);
    }
  });
});

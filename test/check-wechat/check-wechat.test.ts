/** @jest-environment node */
/**
 * npm run check:wechat: each gate is proven by seeding one defect into a temporary copy
 * of the project and expecting the check to fail naming the gate and the file. The real
 * WeChat compile runs for every copy (about 10-20 s each), two at a time.
 */
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type CheckReport, checkWechat, formatReport } from '../../scripts/check-wechat/check';
import {
  PACKAGE_LIMIT_BYTES,
  checkEs5,
  checkSizes,
  packageSizes,
} from '../../scripts/check-wechat/output-gates';

jest.setTimeout(20 * 60 * 1000);

const root = path.resolve(__dirname, '..', '..');
const mp = path.join(root, 'miniprogram');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'check-wechat-test-'));

/** What the check needs: the miniprogram (with the built miniprogram_npm) and the configs. */
function copyProject(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const name of ['project.config.json', 'tsconfig.json', 'package.json']) {
    cpSync(path.join(root, name), path.join(dir, name));
  }
  cpSync(mp, path.join(dir, 'miniprogram'), { recursive: true });
}

type Json = Record<string, unknown>;
const editJson = (file: string, edit: (json: Json) => void) => {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Json;
  edit(json);
  writeFileSync(file, JSON.stringify(json, null, 2));
};

interface Defect {
  name: string;
  seed: (dir: string) => void;
  gate: string;
  file: string;
  message: RegExp;
}

const app = (dir: string) => path.join(dir, 'miniprogram', 'app.json');
const defects: Defect[] = [
  {
    name: 'missing page (app.json lists a page with no files)',
    seed: (dir) => editJson(app(dir), (json) => (json.pages as string[]).push('pages/ghost/index')),
    gate: 'compile',
    file: 'miniprogram/app.json',
    message: /pages\/ghost\/index/,
  },
  {
    name: 'bad tabBar: list entry pointing at a page not in pages',
    seed: (dir) =>
      editJson(app(dir), (json) => {
        ((json.tabBar as Json).list as Json[])[1].pagePath = 'pages/nowhere/index';
      }),
    gate: 'compile',
    file: 'miniprogram/app.json',
    message: /pages\/nowhere\/index/,
  },
  {
    name: 'bad tabBar field value',
    seed: (dir) => editJson(app(dir), (json) => ((json.tabBar as Json).position = 'left')),
    gate: 'schema',
    file: 'miniprogram/app.json',
    message: /tabBar\.position: must be one of "bottom", "top"/,
  },
  {
    name: 'unclosed WXML tag',
    seed: (dir) =>
      appendFileSync(path.join(dir, 'miniprogram/pages/mine/index.wxml'), '\n<view class="unclosed">\n'),
    gate: 'wcc',
    file: 'miniprogram/pages/mine/index.wxml',
    message: /end tag missing/,
  },
  {
    name: 'bad {{ }} expression',
    seed: (dir) =>
      appendFileSync(path.join(dir, 'miniprogram/pages/mine/index.wxml'), '\n<view>{{ status + }}</view>\n'),
    gate: 'wcc',
    file: 'miniprogram/pages/mine/index.wxml',
    message: /Bad value/,
  },
  {
    name: 'missing WXSS import',
    seed: (dir) =>
      appendFileSync(path.join(dir, 'miniprogram/pages/mine/index.wxss'), '\n@import "./missing.wxss";\n'),
    gate: 'wcsc',
    file: 'miniprogram/pages/mine/index.wxss',
    message: /missing\.wxss.*not found/,
  },
  {
    name: 'import of an npm package that is not built into miniprogram_npm',
    // mingo is in node_modules (a devDependency), so tsc is happy; it is not in miniprogram_npm.
    seed: (dir) => {
      const file = path.join(dir, 'miniprogram/app.ts');
      writeFileSync(file, `import 'mingo';\n${readFileSync(file, 'utf8')}`);
    },
    gate: 'analyse',
    file: 'miniprogram/app.ts',
    message: /cannot resolve "mingo"/,
  },
  {
    name: 'TypeScript syntax error',
    seed: (dir) => appendFileSync(path.join(dir, 'miniprogram/app.ts'), '\nexport const broken = (;\n'),
    gate: 'compile',
    file: 'miniprogram/app.ts',
    message: /Unexpected token/,
  },
  {
    name: 'unknown app.json key',
    seed: (dir) => editJson(app(dir), (json) => (json.navigationBarColour = '#ffffff')),
    gate: 'schema',
    file: 'miniprogram/app.json',
    message: /unknown key "navigationBarColour"/,
  },
  {
    name: 'component json without "component": true',
    seed: (dir) =>
      editJson(
        path.join(dir, 'miniprogram/components/privacy-popup/index.json'),
        (json) => delete json.component,
      ),
    gate: 'component',
    file: 'miniprogram/components/privacy-popup/index.json',
    message: /does not declare "component": true/,
  },
  {
    name: 'ES6-to-ES5 turned off (compiled JS is not ES5)',
    seed: (dir) =>
      editJson(path.join(dir, 'project.config.json'), (json) => {
        (json.setting as Json).es6 = false;
        (json.setting as Json).enhance = false;
      }),
    gate: 'es5',
    file: '[compiled] ',
    message: /not ES5/,
  },
];

/** Runs every check, two at a time (the compile is CPU-bound); each test awaits its own. */
const runs = new Map<string, Promise<CheckReport>>();
function schedule(cases: { name: string; seed: (dir: string) => void }[], parallel = 2): void {
  let next = 0;
  const resolvers = new Map<string, { resolve: (r: CheckReport) => void; reject: (e: unknown) => void }>();
  for (const { name } of cases) {
    const run = new Promise<CheckReport>((resolve, reject) => resolvers.set(name, { resolve, reject }));
    run.catch(() => {}); // reported by the test that awaits it
    runs.set(name, run);
  }
  const worker = async () => {
    while (next < cases.length) {
      const index = next++;
      const { name, seed } = cases[index];
      const { resolve, reject } = resolvers.get(name)!;
      try {
        const dir = path.join(scratch, `case-${index}`);
        copyProject(dir);
        seed(dir);
        resolve(await checkWechat(dir));
      } catch (error) {
        reject(error);
      }
    }
  };
  for (let i = 0; i < parallel; i += 1) void worker();
}

const BASELINE = 'unmodified project';

beforeAll(() => {
  expect(existsSync(path.join(mp, 'miniprogram_npm', 'tdesign-miniprogram'))).toBe(true);
  schedule([{ name: BASELINE, seed: () => {} }, ...defects]);
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('check:wechat on the unmodified project', () => {
  it('passes every gate and prints the compiled size per package', async () => {
    const report = await runs.get(BASELINE)!;
    const printed = formatReport(report).join('\n');
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.gates.map((gate) => gate.gate)).toEqual([
      'compile',
      'wcc',
      'wcsc',
      'analyse',
      'schema',
      'component',
      'es5',
      'size',
    ]);
    for (const gate of report.gates) expect(gate.skipped).toBeUndefined();
    expect(report.sizes[0]).toMatchObject({ name: 'main package' });
    expect(report.sizes[0].bytes).toBeGreaterThan(100 * 1024);
    expect(printed).toMatch(/main package\s+\d+\.\d KB/);
    expect(printed).toMatch(/check:wechat passed/);
    // project.config.json turns on what the code-quality check asks for.
    expect(report.quality.length).toBeGreaterThan(0);
    expect(report.quality.filter((item) => !item.success)).toEqual([]);
  });
});

describe('check:wechat fails naming the gate and the file', () => {
  it.each(defects.map((defect) => [defect.name, defect] as const))('%s', async (_name, defect) => {
    const report = await runs.get(defect.name)!;
    expect(report.ok).toBe(false);
    const hit = report.failures.find(
      (failure) =>
        failure.gate === defect.gate &&
        failure.file.startsWith(defect.file) &&
        defect.message.test(failure.message),
    );
    if (!hit)
      throw new Error(
        `expected a ${defect.gate} failure in ${defect.file}, got:\n${formatReport(report).join('\n')}`,
      );
    const printed = formatReport(report).join('\n');
    expect(printed).toMatch(/check:wechat FAILED/);
    expect(printed).toContain(`[${defect.gate}] ${hit.file}`);
  });
});

describe('output gates on hand-made output', () => {
  const out = path.join(scratch, 'hand-made');
  beforeAll(() => {
    mkdirSync(path.join(out, 'pages'), { recursive: true });
    mkdirSync(path.join(out, 'packageA'), { recursive: true });
    writeFileSync(path.join(out, 'pages/a.js'), 'var a = function () { return 1; };\n');
    writeFileSync(path.join(out, 'pages/b.js'), 'var b = 1;\nconst c = () => b;\n');
    writeFileSync(path.join(out, 'packageA/big.js'), `var s = "${'x'.repeat(PACKAGE_LIMIT_BYTES)}";\n`);
  });

  it('es5 names the file and the position of the first non-ES5 syntax', () => {
    const { failures, files } = checkEs5(out);
    expect(files).toBe(3);
    expect(failures).toEqual([expect.objectContaining({ gate: 'es5', file: '[compiled] pages/b.js:2:1' })]);
  });

  it('size counts each subpackage apart and fails the one over 2 MB', () => {
    const sizes = packageSizes(out, [{ root: 'packageA', pages: [] }]);
    expect(sizes.map((pkg) => [pkg.name, pkg.files])).toEqual([
      ['main package', 2],
      ['subpackage packageA', 1],
    ]);
    expect(checkSizes(sizes)).toEqual([expect.objectContaining({ gate: 'size', file: 'packageA' })]);
  });
});

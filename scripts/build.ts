/**
 * npm run build: what WeChat DevTools needs before it can open and deploy the project.
 *
 * 1. "构建 npm": miniprogram-ci's offline packNpmManually copies the `dependencies` of
 *    package.json into miniprogram/miniprogram_npm (TDesign, MobX); then TDesign's shared
 *    files, which every page loads, are cut to what the app uses and the bytes saved are
 *    printed: the icon stylesheet holds only the icons used, in an embedded font
 *    (scripts/icon-font); button.wxss only the rules a button of the app can match, the
 *    theme only the --td-* tokens a shipped file names, tslib only the helpers TDesign
 *    imports (scripts/npm-subset).
 * 2. Cloud functions: each cloudfunctions/<name>/index.ts is bundled with esbuild into a
 *    deployable cloudfunctions/<name>/index.js (shared code from cloudfunctions/.shared is
 *    inlined; wx-server-sdk stays external) plus a package.json naming wx-server-sdk and the
 *    Node runtime (`engines`). The bundle targets the cloud runtime (scripts/cloud-runtime:
 *    Nodejs18.15) and the build fails when it uses something that runtime lacks.
 *
 * Usage: tsx scripts/build.ts [--npm] [--functions] [--if-stale]   (no step flag = both)
 *   --if-stale  skip the npm step when miniprogram_npm was built from the same package-lock.json,
 *               subset sources and subset inputs (components reached, buttons, tokens, icons)
 */
import { build, type BuildOptions } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLOUD_RUNTIME, ESBUILD_REGEXP_SUPPORT, runtimeProblems } from './cloud-runtime';
import { shippedIconWxss, stockCodePoints } from './icon-font/font';
import { shippedIcons } from './icon-font/icons';
import { pruneButtonWxss, tagAttributes, unusedModifiers } from './npm-subset/button';
import { mentionedNames, subsetTheme } from './npm-subset/theme';
import { tslibHelpers, tslibSubset } from './npm-subset/tslib';
import { reachable } from './reach';
import { templateSources, withoutUnusedComponents } from './npm-subset/unused-components';

export const root = path.resolve(__dirname, '..');
const functionsRoot = path.join(root, 'cloudfunctions');

/** Names of the deployable functions: folders under cloudfunctions/ with an index.ts. */
export function functionNames(dir = functionsRoot): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .filter((entry) => existsSync(path.join(dir, entry.name, 'index.ts')))
    .map((entry) => entry.name)
    .sort();
}

const miniprogramDir = path.join(root, 'miniprogram');
const npmDistDir = path.join(miniprogramDir, 'miniprogram_npm');

const npmStampFile = path.join(npmDistDir, '.build-stamp');
const tdesignDir = path.join(npmDistDir, 'tdesign-miniprogram');

/** The TDesign files the build replaces by the subsets the app uses (scripts/npm-subset). */
export const SUBSET_FILES = {
  icons: path.join(tdesignDir, 'icon', 'icon.wxss'),
  tslib: path.join(tdesignDir, 'miniprogram_npm', 'tslib', 'index.js'),
  theme: path.join(tdesignDir, 'common', 'style', 'theme', '_index.wxss'),
  button: path.join(tdesignDir, 'button', 'button.wxss'),
} as const;

/** Identifies the installed dependency set: miniprogram_npm is stale when it changes. */
function lockfileHash(): string {
  const lock = path.join(root, 'package-lock.json');
  const text = existsSync(lock) ? readFileSync(lock) : readFileSync(path.join(root, 'package.json'));
  return createHash('sha256').update(text).digest('hex');
}

function filesUnder(dir: string, skip: (dir: string) => boolean = () => false): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return skip(full) ? [] : filesUnder(full, skip);
    return [full];
  });
}

/**
 * Subpackages with their own copy of TDesign: those whose pages or components name a
 * component under `/<root>/miniprogram_npm/`. WeChat counts a file in the package whose
 * folder holds it, so a component only such a subpackage uses (a radio, a stepper) lives
 * there, not in the main package. Only TDesign is copied: MobX stays single, in the main
 * package (a bare `mobx-miniprogram` from a subpackage resolves upwards to it).
 */
export function subpackagesWithTdesign(): string[] {
  const app = JSON.parse(readFileSync(path.join(miniprogramDir, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[];
    subpackages?: { root: string }[];
  };
  return (app.subPackages ?? app.subpackages ?? [])
    .map((sub) => sub.root.replace(/\/+$/, ''))
    .filter((root) =>
      filesUnder(path.join(miniprogramDir, root), (dir) => path.basename(dir) === 'miniprogram_npm')
        .filter((file) => file.endsWith('.json'))
        .some((file) =>
          readFileSync(file, 'utf8').includes(`"/${root}/miniprogram_npm/tdesign-miniprogram/`),
        ),
    );
}

/** The app's own text files (miniprogram/ but every miniprogram_npm in it). */
export function ownTextFiles(): string[] {
  return filesUnder(miniprogramDir, (dir) => path.basename(dir) === 'miniprogram_npm').filter((file) =>
    /\.(wxss|wxml|wxs|ts|js|json)$/.test(file),
  );
}

/**
 * What the subsets keep, read from the app's sources (and TDesign's component json, which the
 * build does not change): the components reached, the button modifiers no button can carry,
 * the custom properties the app's files name, the icons. Part of the npm build's stamp, so a
 * page that starts using another component, button or token rebuilds the subsets.
 */
export function npmSubsetInputs(reached = reachable(miniprogramDir)) {
  const own = ownTextFiles();
  const button = path.join(tdesignDir, 'button', 'button');
  const buttonTags = new Set(
    reached.usings.filter((using) => using.base === button).map((using) => using.tag),
  );
  const wxml = [...new Set([...reached.files, ...own])].filter((file) => file.endsWith('.wxml'));
  const buttons = wxml.flatMap((file) => tagAttributes(readFileSync(file, 'utf8'), buttonTags));
  const codePoints = stockCodePoints();
  const appNames = new Set(own.flatMap((file) => [...mentionedNames(readFileSync(file, 'utf8')).names]));
  return {
    components: [...reached.components].map((base) => path.relative(miniprogramDir, base)).sort(),
    buttonDropped: unusedModifiers(buttons),
    appNames: [...appNames].sort(),
    icons: shippedIcons((name) => codePoints.has(name)),
  };
}

/**
 * The npm build's identity: the installed dependencies, the sources of the icon font and of
 * the other subsets, and what the subsets keep (npmSubsetInputs).
 */
function npmBuildStamp(): string {
  const sources = [
    ...['icons.ts', 'outline.ts', 'font.ts'].map((file) => path.join(root, 'scripts', 'icon-font', file)),
    ...filesUnder(path.join(root, 'scripts', 'npm-subset'))
      .filter((file) => file.endsWith('.ts'))
      .sort(),
  ].map((file) => readFileSync(file, 'utf8'));
  return createHash('sha256')
    .update(lockfileHash())
    .update(sources.join('\n'))
    .update(JSON.stringify(npmSubsetInputs()))
    .digest('hex');
}

export function npmBuildIsFresh(): boolean {
  if (!existsSync(npmStampFile)) return false;
  const copies = subpackagesWithTdesign().map((sub) => path.join(miniprogramDir, sub, 'miniprogram_npm'));
  if (!copies.every((dir) => existsSync(path.join(dir, 'tdesign-miniprogram')))) return false;
  try {
    return readFileSync(npmStampFile, 'utf8') === npmBuildStamp();
  } catch {
    return false; // e.g. a json the reach cannot parse: the build will say what is wrong
  }
}

/** One subset step: the file's bytes before and after. */
export interface Saving {
  name: string;
  before: number;
  after: number;
  note: string;
}

/** Replaces `file` by the subset of its text and says how many bytes that saved. */
function replaceWithSubset(
  name: string,
  file: string,
  subset: (text: string) => { text: string; note: string },
): Saving {
  const before = readFileSync(file, 'utf8');
  const after = subset(before);
  writeFileSync(file, after.text);
  return { name, before: Buffer.byteLength(before), after: Buffer.byteLength(after.text), note: after.note };
}

/**
 * TDesign's shared files cut to what the app uses (scripts/icon-font, scripts/npm-subset):
 * icon font, button styles, theme tokens, tslib. Returns the bytes each step saved.
 */
async function subsetTdesign(): Promise<Saving[]> {
  const reached = reachable(miniprogramDir);
  const inputs = npmSubsetInputs(reached);
  // Icons: only the glyphs the app uses, in a font embedded in the stylesheet (the stock
  // stylesheet loads a 2,000-glyph font from TDesign's CDN at run time).
  const icons = replaceWithSubset('icons', SUBSET_FILES.icons, () => ({
    text: shippedIconWxss(),
    note: `${inputs.icons.length} glyphs`,
  }));
  const button = replaceWithSubset('button', SUBSET_FILES.button, (css) => ({
    text: pruneButtonWxss(css, inputs.buttonDropped),
    note: `no ${inputs.buttonDropped.join('/') || '-'}`,
  }));
  // Theme tokens: those named by what ships (the button subset included) and by the app.
  const texts = [...reached.files]
    .filter((file) => file.includes(`${path.sep}miniprogram_npm${path.sep}`) && file !== SUBSET_FILES.theme)
    .concat(ownTextFiles())
    .map((file) => readFileSync(file, 'utf8'));
  const theme = replaceWithSubset('theme', SUBSET_FILES.theme, (css) => {
    const subset = subsetTheme(css, texts);
    return { text: subset.css, note: `${subset.kept.size}/${subset.defined.size} tokens` };
  });
  const helpers = [
    ...new Set(
      filesUnder(tdesignDir, (dir) => dir === path.dirname(SUBSET_FILES.tslib))
        .filter((file) => file.endsWith('.js'))
        .flatMap((file) => tslibHelpers(readFileSync(file, 'utf8'))),
    ),
  ].sort();
  const tslibCode = await tslibSubset(helpers);
  const tslib = replaceWithSubset('tslib', SUBSET_FILES.tslib, () => ({
    text: tslibCode,
    note: helpers.join(' '),
  }));
  return [icons, button, theme, tslib];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** One line: what each subset step saved. */
export function savingsLine(savings: readonly Saving[]): string {
  const steps = savings.map(
    (step) => `${step.name} ${kb(step.before)} → ${kb(step.after)}${step.note ? ` (${step.note})` : ''}`,
  );
  const saved = savings.reduce((sum, step) => sum + step.before - step.after, 0);
  return `TDesign 子集（只留用到的）: ${steps.join(', ')}; −${kb(saved)} in all`;
}

/**
 * A subpackage's TDesign copy keeps the folders of the components the app reaches through
 * it, and TDesign's shared folders; the rest would only be left out of the upload, and it
 * would slow every local WXML compile of the project.
 */
function pruneTdesignCopies(copies: string[]): void {
  for (const copy of copies) dropUnusedDeclarations(copy);
  const reached = reachable(miniprogramDir).files;
  for (const copy of copies) {
    for (const entry of readdirSync(copy, { withFileTypes: true })) {
      const folder = path.join(copy, entry.name);
      if (!entry.isDirectory() || SHARED_TDESIGN_FOLDERS.has(entry.name)) continue;
      const used = [...reached].some((file) => file.startsWith(`${folder}${path.sep}`));
      if (!used) rmSync(folder, { recursive: true, force: true });
    }
  }
}

/**
 * In a subpackage's copy, component declarations no WXML of the component renders are
 * dropped (scripts/npm-subset/unused-components), so the component they name is not
 * uploaded with the subpackage.
 */
function dropUnusedDeclarations(copy: string): void {
  for (const json of filesUnder(copy).filter((file) => file.endsWith('.json'))) {
    const wxmlFile = json.replace(/\.json$/, '.wxml');
    if (!existsSync(wxmlFile)) continue;
    const wxml = [readFileSync(wxmlFile, 'utf8')];
    for (const src of templateSources(wxml[0])) {
      const template = path.resolve(path.dirname(wxmlFile), src.endsWith('.wxml') ? src : `${src}.wxml`);
      if (existsSync(template)) wxml.push(readFileSync(template, 'utf8'));
    }
    const changed = withoutUnusedComponents(readFileSync(json, 'utf8'), wxml);
    if (changed !== null) writeFileSync(json, changed);
  }
}

/** TDesign folders every component may import from (never pruned). */
const SHARED_TDESIGN_FOLDERS = new Set(['common', 'mixins', 'miniprogram_npm']);

export async function buildNpm(): Promise<{ packed: string[]; savings: Saving[] }> {
  // Loaded lazily: miniprogram-ci is large and only this step needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ci = require('miniprogram-ci') as typeof import('miniprogram-ci');
  const distDir = npmDistDir;
  rmSync(distDir, { recursive: true, force: true });
  const warnings = await ci.packNpmManually({
    packageJsonPath: path.join(root, 'package.json'),
    miniprogramNpmDistDir: miniprogramDir,
  });
  const packed = readdirSync(distDir);
  for (const name of ['tdesign-miniprogram', 'mobx-miniprogram', 'mobx-miniprogram-bindings']) {
    if (!packed.includes(name)) throw new Error(`构建 npm 失败：miniprogram_npm 中缺少 ${name}`);
  }
  if (warnings?.warnList?.length) {
    for (const warning of warnings.warnList) console.warn(`[npm] ${warning.msg}`);
  }
  // The subpackages' copies first: the theme subset keeps the tokens their components use.
  const copies = subpackagesWithTdesign().map((sub) =>
    path.join(miniprogramDir, sub, 'miniprogram_npm', 'tdesign-miniprogram'),
  );
  for (const copy of copies) {
    rmSync(path.dirname(copy), { recursive: true, force: true });
    cpSync(tdesignDir, copy, { recursive: true });
  }
  if (copies.length > 0) pruneTdesignCopies(copies);
  const savings = await subsetTdesign();
  // …and the same subset files in each copy (it is the same TDesign).
  for (const copy of copies) {
    for (const file of Object.values(SUBSET_FILES)) {
      const target = path.join(copy, path.relative(tdesignDir, file));
      if (existsSync(target)) copyFileSync(file, target);
    }
  }
  writeFileSync(npmStampFile, npmBuildStamp());
  return { packed, savings };
}

function sdkVersion(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const pkg = require(path.join(root, 'package.json')) as { devDependencies: Record<string, string> };
  return pkg.devDependencies['wx-server-sdk'];
}

/** Modules installed next to each bundle in the cloud (its package.json dependencies). */
export const CLOUD_EXTERNALS = ['wx-server-sdk'] as const;

/**
 * Bundles one function folder (`dir/index.ts` -> `dir/index.js` + `dir/package.json`) for
 * the cloud runtime. Rejects, writing nothing, when the bundle uses something the runtime
 * lacks (see scripts/cloud-runtime).
 */
export async function bundleFunction(dir: string, name = path.basename(dir)): Promise<void> {
  const options: BuildOptions = {
    entryPoints: [path.join(dir, 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: [...CLOUD_EXTERNALS],
    legalComments: 'none',
    banner: { js: '// Built by `npm run build` from index.ts; do not edit.' },
    logLevel: 'warning',
    write: false,
  };
  const [bundle, reference] = await Promise.all([
    build({ ...options, target: CLOUD_RUNTIME.esbuildTarget, supported: { ...ESBUILD_REGEXP_SUPPORT } }),
    // The same code for the newest syntax: what esbuild had to rewrite for the target shows.
    build({ ...options, target: 'esnext', logLevel: 'silent' }),
  ]);
  const code = bundle.outputFiles?.[0]?.text ?? '';
  const problems = runtimeProblems(code, {
    esnextBundle: reference.outputFiles?.[0]?.text ?? '',
    externals: CLOUD_EXTERNALS,
  });
  if (problems.length > 0) {
    throw new Error(
      `云函数 ${name} 用到了运行环境 ${CLOUD_RUNTIME.name} 没有的功能：\n- ${problems.join('\n- ')}`,
    );
  }
  writeFileSync(path.join(dir, 'index.js'), code);
  const manifest = {
    name,
    version: '1.0.0',
    private: true,
    description: `Deploy on the ${CLOUD_RUNTIME.name} runtime (README: 部署云函数).`,
    main: 'index.js',
    engines: { node: CLOUD_RUNTIME.engines },
    dependencies: { 'wx-server-sdk': sdkVersion() },
  };
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

export async function buildFunctions(names = functionNames()): Promise<string[]> {
  for (const name of names) await bundleFunction(path.join(functionsRoot, name), name);
  return names;
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const all = !args.has('--npm') && !args.has('--functions');
  const started = Date.now();
  if ((all || args.has('--npm')) && args.has('--if-stale') && npmBuildIsFresh()) {
    console.info('miniprogram_npm is up to date');
  } else if (all || args.has('--npm')) {
    const { packed, savings } = await buildNpm();
    console.info(`构建 npm 完成 -> miniprogram/miniprogram_npm (${packed.join(', ')})`);
    console.info(savingsLine(savings));
  }
  if (all || args.has('--functions')) {
    const built = await buildFunctions();
    console.info(`云函数构建完成 -> cloudfunctions/{${built.join(',')}}/index.js`);
  }
  console.info(`build finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (path.resolve(process.argv[1] ?? '') === __filename) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

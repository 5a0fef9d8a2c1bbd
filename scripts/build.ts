/**
 * npm run build: what WeChat DevTools needs before it can open and deploy the project.
 *
 * 1. "构建 npm": miniprogram-ci's offline packNpmManually copies the `dependencies` of
 *    package.json into miniprogram/miniprogram_npm (TDesign, MobX); TDesign's icon
 *    stylesheet is then replaced by one holding only the icons the app uses, in an
 *    embedded font (scripts/icon-font).
 * 2. Cloud functions: each cloudfunctions/<name>/index.ts is bundled with esbuild into a
 *    deployable cloudfunctions/<name>/index.js (shared code from cloudfunctions/.shared is
 *    inlined; wx-server-sdk stays external) plus a package.json naming wx-server-sdk and the
 *    Node runtime (`engines`). The bundle targets the cloud runtime (scripts/cloud-runtime:
 *    Nodejs18.15) and the build fails when it uses something that runtime lacks.
 *
 * Usage: tsx scripts/build.ts [--npm] [--functions] [--if-stale]   (no step flag = both)
 *   --if-stale  skip the npm step when miniprogram_npm was built from the same package-lock.json
 */
import { build, type BuildOptions } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLOUD_RUNTIME, ESBUILD_REGEXP_SUPPORT, runtimeProblems } from './cloud-runtime';
import { shippedIconWxss } from './icon-font/font';

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

const npmDistDir = path.join(root, 'miniprogram', 'miniprogram_npm');
const npmStampFile = path.join(npmDistDir, '.build-stamp');

/** Identifies the installed dependency set: miniprogram_npm is stale when it changes. */
function lockfileHash(): string {
  const lock = path.join(root, 'package-lock.json');
  const text = existsSync(lock) ? readFileSync(lock) : readFileSync(path.join(root, 'package.json'));
  return createHash('sha256').update(text).digest('hex');
}

/** The npm build's identity: the installed dependencies and the icon font's sources. */
function npmBuildStamp(): string {
  const iconSources = ['icons.ts', 'outline.ts', 'font.ts']
    .map((file) => readFileSync(path.join(root, 'scripts', 'icon-font', file), 'utf8'))
    .join('\n');
  return createHash('sha256').update(lockfileHash()).update(iconSources).digest('hex');
}

export function npmBuildIsFresh(): boolean {
  return existsSync(npmStampFile) && readFileSync(npmStampFile, 'utf8') === npmBuildStamp();
}

export async function buildNpm(): Promise<string[]> {
  // Loaded lazily: miniprogram-ci is large and only this step needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ci = require('miniprogram-ci') as typeof import('miniprogram-ci');
  const distDir = npmDistDir;
  rmSync(distDir, { recursive: true, force: true });
  const warnings = await ci.packNpmManually({
    packageJsonPath: path.join(root, 'package.json'),
    miniprogramNpmDistDir: path.join(root, 'miniprogram'),
  });
  const packed = readdirSync(distDir);
  for (const name of ['tdesign-miniprogram', 'mobx-miniprogram', 'mobx-miniprogram-bindings']) {
    if (!packed.includes(name)) throw new Error(`构建 npm 失败：miniprogram_npm 中缺少 ${name}`);
  }
  if (warnings?.warnList?.length) {
    for (const warning of warnings.warnList) console.warn(`[npm] ${warning.msg}`);
  }
  // TDesign's icons: only the glyphs the app uses, in a font embedded in the stylesheet
  // (the stock stylesheet loads a 2,000-glyph font from TDesign's CDN at run time).
  writeFileSync(path.join(distDir, 'tdesign-miniprogram', 'icon', 'icon.wxss'), shippedIconWxss());
  writeFileSync(npmStampFile, npmBuildStamp());
  return packed;
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
    const packed = await buildNpm();
    console.info(`构建 npm 完成 -> miniprogram/miniprogram_npm (${packed.join(', ')})`);
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

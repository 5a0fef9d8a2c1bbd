/**
 * npm run size: what WeChat uploads, per package, and the main-package budget.
 *
 * 1. Compiles the project with WeChat's own compile, offline, as check:wechat does
 *    (miniprogram-ci getCompiledResult with project.config.json's settings: TypeScript
 *    plugin, ES5, minify, ignoreUploadUnusedFiles) and counts every compiled file in the
 *    package whose folder holds it (a subpackage's root, else the main package): WeChat
 *    counts by folder.
 * 2. Walks the sources per package with scripts/reach.ts (the package's pages; for the main
 *    package also app.* and app.json's usingComponents): usingComponents (relative, '/absolute', npm names
 *    through the nearest miniprogram_npm upward), JS imports/requires, wxs src, wxml
 *    import/include, wxss @import. It names the npm components each package reaches and
 *    flags components that live in the main package but only subpackage pages use
 *    (miniprogram-ci's CONTAINS_OTHER_PKG_COMPONENTS): they weigh on the main package.
 * 3. Prints a table per package and exits 1 when the main package is over
 *    MAIN_PACKAGE_BUDGET (250 KB) or any package over WeChat's 2 MB limit.
 *
 * Usage: tsx scripts/size-report.ts [--json] [--budget <KB>] [--project <dir>]
 *                                   [--out <dir>] [--compiled <dir>]
 *   --json      print the report as JSON (same exit code)
 *   --budget    main-package budget in KB (default 250)
 *   --project   project folder (default: this repository)
 *   --out       keep WeChat's compiled output there
 *   --compiled  measure an existing compiled output (e.g. check:wechat --out) instead of compiling
 * Exit codes: 0 within budget, 1 over the budget or the limit, 2 could not measure.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { compileWithWechat, writeThrowawayKey } from './check-wechat/compile';
import { APP_FILES, type Reach, reachable, walk } from './reach';
import { PACKAGE_LIMIT_BYTES, packageIndexOf } from './check-wechat/output-gates';
import {
  listFiles,
  loadMiniProgram,
  miniprogramRoot,
  readProjectConfig,
  toPosix,
} from './check-wechat/project';

/** Main-package budget (issue #14): well under WeChat's limit, so start-up stays fast. */
export const MAIN_PACKAGE_BUDGET = 250 * 1024;
/** WeChat's hard limit per package (main package and each subpackage). */
export const PACKAGE_LIMIT = PACKAGE_LIMIT_BYTES;

const PROJECT_DIR = path.resolve(__dirname, '..');

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const wholeKb = (bytes: number) => `${Number((bytes / 1024).toFixed(1))} KB`;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isFile = (file: string) => existsSync(file) && statSync(file).isFile();

// ---------------------------------------------------------------------------------------
// Packages

export interface PackageDef {
  /** 'main package' or 'subpackage <name> (<root>)'. */
  label: string;
  /** app.json name of a subpackage (its root when it has none); '' for the main package. */
  name: string;
  /** Folder of a subpackage relative to the miniprogram root, no slashes at the ends; '' for main. */
  root: string;
  /** Page paths relative to the miniprogram root. */
  pages: string[];
}

/** The main package and the subpackages of app.json (`subPackages` or `subpackages`). */
export function packagesOf(projectDir: string): { mpRoot: string; packages: PackageDef[] } {
  const mp = loadMiniProgram(projectDir);
  if (!mp.app) {
    const why = mp.unreadable.map((entry) => `${entry.file}: ${entry.message}`).join('; ');
    throw new Error(`cannot read app.json (${why})`);
  }
  const declared = mp.app.subPackages ?? mp.app.subpackages;
  const names = new Map<string, string>();
  if (Array.isArray(declared)) {
    for (const entry of declared) {
      if (isObject(entry) && typeof entry.root === 'string' && typeof entry.name === 'string') {
        names.set(entry.root.replace(/^\/+|\/+$/g, ''), entry.name);
      }
    }
  }
  const mainPages = Array.isArray(mp.app.pages)
    ? mp.app.pages.filter((page): page is string => typeof page === 'string')
    : [];
  return {
    mpRoot: mp.root,
    packages: [
      { label: 'main package', name: '', root: '', pages: mainPages },
      ...mp.subPackages.map((sub) => {
        const name = names.get(sub.root) ?? sub.root;
        return {
          label: name === sub.root ? `subpackage ${sub.root}` : `subpackage ${name} (${sub.root})`,
          name,
          root: sub.root,
          pages: sub.pages.map((page) => path.posix.join(sub.root, page)),
        };
      }),
    ],
  };
}

/** The package a miniprogram-relative path belongs to: the subpackage whose root holds it, else main. */
export function packageOf(relative: string, packages: PackageDef[]): PackageDef {
  return packages[packageIndexOf(relative, packages.slice(1))];
}

/** The entries of a package: its pages, and for the main package the app itself. */
export function packageEntries(mpRoot: string, pkg: PackageDef): { components: string[]; files: string[] } {
  const app = pkg.root ? [] : APP_FILES.map((name) => path.join(mpRoot, name));
  return { components: pkg.pages.map((page) => path.join(mpRoot, page)), files: app.filter(isFile) };
}

/**
 * What the pages of every package reach (the app's files and the npm components and
 * files they use): the source side of what WeChat uploads (test/icon-font reads it).
 */
export function shippedFiles(projectDir = PROJECT_DIR): Reach {
  return reachable(packagesOf(projectDir).mpRoot);
}

const NPM_SEGMENT = '/miniprogram_npm/';

/** `tdesign-miniprogram/button` for …/miniprogram_npm/tdesign-miniprogram/button/button. */
export function npmComponentName(base: string): string | null {
  const posix = toPosix(base);
  const at = posix.lastIndexOf(NPM_SEGMENT);
  if (at < 0) return null;
  const parts = posix.slice(at + NPM_SEGMENT.length).split('/');
  const last = parts.length;
  if (last >= 2 && (parts[last - 1] === parts[last - 2] || parts[last - 1] === 'index')) parts.pop();
  return parts.join('/');
}

// ---------------------------------------------------------------------------------------
// Compiled output

export interface Contributor {
  /** 'own code', 'npm <package>', '@babel/runtime helpers', 'images and other files'. */
  name: string;
  bytes: number;
  files: number;
}

export interface CompiledFile {
  /** Path in the compiled output (= miniprogram-relative). */
  file: string;
  bytes: number;
}

export interface OnlyUsedBySubpackages {
  /** Miniprogram-relative path: a component without extension, or a file. */
  path: string;
  kind: 'npm component' | 'component' | 'file';
  /** npm name (`tdesign-miniprogram/stepper`) of an npm component. */
  npm: string | null;
  /** Names of the subpackages whose pages use it. */
  usedBy: string[];
  /**
   * Compiled bytes in the main package that only subpackages need: a component's own
   * files and what it alone pulls in (props, templates, styles).
   */
  bytes: number;
}

export interface PackageReport {
  label: string;
  name: string;
  root: string;
  pages: string[];
  bytes: number;
  files: number;
  contributors: Contributor[];
  /** npm components the package's pages reach (sorted). */
  npmComponents: string[];
  /** Every compiled file counted in the package, largest first. */
  compiled: CompiledFile[];
  /** Miniprogram-relative source files the walk reached from the package's pages. */
  reached: string[];
}

export interface SizeReport {
  projectDir: string;
  budget: number;
  limit: number;
  packages: PackageReport[];
  /** Components and files in the main package's folders that only subpackage pages reach. */
  onlyUsedBySubpackages: OnlyUsedBySubpackages[];
  /** Their compiled bytes (each file once): what moving them out would take off the main package. */
  onlyUsedBySubpackagesBytes: number;
  /** Compiled files of the app and its npm packages that the source walk did not reach. */
  notReached: string[];
  compile: { files: number; ms: number } | null;
  ok: boolean;
  problems: string[];
}

/** Which contributor a compiled file is part of. */
export function contributorOf(relative: string): string {
  const npmAt = `/${relative}`.indexOf(NPM_SEGMENT);
  if (npmAt >= 0) {
    const rest = `/${relative}`.slice(npmAt + NPM_SEGMENT.length).split('/');
    return `npm ${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (/(^|\/)@babel\/runtime\//.test(relative)) return '@babel/runtime helpers';
  return /\.(js|json|wxml|wxss|wxs)$/.test(relative) ? 'own code' : 'images and other files';
}

/** Compiled output files that WeChat generates or takes as they are (no source to reach). */
const isGenerated = (relative: string) =>
  /(^|\/)@babel\/runtime\//.test(relative) ||
  relative === 'project.config.json' ||
  !/\.(js|json|wxml|wxss|wxs)$/.test(relative);

/** The compiled name of a source file (.ts compiles to .js). */
const compiledNameOf = (relative: string) => relative.replace(/\.ts$/, '.js');

export interface MeasureOptions {
  budget?: number;
  limit?: number;
  compile?: SizeReport['compile'];
}

/** Measures a compiled output against the sources of projectDir. */
export function measureCompiled(
  projectDir: string,
  outDir: string,
  options: MeasureOptions = {},
): SizeReport {
  const { mpRoot, packages } = packagesOf(projectDir);
  const rel = (file: string) => toPosix(path.relative(mpRoot, file));

  const compiledOf = new Map<PackageDef, CompiledFile[]>(packages.map((pkg) => [pkg, []]));
  for (const file of listFiles(outDir)) {
    const relative = toPosix(path.relative(outDir, file));
    compiledOf.get(packageOf(relative, packages))?.push({ file: relative, bytes: statSync(file).size });
  }

  const reaches = packages.map((pkg) => walk(mpRoot, packageEntries(mpRoot, pkg)));
  const reports: PackageReport[] = packages.map((pkg, index) => {
    const compiled = (compiledOf.get(pkg) ?? []).sort(
      (a, b) => b.bytes - a.bytes || a.file.localeCompare(b.file),
    );
    const bytes = compiled.reduce((sum, file) => sum + file.bytes, 0);
    const contributors = new Map<string, Contributor>();
    for (const file of compiled) {
      const name = contributorOf(file.file);
      const entry = contributors.get(name) ?? { name, bytes: 0, files: 0 };
      entry.bytes += file.bytes;
      entry.files += 1;
      contributors.set(name, entry);
    }
    const npm = [...reaches[index].components].map(npmComponentName).filter((name): name is string => !!name);
    return {
      label: pkg.label,
      name: pkg.name,
      root: pkg.root,
      pages: pkg.pages,
      bytes,
      files: compiled.length,
      contributors: [...contributors.values()].sort((a, b) => b.bytes - a.bytes),
      npmComponents: [...new Set(npm)].sort(),
      compiled,
      reached: [...reaches[index].files].map(rel).sort(),
    };
  });

  // Main-package files that only subpackage pages reach, and the components they belong to.
  const [main] = reaches;
  const compiledBytes = new Map(
    reports.flatMap((pkg) => pkg.compiled.map((file) => [file.file, file.bytes])),
  );
  const bytesOf = (files: Iterable<string>) =>
    [...files].reduce((sum, file) => sum + (compiledBytes.get(compiledNameOf(rel(file))) ?? 0), 0);
  const inMain = (file: string) => packageOf(rel(file), packages) === packages[0];
  const subOnly = new Map<string, string[]>();
  packages.forEach((pkg, index) => {
    if (!pkg.root) return;
    for (const file of reaches[index].files) {
      if (!main.files.has(file) && inMain(file)) subOnly.set(file, [...(subOnly.get(file) ?? []), pkg.name]);
    }
  });
  const flagged = new Map<string, OnlyUsedBySubpackages>();
  const covered = new Set<string>();
  packages.forEach((pkg, index) => {
    if (!pkg.root) return;
    for (const base of reaches[index].components) {
      if (main.components.has(base) || !inMain(base)) continue;
      const component = rel(base);
      const known = flagged.get(component);
      if (known) {
        known.usedBy.push(pkg.name);
        continue;
      }
      const own = [...walk(mpRoot, { components: [base], files: [] }).files].filter((file) =>
        subOnly.has(file),
      );
      own.forEach((file) => covered.add(file));
      const npm = npmComponentName(base);
      flagged.set(component, {
        path: component,
        kind: npm ? 'npm component' : 'component',
        npm,
        usedBy: [pkg.name],
        bytes: bytesOf(own),
      });
    }
  });
  for (const [file, usedBy] of subOnly) {
    const bytes = bytesOf([file]);
    // A file the compile dropped (a module of types only) weighs nothing.
    if (!covered.has(file) && bytes > 0)
      flagged.set(rel(file), { path: rel(file), kind: 'file', npm: null, usedBy, bytes });
  }

  const reachedCompiled = new Set(
    reaches.flatMap((reach) => [...reach.files].map((file) => compiledNameOf(rel(file)))),
  );
  const notReached = reports
    .flatMap((pkg) => pkg.compiled.map((file) => file.file))
    .filter((file) => !isGenerated(file) && !reachedCompiled.has(file))
    .sort();

  const report: SizeReport = {
    projectDir,
    budget: options.budget ?? MAIN_PACKAGE_BUDGET,
    limit: options.limit ?? PACKAGE_LIMIT,
    packages: reports,
    onlyUsedBySubpackages: [...flagged.values()].sort(
      (a, b) => b.bytes - a.bytes || a.path.localeCompare(b.path),
    ),
    onlyUsedBySubpackagesBytes: bytesOf(subOnly.keys()),
    notReached,
    compile: options.compile ?? null,
    ok: true,
    problems: [],
  };
  report.problems = problemsOf(report);
  report.ok = report.problems.length === 0;
  return report;
}

/** What is over: the main package over the budget, any package over WeChat's limit. */
export function problemsOf(
  report: Pick<SizeReport, 'packages' | 'budget' | 'limit' | 'onlyUsedBySubpackagesBytes'>,
): string[] {
  const problems: string[] = [];
  const [main] = report.packages;
  if (main.bytes > report.budget) {
    const subOnly = report.onlyUsedBySubpackagesBytes;
    problems.push(
      `the main package is ${kb(main.bytes)}, ${kb(main.bytes - report.budget)} over the ` +
        `${wholeKb(report.budget)} budget. Make it smaller: ` +
        (subOnly > 0
          ? `${kb(subOnly)} of it is used only by subpackage pages (listed above): move those files ` +
            "under the subpackage's root (npm components into a miniprogram_npm there); "
          : '') +
        'move pages that are not tab pages into subpackages (app.json "subPackages"), with the ' +
        'components and modules only they use; drop npm components and imports the main pages can do without.',
    );
  }
  for (const pkg of report.packages) {
    if (pkg.bytes > report.limit) {
      problems.push(
        `the ${pkg.label} is ${kb(pkg.bytes)}, ${kb(pkg.bytes - report.limit)} over WeChat's ` +
          `${wholeKb(report.limit)} limit per package: WeChat refuses to upload it. ` +
          (pkg.root
            ? 'Split its pages into more subpackages.'
            : 'Move pages into subpackages (app.json "subPackages").'),
      );
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// Compile

/** Compiles projectDir with WeChat's compile into outDir (throws with the compile error). */
export async function compileProject(
  projectDir: string,
  outDir: string,
): Promise<{ files: number; ms: number }> {
  const config = readProjectConfig(projectDir);
  const appid = typeof config.appid === 'string' && config.appid ? config.appid : 'touristappid';
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'size-report-'));
  try {
    const result = await compileWithWechat(
      { projectDir, appid, outDir, privateKeyPath: writeThrowawayKey(path.join(scratch, 'throwaway.key')) },
      scratch,
    );
    if (!result.ok) {
      throw new Error(`WeChat's compile failed: ${result.error?.message ?? 'no result'}`);
    }
    return { files: result.files, ms: result.compileMs };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

export interface ReportOptions extends MeasureOptions {
  /** Keep the compiled output here (default: a temporary folder, removed). */
  outDir?: string;
  /** Measure this compiled output instead of compiling. */
  compiledDir?: string;
}

/** Compiles (or takes compiledDir) and measures. */
export async function sizeReport(projectDir: string, options: ReportOptions = {}): Promise<SizeReport> {
  if (options.compiledDir) return measureCompiled(projectDir, path.resolve(options.compiledDir), options);
  const scratch = options.outDir ? undefined : mkdtempSync(path.join(os.tmpdir(), 'size-report-out-'));
  const outDir = options.outDir ? path.resolve(options.outDir) : path.join(scratch ?? '', 'compiled');
  try {
    const compile = await compileProject(projectDir, outDir);
    return measureCompiled(projectDir, outDir, { ...options, compile });
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------
// Output

/** `tdesign-miniprogram/{button, cell}` style list of npm components. */
function groupNames(names: string[]): string {
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const [pkg, ...rest] = name.split('/');
    const key = pkg.startsWith('@') ? `${pkg}/${rest.shift()}` : pkg;
    groups.set(key, [...(groups.get(key) ?? []), rest.join('/') || '.']);
  }
  return [...groups].map(([pkg, parts]) => `${pkg}/{${parts.join(', ')}}`).join(', ');
}

export function formatReport(report: SizeReport): string[] {
  const lines: string[] = [];
  const row = (label: string, bytes: number, files: number) =>
    `${label.padEnd(44)} ${kb(bytes).padStart(10)} ${String(files).padStart(5)} files`;
  lines.push(
    report.compile
      ? `WeChat compile (miniprogram-ci getCompiledResult, project.config.json settings): ${report.compile.files} files in ${(report.compile.ms / 1000).toFixed(1)} s`
      : 'WeChat compiled output (given with --compiled)',
  );
  for (const pkg of report.packages) {
    lines.push('');
    lines.push(row(pkg.label, pkg.bytes, pkg.files));
    for (const part of pkg.contributors) lines.push(`  ${row(part.name, part.bytes, part.files)}`);
    const largest = pkg.compiled.slice(0, 5).map((file) => `${file.file} ${kb(file.bytes)}`);
    if (largest.length) lines.push(`  largest files: ${largest.join(', ')}`);
    lines.push(
      `  npm components reached (${pkg.npmComponents.length}): ${pkg.npmComponents.length ? groupNames(pkg.npmComponents) : 'none'}`,
    );
  }
  if (report.onlyUsedBySubpackages.length) {
    lines.push('');
    lines.push(
      `In the main package but used only by subpackage pages: ${kb(report.onlyUsedBySubpackagesBytes)} ` +
        '(WeChat counts files by the folder they are in; checkCodeQuality: CONTAINS_OTHER_PKG_COMPONENTS / _JS)',
    );
    for (const entry of report.onlyUsedBySubpackages) {
      const what = entry.npm ? `npm ${entry.npm}` : entry.path;
      lines.push(`  ${what.padEnd(42)} ${kb(entry.bytes).padStart(10)}  used by ${entry.usedBy.join(', ')}`);
    }
  }
  if (report.notReached.length) {
    lines.push('');
    lines.push(
      `note: ${report.notReached.length} compiled files were not reached by the source walk (counted all the same): ` +
        report.notReached.slice(0, 8).join(', ') +
        (report.notReached.length > 8 ? ', …' : ''),
    );
  }
  lines.push('');
  const [main] = report.packages;
  lines.push(
    `main package ${kb(main.bytes)} of ${wholeKb(report.budget)} budget (${wholeKb(report.limit)} limit)`,
  );
  return lines;
}

// ---------------------------------------------------------------------------------------
// CLI

function option(argv: string[], name: string): string | undefined {
  const index = argv.indexOf(name);
  if (index < 0) return undefined;
  const value = argv[index + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

export interface Io {
  info: (line: string) => void;
  error: (line: string) => void;
}

/** The CLI: returns the exit code (0 ok, 1 over budget/limit, 2 could not measure). */
export async function main(argv: string[], io: Io = console): Promise<number> {
  let report: SizeReport;
  const json = argv.includes('--json');
  try {
    const projectDir = path.resolve(option(argv, '--project') ?? PROJECT_DIR);
    const budgetKb = option(argv, '--budget');
    const budget = budgetKb === undefined ? MAIN_PACKAGE_BUDGET : Number(budgetKb) * 1024;
    if (!Number.isFinite(budget) || budget <= 0)
      throw new Error(`--budget must be a number of KB, not ${budgetKb}`);
    const mpRoot = miniprogramRoot(projectDir, readProjectConfig(projectDir));
    if (!existsSync(path.join(mpRoot, 'miniprogram_npm'))) {
      throw new Error(
        `${toPosix(path.relative(projectDir, mpRoot))}/miniprogram_npm is missing: run \`npm run build\` first`,
      );
    }
    report = await sizeReport(projectDir, {
      budget,
      outDir: option(argv, '--out'),
      compiledDir: option(argv, '--compiled'),
    });
  } catch (error) {
    io.error(`size: could not measure: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  if (json) io.info(JSON.stringify(report, null, 2));
  else formatReport(report).forEach((line) => io.info(line));
  if (report.ok) return 0;
  for (const problem of report.problems) io.error(`size: FAILED: ${problem}`);
  return 1;
}

if (path.resolve(process.argv[1] ?? '') === __filename) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`size: could not run: ${error instanceof Error ? error.stack : String(error)}`);
      process.exit(2);
    },
  );
}

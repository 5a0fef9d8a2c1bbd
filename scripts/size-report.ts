/**
 * npm run size: estimates what WeChat DevTools uploads for the main package, the way
 * `lazyCodeLoading: "requiredComponents"` + `ignoreUploadUnusedFiles` trim it: the app's
 * own files, plus only the npm components reachable from app.json's pages through
 * usingComponents, with the JS modules, .wxs, .wxss and templates they import.
 * Prints a table and exits non-zero when the main package exceeds WeChat's 2 MB limit.
 * (An estimate from source sizes: DevTools' own compile/minify changes the bytes a little.)
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const mp = path.join(root, 'miniprogram');
export const MAIN_PACKAGE_LIMIT = 2 * 1024 * 1024;

const rel = (file: string) => path.relative(mp, file).split(path.sep).join('/');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

/** Files a source file pulls in: JS imports/requires, wxs src, wxml import/include, wxss @import. */
function dependencies(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  const patterns = [
    /(?:import|export)[^'"]*?from\s*["']([^"']+)["']/g,
    /require\(\s*["']([^"']+)["']\s*\)/g,
    /<(?:wxs|import|include)[^>]*\ssrc=["']([^"']+)["']/g,
    /@import\s+["']([^"']+)["']/g,
  ];
  for (const pattern of patterns) for (const match of text.matchAll(pattern)) found.push(match[1]);
  const resolved: string[] = [];
  for (const spec of found) {
    const candidates = spec.startsWith('.')
      ? [path.resolve(path.dirname(file), spec)]
      : spec.startsWith('/')
        ? [path.join(mp, spec)]
        : npmCandidates(file, spec);
    for (const base of candidates) {
      const hit = [
        base,
        `${base}.js`,
        `${base}.ts`,
        path.join(base, 'index.js'),
        path.join(base, 'index.ts'),
      ].find((option) => existsSync(option) && statSync(option).isFile());
      if (hit) {
        resolved.push(hit);
        break;
      }
    }
  }
  return resolved;
}

/** Bare module names resolve through the nearest miniprogram_npm folders, as in WeChat. */
function npmCandidates(from: string, spec: string): string[] {
  const candidates: string[] = [];
  for (let dir = path.dirname(from); dir.startsWith(mp); dir = path.dirname(dir)) {
    candidates.push(path.join(dir, 'miniprogram_npm', spec));
    if (dir === mp) break;
  }
  return candidates;
}

/** The app's own files (everything DevTools would upload that is not npm output or typings). */
function ownFiles(dir = mp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return ['miniprogram_npm', 'typings'].includes(entry.name) && dir === mp ? [] : ownFiles(full);
    }
    return entry.name.startsWith('.') ? [] : [full];
  });
}

export interface SizeReport {
  own: number;
  npm: Map<string, number>;
  total: number;
  components: number;
}

/** What WeChat uploads for the pages of app.json: the files, and the components reached. */
export function shippedFiles(): { files: Set<string>; components: Set<string> } {
  const app = readJson(path.join(mp, 'app.json')) as { pages: string[] };
  const visitedComponents = new Set<string>();
  const files = new Set<string>();
  const visitFile = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const dep of dependencies(file)) visitFile(dep);
  };
  const visitComponent = (base: string) => {
    if (visitedComponents.has(base)) return;
    visitedComponents.add(base);
    for (const ext of ['.json', '.wxml', '.wxss', '.js', '.ts']) {
      if (existsSync(base + ext)) visitFile(base + ext);
    }
    const using = (readJson(`${base}.json`).usingComponents ?? {}) as Record<string, string>;
    for (const target of Object.values(using)) {
      visitComponent(
        target.startsWith('/') ? path.join(mp, target) : path.resolve(path.dirname(base), target),
      );
    }
  };
  for (const page of app.pages) visitComponent(path.join(mp, page));
  for (const file of ownFiles()) files.add(file);
  return { files, components: visitedComponents };
}

/**
 * The main package's size. `sizeOf` can stand in for a file's size (the size benchmark
 * measures the same pages with TDesign's stock icon stylesheet this way).
 */
export function measure(sizeOf: (file: string) => number = (file) => statSync(file).size): SizeReport {
  const { files, components: visitedComponents } = shippedFiles();
  const npm = new Map<string, number>();
  for (const file of files) {
    const name = rel(file);
    if (!name.startsWith('miniprogram_npm/')) continue;
    const pkg = name.split('/')[1];
    npm.set(pkg, (npm.get(pkg) ?? 0) + sizeOf(file));
  }
  const own = ownFiles().reduce((sum, file) => sum + sizeOf(file), 0);
  const npmTotal = [...npm.values()].reduce((a, b) => a + b, 0);
  return { own, npm, total: own + npmTotal, components: visitedComponents.size };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (path.resolve(process.argv[1] ?? '') === __filename) {
  if (!existsSync(path.join(mp, 'miniprogram_npm'))) {
    console.error('miniprogram/miniprogram_npm is missing: run `npm run build` first');
    process.exit(1);
  }
  const report = measure();
  console.info('Main package estimate (lazyCodeLoading: requiredComponents)');
  const row = (label: string, value: string) => console.info(`  ${label.padEnd(44)} ${value}`);
  row("app's own files", kb(report.own));
  for (const [pkg, bytes] of [...report.npm].sort((a, b) => b[1] - a[1]))
    row(`miniprogram_npm/${pkg}`, kb(bytes));
  row('pages and components reached', String(report.components));
  const share = ((report.total / MAIN_PACKAGE_LIMIT) * 100).toFixed(1);
  row('total', `${kb(report.total)} of ${kb(MAIN_PACKAGE_LIMIT)} (${share}%)`);
  if (report.total > MAIN_PACKAGE_LIMIT) {
    console.error("The main package is over WeChat's 2 MB limit: move pages into subpackages.");
    process.exit(1);
  }
}

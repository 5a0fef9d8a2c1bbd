/**
 * What the app can load, from its sources, by the rules WeChat's compile follows with
 * `lazyCodeLoading: "requiredComponents"`: pages, the components their json names
 * (usingComponents, nested; generic defaults), and the files those pull in (JS import /
 * require, not `import type`; <wxs>/<import>/<include> src; WXSS @import; wxs require).
 * Bare names resolve through the nearest miniprogram_npm upward, as in WeChat. Used by
 * `npm run size` (per package) and the build's TDesign subsets (the whole app).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { readJson, resolveComponent } from './check-wechat/project';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isFile = (file: string) => existsSync(file) && statSync(file).isFile();

export interface Reach {
  /** Absolute component (and page) paths without extension. */
  components: Set<string>;
  /** Absolute source files (.ts/.js/.json/.wxml/.wxss/.wxs). */
  files: Set<string>;
  /** Each usingComponents entry met: the json naming it, the tag, the component it resolved to. */
  usings: { from: string; tag: string; base: string }[];
}

const JS_PATTERNS = [
  // import x from '…', import { a } from '…', import * as x from '…' (not `import type`)
  /(?:^|[^\w$.])import(?:\s+|(?=[{*]))(type\s+)?(?:[\w$]+\s*,?\s*)?(?:\*\s*as\s+[\w$]+|\{[^}]*\})?\s*from\s*["']([^"']+)["']/g,
  // export * from '…', export { a } from '…' (not `export type`)
  /(?:^|[^\w$.])export(?:\s+|(?=[{*]))(type\s+)?(?:\*(?:\s*as\s+[\w$]+)?|\{[^}]*\})\s*from\s*["']([^"']+)["']/g,
  // import '…'
  /(?:^|[^\w$.])import\s*()["']([^"']+)["']/g,
  // require('…')
  /\brequire\(\s*()["']([^"']+)["']\s*\)/g,
];
const TEMPLATE_PATTERN = /<(wxs|import|include)\b[^>]*?\ssrc\s*=\s*["']([^"']+)["']/g;
const STYLE_PATTERN = /@import\s+(?:url\(\s*)?["']([^"']+)["']/g;
const WXS_PATTERN = /\brequire\(\s*["']([^"']+)["']\s*\)/g;

/** Bare names resolve through miniprogram_npm folders from the file's folder up to the root. */
function npmBases(mpRoot: string, from: string, spec: string): string[] {
  const bases: string[] = [];
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    bases.push(path.join(dir, 'miniprogram_npm', spec));
    if (dir === mpRoot || !dir.startsWith(mpRoot) || dir === path.dirname(dir)) break;
  }
  return bases;
}

function firstFile(bases: string[], suffixes: string[]): string | null {
  for (const base of bases) {
    for (const suffix of suffixes) if (isFile(base + suffix)) return base + suffix;
  }
  return null;
}

/** The files one source file pulls in (those that exist: a missing one is the compile's to report). */
export function fileDependencies(mpRoot: string, file: string): string[] {
  const ext = path.extname(file);
  const dir = path.dirname(file);
  const local = (spec: string) => (spec.startsWith('/') ? path.join(mpRoot, spec) : path.resolve(dir, spec));
  const deps: (string | null)[] = [];
  if (ext === '.ts' || ext === '.js') {
    const text = readFileSync(file, 'utf8');
    for (const pattern of JS_PATTERNS) {
      for (const [, typeOnly, spec] of text.matchAll(pattern)) {
        if (typeOnly) continue;
        const bases = /^[./]/.test(spec) ? [local(spec)] : [...npmBases(mpRoot, file, spec), local(spec)];
        deps.push(firstFile(bases, ['', '.ts', '.js', '/index.ts', '/index.js']));
      }
    }
  } else if (ext === '.wxml') {
    const text = readFileSync(file, 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    for (const [, tag, spec] of text.matchAll(TEMPLATE_PATTERN)) {
      deps.push(firstFile([local(spec)], tag === 'wxs' ? ['', '.wxs'] : ['', '.wxml']));
    }
  } else if (ext === '.wxss') {
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const [, spec] of text.matchAll(STYLE_PATTERN)) deps.push(firstFile([local(spec)], ['', '.wxss']));
  } else if (ext === '.wxs') {
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(WXS_PATTERN)) deps.push(firstFile([local(spec)], ['', '.wxs']));
  }
  return deps.filter((dep): dep is string => dep !== null && isFile(dep));
}

function readObject(file: string): Record<string, unknown> {
  try {
    const value = readJson(file);
    return isObject(value) ? value : {};
  } catch {
    return {}; // the schema gate of check:wechat reports it
  }
}

/** Components a page/component json (or app.json) uses: usingComponents and generic defaults. */
function usedComponents(mpRoot: string, jsonFile: string): { tag: string; base: string }[] {
  const json = readObject(jsonFile);
  const targets: [string, unknown][] = [];
  if (isObject(json.usingComponents)) targets.push(...Object.entries(json.usingComponents));
  if (isObject(json.componentGenerics)) {
    for (const [tag, generic] of Object.entries(json.componentGenerics))
      if (isObject(generic)) targets.push([tag, generic.default]);
  }
  const used: { tag: string; base: string }[] = [];
  for (const [tag, target] of targets) {
    if (typeof target !== 'string' || /^plugin(-private)?:\/\//.test(target)) continue;
    const base = resolveComponent(mpRoot, jsonFile, target);
    if (base !== null) used.push({ tag, base });
  }
  return used;
}

/**
 * What a package reaches from its entries: components through usingComponents (nested),
 * and every file they pull in.
 */
export function walk(mpRoot: string, entries: { components: string[]; files: string[] }): Reach {
  const reach: Reach = { components: new Set(), files: new Set(), usings: [] };
  const visitFile = (file: string) => {
    if (reach.files.has(file) || !isFile(file)) return;
    reach.files.add(file);
    for (const dep of fileDependencies(mpRoot, file)) visitFile(dep);
  };
  const visitUsings = (json: string) => {
    for (const { tag, base } of usedComponents(mpRoot, json)) {
      reach.usings.push({ from: json, tag, base });
      visitComponent(base);
    }
  };
  const visitComponent = (base: string) => {
    if (reach.components.has(base)) return;
    reach.components.add(base);
    for (const ext of ['.json', '.wxml', '.wxss', '.ts', '.js']) visitFile(base + ext);
    if (isFile(`${base}.json`)) visitUsings(`${base}.json`);
  };
  entries.files.forEach(visitFile);
  for (const file of entries.files) if (path.basename(file) === 'app.json') visitUsings(file);
  entries.components.forEach(visitComponent);
  return reach;
}

/** The app files every package shares (app.json's global components, app.wxss's imports…). */
export const APP_FILES = ['app.json', 'app.ts', 'app.js', 'app.wxss', 'theme.json', 'sitemap.json'];

/** Every page of app.json (main package, then subpackages) as paths from the miniprogram root. */
export function appPages(mpRoot: string): string[] {
  const app = readObject(path.join(mpRoot, 'app.json'));
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  const subpackages = [app.subPackages, app.subpackages].flatMap((list) => (Array.isArray(list) ? list : []));
  return [
    ...strings(app.pages),
    ...subpackages
      .filter(isObject)
      .flatMap((sub) =>
        typeof sub.root === 'string'
          ? strings(sub.pages).map((page) => path.posix.join(sub.root as string, page))
          : [],
      ),
  ];
}

/** What the whole app reaches: every page of every package, and the app files. */
export function reachable(mpRoot: string): Reach {
  return walk(mpRoot, {
    components: appPages(mpRoot).map((page) => path.join(mpRoot, page)),
    files: APP_FILES.map((name) => path.join(mpRoot, name)),
  });
}

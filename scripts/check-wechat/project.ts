/**
 * The mini-program as WeChat sees it: project.config.json, app.json, the pages, every
 * component reached through `usingComponents`, and the WXML/WXS/WXSS they pull in.
 * Read-only; used by the gates of check:wechat.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** A problem found by one gate, named by the file it is in. */
export interface Failure {
  gate: GateName;
  file: string;
  message: string;
}

export type GateName = 'compile' | 'wcc' | 'wcsc' | 'analyse' | 'schema' | 'component' | 'es5' | 'size';

export interface ProjectConfig {
  appid?: unknown;
  miniprogramRoot?: unknown;
  setting?: Record<string, unknown>;
}

export interface SubPackage {
  root: string;
  pages: string[];
}

/** One `usingComponents` entry that points at a component. */
export interface ComponentUse {
  /** Project-relative json that declares it. */
  from: string;
  name: string;
  target: string;
}

export interface MiniProgram {
  projectDir: string;
  /** Absolute miniprogram root (miniprogramRoot of project.config.json). */
  root: string;
  config: ProjectConfig;
  /** app.json, or null when it is missing or not JSON (reported by the schema gate). */
  app: Record<string, unknown> | null;
  subPackages: SubPackage[];
  /** Absolute page paths without extension (main package and subpackages). */
  pages: string[];
  /** Absolute component paths without extension, with every declaration that uses them. */
  components: Map<string, ComponentUse[]>;
  /** usingComponents entries that resolve to no component json. */
  unresolved: ComponentUse[];
  /** Json files that could not be read or parsed. */
  unreadable: { file: string; message: string }[];
}

export const toPosix = (file: string): string => file.split(path.sep).join('/');

export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every file under dir (absolute paths), depth first, sorted. */
export function listFiles(dir: string, skipDir: (name: string) => boolean = () => false): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return skipDir(entry.name) ? [] : listFiles(full, skipDir);
      return entry.isFile() ? [full] : [];
    });
}

export function readProjectConfig(projectDir: string): ProjectConfig {
  const file = path.join(projectDir, 'project.config.json');
  const config = readJson(file);
  if (!isObject(config)) throw new Error('project.config.json is not a JSON object');
  return config;
}

export function miniprogramRoot(projectDir: string, config: ProjectConfig): string {
  const root = typeof config.miniprogramRoot === 'string' ? config.miniprogramRoot : '';
  return path.resolve(projectDir, root);
}

function subPackagesOf(app: Record<string, unknown>): SubPackage[] {
  const list = app.subPackages ?? app.subpackages;
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).flatMap((entry) =>
    typeof entry.root === 'string'
      ? [
          {
            root: entry.root.replace(/^\/+|\/+$/g, ''),
            pages: Array.isArray(entry.pages)
              ? entry.pages.filter((p): p is string => typeof p === 'string')
              : [],
          },
        ]
      : [],
  );
}

const isFile = (file: string) => existsSync(file) && statSync(file).isFile();

/**
 * Resolves a `usingComponents` target the way WeChat does: `/x` from the miniprogram
 * root, `./x` and `../x` from the declaring json, a bare `pkg/x` relative first and then
 * through the nearest `miniprogram_npm` folders up to the root; `x` may name a folder
 * with an `index` component. Returns the component path without extension, or null.
 */
export function resolveComponent(root: string, fromJson: string, target: string): string | null {
  const dir = path.dirname(fromJson);
  const candidates: string[] = [];
  if (target.startsWith('/')) candidates.push(path.join(root, target));
  else if (target.startsWith('.')) candidates.push(path.resolve(dir, target));
  else {
    candidates.push(path.resolve(dir, target));
    for (let current = dir; ; current = path.dirname(current)) {
      candidates.push(path.join(current, 'miniprogram_npm', target));
      if (current === root || !current.startsWith(root)) break;
    }
  }
  for (const base of candidates) {
    if (isFile(`${base}.json`)) return base;
    if (isFile(path.join(base, 'index.json'))) return path.join(base, 'index');
  }
  return null;
}

const isExternal = (target: string) => /^plugin(-private)?:\/\//.test(target);

export function loadMiniProgram(projectDir: string): MiniProgram {
  const config = readProjectConfig(projectDir);
  const root = miniprogramRoot(projectDir, config);
  const rel = (file: string) => toPosix(path.relative(projectDir, file));
  const unreadable: MiniProgram['unreadable'] = [];
  const readObject = (file: string): Record<string, unknown> | null => {
    try {
      const value = readJson(file);
      if (isObject(value)) return value;
      unreadable.push({ file: rel(file), message: 'is not a JSON object' });
    } catch (error) {
      unreadable.push({ file: rel(file), message: error instanceof Error ? error.message : String(error) });
    }
    return null;
  };

  const appFile = path.join(root, 'app.json');
  const app = existsSync(appFile) ? readObject(appFile) : null;
  if (!existsSync(appFile)) unreadable.push({ file: rel(appFile), message: 'missing' });
  const subPackages = app ? subPackagesOf(app) : [];
  const mainPages =
    app && Array.isArray(app.pages) ? app.pages.filter((p): p is string => typeof p === 'string') : [];
  const pages = [
    ...mainPages.map((page) => path.join(root, page)),
    ...subPackages.flatMap((sub) => sub.pages.map((page) => path.join(root, sub.root, page))),
  ];

  const components = new Map<string, ComponentUse[]>();
  const unresolved: ComponentUse[] = [];
  const visited = new Set<string>();
  const visitJson = (jsonFile: string) => {
    if (visited.has(jsonFile)) return;
    visited.add(jsonFile);
    if (!existsSync(jsonFile)) return; // a page without json; a missing page is the compile's to report
    const json = readObject(jsonFile);
    const using = json && isObject(json.usingComponents) ? json.usingComponents : {};
    for (const [name, target] of Object.entries(using)) {
      if (typeof target !== 'string' || isExternal(target)) continue;
      const use = { from: rel(jsonFile), name, target };
      const base = resolveComponent(root, jsonFile, target);
      if (!base) {
        unresolved.push(use);
        continue;
      }
      components.set(base, [...(components.get(base) ?? []), use]);
      visitJson(`${base}.json`);
    }
  };
  if (app) visitJson(appFile);
  for (const page of pages) visitJson(`${page}.json`);

  return { projectDir, root, config, app, subPackages, pages, components, unresolved, unreadable };
}

const importPatterns = {
  wxml: /<(?:import|include|wxs)\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']/g,
  wxs: /\brequire\(\s*["']([^"']+)["']\s*\)/g,
  wxss: /@import\s+(?:url\(\s*)?["']([^"']+)["']/g,
};

/**
 * Files a WXML (import, include, wxs src), WXS (require) or WXSS (@import) file pulls
 * in, those that exist (a missing one is for wcc/wcsc to report).
 */
export function styleAndTemplateImports(root: string, file: string): string[] {
  const kind = (['wxml', 'wxs', 'wxss'] as const).find((ext) => file.endsWith(`.${ext}`));
  if (!kind) return [];
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(importPatterns[kind])) {
    const spec = match[1];
    let target = spec.startsWith('/') ? path.join(root, spec) : path.resolve(path.dirname(file), spec);
    if (!path.extname(target)) target += `.${kind}`;
    if (isFile(target)) found.push(target);
  }
  return found;
}

const isNpmOrModules = (name: string) => name === 'miniprogram_npm' || name === 'node_modules';

/**
 * Source WXML, WXS and WXSS to give wcc/wcsc: every such file of the app itself, and the
 * ones in miniprogram_npm that the app uses (the pages' and reached components' files
 * and everything they import). Absolute paths, sorted.
 */
export function sourceTemplatesAndStyles(mp: MiniProgram): string[] {
  const wanted = new Set<string>();
  const add = (file: string) => {
    if (wanted.has(file) || !isFile(file)) return;
    wanted.add(file);
    for (const dep of styleAndTemplateImports(mp.root, file)) add(dep);
  };
  const own = listFiles(mp.root, isNpmOrModules).filter((file) => /\.(wxml|wxs|wxss)$/.test(file));
  own.forEach(add);
  for (const base of [...mp.pages, ...mp.components.keys()]) {
    add(`${base}.wxml`);
    add(`${base}.wxss`);
  }
  return [...wanted].sort();
}

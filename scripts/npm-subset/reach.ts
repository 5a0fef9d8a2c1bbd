/**
 * What the app can load: every page of app.json (main package and subpackages; app.wxss
 * styles them all), the components they reach through usingComponents, and the files those
 * import. The rules are scripts/size-report.ts's (lazyCodeLoading: requiredComponents):
 * JS import/require, <wxs>/<import>/<include> src, WXSS @import; bare module names resolve
 * through the nearest miniprogram_npm. Reads through `tree`, so fixtures can stand in.
 */
import path from 'node:path';

export interface SourceTree {
  /** A file's text, or undefined when there is no such file. */
  read(file: string): string | undefined;
}

interface AppJson {
  pages?: string[];
  subPackages?: { root: string; pages?: string[] }[];
  subpackages?: { root: string; pages?: string[] }[];
  usingComponents?: Record<string, string>;
}

/** Every page of app.json, main package and subpackages, as paths from the miniprogram root. */
export function appPages(app: AppJson): string[] {
  const packages = [...(app.subPackages ?? []), ...(app.subpackages ?? [])];
  return [
    ...(app.pages ?? []),
    ...packages.flatMap((pkg) => (pkg.pages ?? []).map((page) => path.posix.join(pkg.root, page))),
  ];
}

const DEPENDENCY_PATTERNS = [
  /(?:import|export)[^'"]*?from\s*["']([^"']+)["']/g,
  /require\(\s*["']([^"']+)["']\s*\)/g,
  /<(?:wxs|import|include)[^>]*\ssrc=["']([^"']+)["']/g,
  /@import\s+["']([^"']+)["']/g,
];

/** The specifiers a file imports (JS, WXS, WXML templates, WXSS), as written. */
export function importSpecifiers(text: string): string[] {
  return DEPENDENCY_PATTERNS.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[1]));
}

/** `from/…/miniprogram_npm/spec` for each folder from `from`'s up to the root. */
function npmCandidates(root: string, from: string, spec: string): string[] {
  const candidates: string[] = [];
  for (let dir = path.dirname(from); dir.startsWith(root); dir = path.dirname(dir)) {
    candidates.push(path.join(dir, 'miniprogram_npm', spec));
    if (dir === root) break;
  }
  return candidates;
}

/** Where `spec`, written in `from`, may point: relative, from the root, or through npm. */
function candidates(root: string, from: string, spec: string): string[] {
  if (spec.startsWith('.')) return [path.resolve(path.dirname(from), spec)];
  if (spec.startsWith('/')) return [path.join(root, spec)];
  return npmCandidates(root, from, spec);
}

export interface Reached {
  /** Every file reached (absolute paths). */
  files: Set<string>;
  /** Every page and component reached, as a path without extension. */
  components: Set<string>;
  /** Each usingComponents entry met: the json naming it, the tag, the component it resolved to. */
  usings: { from: string; tag: string; base: string }[];
}

/** The pages of `root`/app.json and everything they reach. */
export function reachable(root: string, tree: SourceTree): Reached {
  const files = new Set<string>();
  const components = new Set<string>();
  const usings: Reached['usings'] = [];
  const readJson = (file: string) => JSON.parse(tree.read(file) ?? '{}') as AppJson;
  const resolveFile = (from: string, spec: string) =>
    candidates(root, from, spec)
      .flatMap((base) => [
        base,
        `${base}.js`,
        `${base}.ts`,
        path.join(base, 'index.js'),
        path.join(base, 'index.ts'),
      ])
      .find((option) => tree.read(option) !== undefined);
  const visitFile = (file: string) => {
    const text = tree.read(file);
    if (text === undefined || files.has(file)) return;
    files.add(file);
    for (const spec of importSpecifiers(text)) {
      const hit = resolveFile(file, spec);
      if (hit) visitFile(hit);
    }
  };
  const visitUsing = (from: string, using: Record<string, string> = {}) => {
    for (const [tag, target] of Object.entries(using)) {
      if (target.startsWith('plugin://')) continue;
      const relative = target.startsWith('/') ? [] : [path.resolve(path.dirname(from), target)];
      const base = [...candidates(root, from, target), ...relative].find(
        (option) => tree.read(`${option}.json`) !== undefined,
      );
      if (base === undefined) continue;
      usings.push({ from, tag, base });
      visitComponent(base);
    }
  };
  const visitComponent = (base: string) => {
    if (components.has(base)) return;
    components.add(base);
    for (const ext of ['.json', '.wxml', '.wxss', '.js', '.ts']) visitFile(base + ext);
    visitUsing(`${base}.json`, readJson(`${base}.json`).usingComponents);
  };
  const appJson = path.join(root, 'app.json');
  const app = readJson(appJson);
  for (const page of appPages(app)) visitComponent(path.join(root, page));
  visitUsing(appJson, app.usingComponents);
  for (const file of ['app.ts', 'app.js', 'app.wxss']) visitFile(path.join(root, file));
  return { files, components, usings };
}

/**
 * tslib, subset: TDesign ships the whole of tslib (miniprogram_npm/tslib, ~12 KB) and imports
 * three of its helpers. The build replaces it with a CommonJS module of exactly the helpers
 * imported anywhere in TDesign, bundled from tslib's own ES module build (ES5 syntax, as
 * WeChat's es5 check wants it).
 */
import { build } from 'esbuild';
import { createRequire } from 'node:module';
import path from 'node:path';

/** tslib's ES module build (what esbuild tree-shakes to the helpers asked for). */
export const TSLIB_ES_MODULE = path.join(
  path.dirname(createRequire(__filename).resolve('tslib/package.json')),
  'tslib.es6.mjs',
);

/**
 * The tslib helpers a JS file uses: `import{__decorate as d,__rest}from"tslib"` (or `export{…}`),
 * `require("tslib").__awaiter`, and members of a variable holding `require("tslib")`.
 * A namespace import (`import * as t`, `import t from`) or a `require("tslib")` used whole
 * cannot be subset: that throws.
 */
export function tslibHelpers(js: string): string[] {
  const names = new Set<string>();
  for (const match of js.matchAll(/\b(?:import|export)\b\s*(\{[^}]*\}|[^'"{};]*?)\s*from\s*["']tslib["']/g)) {
    if (!match[1].startsWith('{')) throw new Error(`cannot subset tslib for "${match[0]}"`);
    for (const part of match[1].slice(1, -1).split(',')) {
      const name = part.trim().split(/\s+as\s+/)[0];
      if (name) names.add(name);
    }
  }
  for (const match of js.matchAll(/require\(\s*["']tslib["']\s*\)(\s*\.\s*([\w$]+))?/g)) {
    if (match[2]) {
      names.add(match[2]);
      continue;
    }
    const before = js.slice(0, match.index);
    const destructured = /\{([^{}]*)\}\s*=\s*$/.exec(before)?.[1];
    if (destructured !== undefined) {
      for (const part of destructured.split(',')) names.add(part.split(':')[0].trim());
      continue;
    }
    const variable = /([\w$]+)\s*=\s*$/.exec(before)?.[1];
    if (!variable) throw new Error(`cannot subset tslib for "${match[0]}" used whole`);
    // Minified code reuses short names in other scopes: only tslib-like members (`__x`) count.
    const escaped = variable.replace(/\$/g, '\\$');
    for (const use of js.matchAll(new RegExp(`(?<![\\w$.])${escaped}\\s*\\.\\s*(__[\\w$]+)`, 'g'))) {
      names.add(use[1]);
    }
  }
  names.delete('');
  return [...names].sort();
}

/** A CommonJS module exporting exactly `names` from tslib (throws for a name tslib lacks). */
export async function tslibSubset(names: readonly string[], source = TSLIB_ES_MODULE): Promise<string> {
  const result = await build({
    stdin: {
      contents: `export { ${names.join(', ')} } from ${JSON.stringify(source)};`,
      resolveDir: path.dirname(source),
      sourcefile: 'tslib-subset.js',
      loader: 'js',
    },
    bundle: true,
    format: 'cjs',
    platform: 'neutral',
    target: 'es5',
    minify: true,
    legalComments: 'none',
    banner: { js: `/* tslib (0BSD), only ${names.join(', ')}: built by \`npm run build\` */` },
    logLevel: 'silent',
    write: false,
  });
  return result.outputFiles[0].text;
}

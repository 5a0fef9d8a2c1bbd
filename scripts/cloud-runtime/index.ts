/**
 * The Node.js runtime the cloud functions are deployed on, and the build's check that a
 * bundle uses nothing that runtime lacks.
 *
 * esbuild's `target` lowers or refuses syntax, but not everything: a regular expression the
 * target cannot parse is turned into `new RegExp(...)` (which then throws when the module
 * loads), and library calls are not looked at at all. So after bundling, the code is
 * checked against a snapshot of the runtime made with Node's own 18.15.0 binary
 * (snapshot.js, nodejs18.15.json):
 * - every `require` is a built-in module that runtime has (or an installed external);
 * - every member used of a built-in module exists there (`crypto.hash` does not);
 * - every static member used of a standard global exists there (`Object.groupBy`, `URL.canParse`);
 * - no method the build machine's Node has on a standard prototype but the runtime lacks
 *   is called (`.toSorted()`), and no such global is used (`File`, the global `crypto`);
 * - no regular expression had to be lowered for the target.
 */
import { parse } from 'acorn';
import path from 'node:path';
import { readFileSync } from 'node:fs';

/** The runtime to choose when creating each function (云开发控制台 → 云函数 → 新建 → 运行环境). */
export const CLOUD_RUNTIME = {
  /** The console's name for it. */
  name: 'Nodejs18.15',
  node: '18.15.0',
  /** esbuild's target for the bundles. */
  esbuildTarget: 'node18.15',
  /** package.json `engines.node` of each deployed function. */
  engines: '>=18.15.0',
} as const;

/**
 * Regular-expression syntax Node 18.15 has (lookbehind and \p{...} since Node 10, the d flag
 * since 16; each checked on the 18.15.0 binary), which esbuild's table only credits to
 * 18.20 for \p{...} (newer Unicode data). Without this esbuild rewrites such literals into
 * `new RegExp(...)` calls, and the check below could no longer tell them from syntax the
 * runtime really lacks (the v flag, modifiers), which esbuild lowers the same way.
 */
export const ESBUILD_REGEXP_SUPPORT = {
  'regexp-dot-all-flag': true,
  'regexp-lookbehind-assertions': true,
  'regexp-match-indices': true,
  'regexp-named-capture-groups': true,
  'regexp-sticky-and-unicode-flags': true,
  'regexp-unicode-property-escapes': true,
} as const;

/** What a runtime offers (see snapshot.js). */
export interface RuntimeSnapshot {
  node: string;
  icu: string | null;
  builtinModules: string[];
  /** Built-ins that exist only with the `node:` prefix (node:test). */
  prefixOnlyModules: string[];
  globals: string[];
  statics: Record<string, string[]>;
  prototypeMethods: string[];
  moduleExports: Record<string, string[]>;
}

interface SnapshotModule {
  snapshot(options?: { withModuleExports?: boolean }): RuntimeSnapshot;
  deserialise(stored: unknown): RuntimeSnapshot;
}
// Plain JavaScript, so that it also runs on the 18.15 binary that made the stored snapshot.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const snapshots = require('./snapshot.js') as SnapshotModule;

/** The stored snapshot of the cloud runtime. */
export function cloudRuntimeSnapshot(): RuntimeSnapshot {
  const file = path.join(__dirname, `nodejs${CLOUD_RUNTIME.node.replace(/\.0$/, '')}.json`);
  return snapshots.deserialise(JSON.parse(readFileSync(file, 'utf8')));
}

/** The Node running this build (no module exports needed). */
export function buildMachineSnapshot(): RuntimeSnapshot {
  return snapshots.snapshot({ withModuleExports: false });
}

export interface CheckOptions {
  /** The same entry bundled with target esnext: regexps lowered for the target show up as the difference. */
  esnextBundle?: string;
  /** Modules installed next to the bundle in the cloud (package.json dependencies). */
  externals?: readonly string[];
  runtime?: RuntimeSnapshot;
  buildMachine?: RuntimeSnapshot;
}

const IDENT = '[A-Za-z_$][\\w$]*';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function allMatches(code: string, pattern: RegExp): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  for (let match = pattern.exec(code); match; match = pattern.exec(code)) found.push(match);
  return found;
}

/** `new RegExp("...", "...")` calls with literal arguments, as esbuild writes lowered regexps. */
function regexpConstructions(code: string): string[] {
  return allMatches(code, /new RegExp\(("(?:[^"\\]|\\.)*")(?:, ("[a-z]*"))?\)/g).map(
    (match) => `/${JSON.parse(match[1])}/${match[2] ? JSON.parse(match[2]) : ''}`,
  );
}

/** Whether the bundle declares `name` itself (then it is not the global of that name). */
function declares(code: string, name: string): boolean {
  return new RegExp(`\\b(?:var|let|const|function|class)\\s+${escape(name)}\\b`).test(code);
}

/** What in `code` (an esbuild bundle) the cloud runtime lacks; empty when it can run there. */
/** The code with its comments blanked (their words are not code: "… names it." is no call of `it`). */
function withoutComments(code: string): string {
  const ranges: [number, number][] = [];
  try {
    parse(code, {
      ecmaVersion: 'latest',
      sourceType: 'script',
      allowHashBang: true,
      onComment: (_block, _text, start, end) => ranges.push([start, end]),
    });
  } catch {
    return code; // Not parseable as a script: the checks read it as it is.
  }
  let result = '';
  let at = 0;
  for (const [start, end] of ranges) {
    result += code.slice(at, start) + code.slice(start, end).replace(/[^\n]/g, ' ');
    at = end;
  }
  return result + code.slice(at);
}

export function runtimeProblems(source: string, options: CheckOptions = {}): string[] {
  const code = withoutComments(source);
  const runtime = options.runtime ?? cloudRuntimeSnapshot();
  const machine = options.buildMachine ?? buildMachineSnapshot();
  const externals = new Set(options.externals ?? []);
  const problems = new Set<string>();
  const label = `Node ${runtime.node}`;

  // 1. Modules.
  const machineBuiltins = new Set([...machine.builtinModules, ...machine.prefixOnlyModules]);
  for (const [, id] of allMatches(code, /\brequire\("([^"]+)"\)/g)) {
    const bare = id.replace(/^node:/, '');
    const builtin = id.startsWith('node:') || machineBuiltins.has(bare);
    if (!builtin) {
      if (!externals.has(id))
        problems.add(`require("${id}")：云端只安装了 ${[...externals].join(', ') || '（无）'}`);
      continue;
    }
    if (runtime.prefixOnlyModules.includes(bare)) {
      if (!id.startsWith('node:')) problems.add(`require("${id}")：${label} 只有 node:${bare}`);
    } else if (!runtime.builtinModules.includes(bare)) {
      problems.add(`require("${id}")：${label} 没有这个内置模块`);
    }
  }

  // 2. Members of built-in modules (esbuild: `var import_x = require("node:x")`, `import_x.name`).
  const bindings = allMatches(code, new RegExp(`\\b(${IDENT}) = (?:__toESM\\()?require\\("([^"]+)"\\)`, 'g'));
  for (const [, binding, id] of bindings) {
    const exported = runtime.moduleExports[id.replace(/^node:/, '')];
    if (!exported) continue;
    const uses = allMatches(
      code,
      new RegExp(`(?<![\\w$.])${escape(binding)}\\.(?:default\\.)?(${IDENT})`, 'g'),
    );
    for (const [, member] of uses) {
      if (member !== 'default' && !exported.includes(member)) {
        problems.add(`${id.replace(/^node:/, '')}.${member}：${label} 的 ${id} 没有它`);
      }
    }
  }

  // 3. Static members of the standard globals.
  for (const [owner, members] of Object.entries(runtime.statics)) {
    if (declares(code, owner)) continue;
    for (const [, member] of allMatches(code, new RegExp(`(?<![\\w$.])${escape(owner)}\\.(${IDENT})`, 'g'))) {
      if (!members.includes(member)) problems.add(`${owner}.${member}：${label} 没有它`);
    }
  }

  // 4. Prototype methods and globals newer than the runtime (known to the build machine's Node).
  const runtimeMethods = new Set(runtime.prototypeMethods);
  for (const method of machine.prototypeMethods.filter((name) => !runtimeMethods.has(name))) {
    if (new RegExp(`\\.${escape(method)}\\(`).test(code)) {
      problems.add(`.${method}()：${label} 的内置类型没有这个方法`);
    }
  }
  const runtimeGlobals = new Set(runtime.globals);
  for (const name of machine.globals.filter((global) => !runtimeGlobals.has(global))) {
    if (declares(code, name)) continue;
    if (new RegExp(`(?<![\\w$.'"\`])(?:new\\s+)?${escape(name)}\\s*[.(]`).test(code)) {
      problems.add(`全局 ${name}：${label} 没有它`);
    }
  }

  // 5. Regular expressions esbuild had to lower for the target (they would throw on load).
  if (options.esnextBundle !== undefined) {
    const reference = regexpConstructions(options.esnextBundle);
    for (const regexp of regexpConstructions(code)) {
      const index = reference.indexOf(regexp);
      if (index >= 0) reference.splice(index, 1);
      else problems.add(`正则表达式 ${regexp}：${label} 不支持其中的语法`);
    }
  }

  return [...problems];
}

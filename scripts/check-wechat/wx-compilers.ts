/**
 * The official WXML (wcc) and WXSS (wcsc) compilers, as shipped in the
 * `miniprogram-compiler` package (pulled in by miniprogram-simulate). A malformed
 * template, a bad `{{ }}` expression, a broken WXS module, invalid WXSS or an @import of
 * a missing file makes them fail, naming the file and position.
 */
import { chmodSync, copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { styleAndTemplateImports, toPosix } from './project';

export interface WxCompilers {
  wcc: string;
  wcsc: string;
}

export interface CompilerError {
  /** Path relative to the compiled root, as the compiler printed it. */
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** The folder holding the binaries for this platform inside miniprogram-compiler. */
function binaryDir(): string {
  // miniprogram-compiler is a dependency of miniprogram-simulate: resolve it from there.
  const nodeRequire = createRequire(__filename);
  let packageJson: string;
  try {
    packageJson = nodeRequire.resolve('miniprogram-compiler/package.json', {
      paths: [path.dirname(nodeRequire.resolve('miniprogram-simulate/package.json'))],
    });
  } catch {
    packageJson = nodeRequire.resolve('miniprogram-compiler/package.json');
  }
  const platform = { linux: 'linux', darwin: 'mac', win32: 'windows' }[process.platform as string];
  if (!platform) throw new Error(`miniprogram-compiler ships no wcc/wcsc for ${process.platform}`);
  return path.join(path.dirname(packageJson), 'bin', platform);
}

/**
 * Copies wcc and wcsc into dir and makes them executable. The package's wcsc lacks its
 * execute bit; node_modules is never modified in place.
 */
export function prepareCompilers(dir: string): WxCompilers {
  const from = binaryDir();
  const exe = process.platform === 'win32' ? '.exe' : '';
  mkdirSync(dir, { recursive: true });
  const copy = (name: string) => {
    const source = path.join(from, `${name}${exe}`);
    if (!existsSync(source)) throw new Error(`missing ${source}`);
    const target = path.join(dir, `${name}${exe}`);
    copyFileSync(source, target);
    chmodSync(target, 0o755);
    return target;
  };
  return { wcc: copy('wcc'), wcsc: copy('wcsc') };
}

const dotSlash = (root: string, file: string) => `./${toPosix(path.relative(root, file))}`;
const stripDot = (file: string) => file.replace(/^\.\//, '');

interface Run {
  ok: boolean;
  output: string;
}

function run(binary: string, args: string[], cwd: string, outFile: string): Run {
  const result = spawnSync(binary, [...args, '-o', outFile], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  const output = `${result.stderr ?? ''}${result.stdout ?? ''}`.trim();
  // wcsc has been seen to exit 0 after printing an error: trust the message too.
  return { ok: result.status === 0 && !/^ERR:/m.test(output), output };
}

/** `pages/a.wxml:49:2: end tag missing` (wcc) and `ERR: ./a.wxss(2:1): unexpected` (wcsc). */
export function parseCompilerOutput(output: string): CompilerError[] {
  const errors: CompilerError[] = [];
  for (const raw of output.split('\n')) {
    const line = raw.trim();
    if (!line || /^error file count/.test(line)) continue;
    let match = /^(?:ERR:\s*)?(\S+?\.(?:wxml|wxs|wxss)):(\d+):(\d+):\s*(.*)$/.exec(line);
    if (match) {
      errors.push({ file: stripDot(match[1]), line: +match[2], column: +match[3], message: match[4] });
      continue;
    }
    match = /^ERR:\s*(\S+?\.wxss)\((\d+):(\d+)\):\s*(.*)$/.exec(line);
    if (match) {
      errors.push({ file: stripDot(match[1]), line: +match[2], column: +match[3], message: match[4] });
      continue;
    }
    match = /not found from `([^`]+)`/.exec(line);
    if (match) {
      errors.push({ file: stripDot(match[1]), message: line.replace(/^ERR:\s*/, '') });
      continue;
    }
    errors.push({ file: '', message: line.replace(/^ERR:\s*/, '') });
  }
  return errors;
}

function unique(errors: CompilerError[]): CompilerError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.file}:${error.line}:${error.column}:${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Compiles every WXML file with every WXS file of the set (cwd = root, paths as
 * `./path`). On failure each WXML file is compiled alone to name every broken file.
 */
export function checkWxml(
  compilers: WxCompilers,
  root: string,
  files: string[],
  scratch: string,
): CompilerError[] {
  const wxml = files.filter((file) => file.endsWith('.wxml')).map((file) => dotSlash(root, file));
  const wxs = files.filter((file) => file.endsWith('.wxs')).map((file) => dotSlash(root, file));
  if (wxml.length + wxs.length === 0) return [];
  const out = path.join(scratch, 'wcc.out.js');
  const all = run(compilers.wcc, ['-d', ...wxml, ...wxs], root, out);
  if (all.ok) return [];
  const errors: CompilerError[] = [];
  for (const file of wxml) {
    const single = run(compilers.wcc, ['-d', file, ...wxs], root, out);
    if (!single.ok) errors.push(...parseCompilerOutput(single.output));
  }
  return unique(errors.length ? errors : parseCompilerOutput(all.output));
}

/**
 * Compiles all WXSS files together (cwd = root, paths as `./path`, which wcsc needs to
 * resolve `@import '/miniprogram_npm/...'`). On failure each file is compiled with the
 * files it imports, to name every broken file.
 */
export function checkWxss(
  compilers: WxCompilers,
  root: string,
  files: string[],
  scratch: string,
): CompilerError[] {
  const wxss = files.filter((file) => file.endsWith('.wxss'));
  if (wxss.length === 0) return [];
  const out = path.join(scratch, 'wcsc.out.js');
  const all = run(compilers.wcsc, ['-db', '-js', ...wxss.map((file) => dotSlash(root, file))], root, out);
  if (all.ok) return [];
  const errors: CompilerError[] = [];
  for (const file of wxss) {
    const closure = new Set<string>();
    const add = (current: string) => {
      if (closure.has(current)) return;
      closure.add(current);
      styleAndTemplateImports(root, current).forEach(add);
    };
    add(file);
    const single = run(
      compilers.wcsc,
      ['-db', '-js', ...[...closure].map((f) => dotSlash(root, f))],
      root,
      out,
    );
    if (!single.ok) errors.push(...parseCompilerOutput(single.output));
  }
  return unique(errors.length ? errors : parseCompilerOutput(all.output));
}

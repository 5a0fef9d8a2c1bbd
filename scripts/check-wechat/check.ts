/**
 * check:wechat — WeChat's own compile and checks, offline. Gates:
 *   compile    miniprogram-ci getCompiledResult (the compile behind upload/preview)
 *   wcc        official WXML compiler over every WXML/WXS, source and compiled output
 *   wcsc       official WXSS compiler over every WXSS, source and compiled output
 *   analyse    miniprogram-ci analyseCode on the output: requires of missing files / unbuilt npm packages
 *   schema     app/page/component/theme/sitemap json against miniprogram-ci's JSON schemas (ajv)
 *   component  every json used through usingComponents declares "component": true
 *   es5        every compiled .js parses as ES5 (acorn)
 *   size       compiled size per package, each within 2 MB
 * `checkWechat(projectDir)` runs them all and returns a report; index.ts is the CLI.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type CompileResult, type QualityItem, compileWithWechat, writeThrowawayKey } from './compile';
import { checkComponentFlags, checkSchemas } from './json-gates';
import {
  PACKAGE_LIMIT_BYTES,
  type PackageSize,
  checkEs5,
  checkSizes,
  compiledName,
  kb,
  packageSizes,
} from './output-gates';
import {
  type Failure,
  type GateName,
  type MiniProgram,
  loadMiniProgram,
  listFiles,
  toPosix,
  sourceTemplatesAndStyles,
} from './project';
import { type CompilerError, checkWxml, checkWxss, prepareCompilers } from './wx-compilers';

export type { Failure, GateName } from './project';

export interface GateResult {
  gate: GateName;
  /** What was checked, e.g. "142 source + 34 compiled files". */
  summary: string;
  ms: number;
  failures: Failure[];
  /** Why the gate could not run (the compile failed, so there is no output). */
  skipped?: string;
  /** Findings that do not fail the gate. */
  notes?: string[];
}

export interface CheckReport {
  projectDir: string;
  ok: boolean;
  gates: GateResult[];
  failures: Failure[];
  sizes: PackageSize[];
  quality: QualityItem[];
  ms: number;
}

export interface CheckOptions {
  /** Keep WeChat's compiled output in this folder (default: a temporary folder, removed). */
  outDir?: string;
  /** Progress lines while the check runs. */
  log?: (line: string) => void;
}

export const GATES: GateName[] = ['compile', 'wcc', 'wcsc', 'analyse', 'schema', 'component', 'es5', 'size'];

function timed<T>(run: () => T): [T, number] {
  const started = Date.now();
  const value = run();
  return [value, Date.now() - started];
}

/** Compile errors name `file: utils/a.ts` (miniprogram root) or carry a project-relative `path`. */
function compileFailure(mp: MiniProgram, error: NonNullable<CompileResult['error']>): Failure {
  const rootRel = toPosix(path.relative(mp.projectDir, mp.root));
  const fromMessage = /^file:\s*(\S+)/m.exec(error.message)?.[1];
  const file = error.file ?? (fromMessage ? path.posix.join(rootRel, fromMessage) : '(project)');
  // Keep the message and code frame, drop stack lines.
  const message = error.message
    .split('\n')
    .filter((line) => !/^\s+at /.test(line))
    .join('\n')
    .trim();
  return { gate: 'compile', file, message: error.code ? `${message} [code ${error.code}]` : message };
}

/** The source file a compiled file came from (for messages), when it exists. */
function sourceOf(mp: MiniProgram, compiled: string): string | null {
  const base = path.join(mp.root, compiled);
  const candidates = compiled.endsWith('.js') ? [base.replace(/\.js$/, '.ts'), base] : [base];
  const hit = candidates.find((file) => existsSync(file));
  return hit ? toPosix(path.relative(mp.projectDir, hit)) : null;
}

function compilerFailures(
  gate: 'wcc' | 'wcsc',
  errors: CompilerError[],
  name: (file: string) => string,
  fallback: string,
): Failure[] {
  return errors.map((error) => ({
    gate,
    file: error.file ? `${name(error.file)}${error.line ? `:${error.line}:${error.column}` : ''}` : fallback,
    message: error.message,
  }));
}

export async function checkWechat(projectDir: string, options: CheckOptions = {}): Promise<CheckReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'check-wechat-'));
  const outDir = options.outDir ? path.resolve(options.outDir) : path.join(scratch, 'compiled');
  const gates: GateResult[] = [];
  let sizes: PackageSize[] = [];
  let quality: QualityItem[] = [];
  let compiling: Promise<CompileResult> | undefined;
  try {
    const mp = loadMiniProgram(projectDir);
    const rel = (file: string) => toPosix(path.relative(projectDir, file));
    const appid = typeof mp.config.appid === 'string' && mp.config.appid ? mp.config.appid : 'touristappid';

    // WeChat's compile takes the longest: start it, and run the source gates meanwhile.
    log('compiling with miniprogram-ci (WeChat compile, offline)...');
    compiling = compileWithWechat(
      { projectDir, appid, outDir, privateKeyPath: writeThrowawayKey(path.join(scratch, 'throwaway.key')) },
      scratch,
    );

    const [schema, schemaMs] = timed(() => checkSchemas(mp));
    const [components, componentMs] = timed(() => checkComponentFlags(mp));
    const compilers = prepareCompilers(path.join(scratch, 'bin'));
    const sources = sourceTemplatesAndStyles(mp);
    const srcWxml = sources.filter((file) => !file.endsWith('.wxss'));
    const srcWxss = sources.filter((file) => file.endsWith('.wxss'));
    const [srcWccErrors, srcWccMs] = timed(() => checkWxml(compilers, mp.root, srcWxml, scratch));
    const [srcWcscErrors, srcWcscMs] = timed(() => checkWxss(compilers, mp.root, srcWxss, scratch));
    const sourceName = (file: string) => rel(path.join(mp.root, file));

    const compile = await compiling;
    const compileMsg = `${compile.files} files in ${(compile.compileMs / 1000).toFixed(1)} s`;
    gates.push({
      gate: 'compile',
      summary: compile.ok
        ? `miniprogram-ci getCompiledResult: ${compileMsg}`
        : 'miniprogram-ci getCompiledResult failed',
      ms: compile.compileMs,
      failures: compile.ok || !compile.error ? [] : [compileFailure(mp, compile.error)],
    });
    const noOutput = compile.ok ? undefined : 'no compiled output (compile failed)';

    let outWccErrors: CompilerError[] = [];
    let outWcscErrors: CompilerError[] = [];
    let outWccMs = 0;
    let outWcscMs = 0;
    let outTemplates: string[] = [];
    let outStyles: string[] = [];
    if (compile.ok) {
      const outFiles = listFiles(outDir);
      outTemplates = outFiles.filter((file) => /\.(wxml|wxs)$/.test(file));
      outStyles = outFiles.filter((file) => file.endsWith('.wxss'));
      [outWccErrors, outWccMs] = timed(() => checkWxml(compilers, outDir, outTemplates, scratch));
      [outWcscErrors, outWcscMs] = timed(() => checkWxss(compilers, outDir, outStyles, scratch));
    }
    const both = (source: number, output: number) =>
      `${source} source${compile.ok ? ` + ${output} compiled` : ''} files`;
    gates.push({
      gate: 'wcc',
      summary: `official wcc over WXML/WXS: ${both(srcWxml.length, outTemplates.length)}`,
      ms: srcWccMs + outWccMs,
      failures: [
        ...compilerFailures('wcc', srcWccErrors, sourceName, '(source WXML/WXS)'),
        ...compilerFailures('wcc', outWccErrors, compiledName, '(compiled WXML/WXS)'),
      ],
    });
    gates.push({
      gate: 'wcsc',
      summary: `official wcsc over WXSS: ${both(srcWxss.length, outStyles.length)}`,
      ms: srcWcscMs + outWcscMs,
      failures: [
        ...compilerFailures('wcsc', srcWcscErrors, sourceName, '(source WXSS)'),
        ...compilerFailures('wcsc', outWcscErrors, compiledName, '(compiled WXSS)'),
      ],
    });

    const analyse = compile.analyse;
    if (!analyse) {
      gates.push({
        gate: 'analyse',
        summary: 'miniprogram-ci analyseCode',
        ms: 0,
        failures: [],
        skipped: noOutput,
      });
    } else if ('error' in analyse) {
      gates.push({
        gate: 'analyse',
        summary: 'miniprogram-ci analyseCode',
        ms: analyse.ms,
        failures: [
          { gate: 'analyse', file: '(compiled output)', message: `analyseCode failed: ${analyse.error}` },
        ],
      });
    } else {
      gates.push({
        gate: 'analyse',
        summary: `miniprogram-ci analyseCode on the output: ${analyse.modules} modules`,
        ms: analyse.ms,
        notes: analyse.notes.map((note) => `${compiledName(note.file)}: ${note.message}`),
        failures: analyse.problems.map((problem) => {
          const source = sourceOf(mp, problem.file);
          const what = problem.request ? `cannot resolve "${problem.request}"` : 'module problem';
          const hint =
            problem.request && !/^[./]/.test(problem.request)
              ? ' (an npm package must be a dependency built into miniprogram_npm: npm run build)'
              : '';
          return {
            gate: 'analyse' as const,
            file: source ?? compiledName(problem.file),
            message: `${what} in ${compiledName(problem.file)}: ${problem.message}${hint}`,
          };
        }),
      });
    }
    if (compile.quality && 'items' in compile.quality) quality = compile.quality.items;

    gates.push({
      gate: 'schema',
      summary: `miniprogram-ci JSON schemas (ajv): ${schema.files} json files`,
      ms: schemaMs,
      failures: schema.failures,
    });
    gates.push({
      gate: 'component',
      summary: `"component": true on every used component: ${components.components} components`,
      ms: componentMs,
      failures: components.failures,
    });

    if (compile.ok) {
      const [es5, es5Ms] = timed(() => checkEs5(outDir));
      gates.push({
        gate: 'es5',
        summary: `acorn ecmaVersion 5: ${es5.files} compiled .js`,
        ms: es5Ms,
        failures: es5.failures,
      });
      const [measured, sizeMs] = timed(() => packageSizes(outDir, mp.subPackages));
      sizes = measured;
      gates.push({
        gate: 'size',
        summary: `compiled size per package: ${sizes.map((pkg) => `${pkg.name} ${kb(pkg.bytes)}`).join(', ')}`,
        ms: sizeMs,
        failures: checkSizes(sizes),
      });
    } else {
      gates.push({ gate: 'es5', summary: 'acorn ecmaVersion 5', ms: 0, failures: [], skipped: noOutput });
      gates.push({
        gate: 'size',
        summary: 'compiled size per package',
        ms: 0,
        failures: [],
        skipped: noOutput,
      });
    }
  } finally {
    // Never leave the compile running into a deleted folder when a gate threw.
    await compiling?.catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  }
  gates.sort((a, b) => GATES.indexOf(a.gate) - GATES.indexOf(b.gate));
  const failures = gates.flatMap((gate) => gate.failures);
  return { projectDir, ok: failures.length === 0, gates, failures, sizes, quality, ms: Date.now() - started };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The report as printed by `npm run check:wechat`. */
export function formatReport(report: CheckReport): string[] {
  const lines = [`WeChat compile check (offline): ${report.projectDir}`];
  for (const gate of report.gates) {
    const status = gate.failures.length ? 'FAIL' : gate.skipped ? 'skip' : 'ok  ';
    const note = gate.skipped ? ` — skipped: ${gate.skipped}` : '';
    lines.push(`  ${status} ${gate.gate.padEnd(10)} ${gate.summary}${note} (${seconds(gate.ms)})`);
    for (const text of gate.notes ?? []) lines.push(`         note: ${text}`);
  }
  if (report.sizes.length) {
    lines.push('Compiled size per package:');
    for (const pkg of report.sizes) {
      lines.push(
        `  ${pkg.name.padEnd(30)} ${kb(pkg.bytes).padStart(10)}  (${pkg.files} files, limit ${kb(PACKAGE_LIMIT_BYTES)})`,
      );
    }
  }
  const advice = report.quality.filter((item) => !item.success);
  if (report.quality.length) {
    lines.push(
      advice.length
        ? 'Code quality (miniprogram-ci checkCodeQuality, advisory):'
        : `Code quality (miniprogram-ci checkCodeQuality): all ${report.quality.length} items pass`,
    );
    for (const item of advice) lines.push(`  - ${item.name}: ${item.text}`);
  }
  if (report.ok) {
    lines.push(`check:wechat passed in ${seconds(report.ms)}`);
  } else {
    const failed = [...new Set(report.failures.map((failure) => failure.gate))];
    lines.push(`check:wechat FAILED (${failed.join(', ')}) in ${seconds(report.ms)}:`);
    for (const failure of report.failures) {
      const [first, ...rest] = failure.message.split('\n');
      lines.push(`  [${failure.gate}] ${failure.file}: ${first}`);
      for (const line of rest.slice(0, 12)) lines.push(`      ${line}`);
    }
  }
  return lines;
}

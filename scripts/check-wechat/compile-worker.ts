/**
 * Child process of check:wechat (see compile.ts). Usage: compile-worker.ts <job.json>
 *
 * 1. getCompiledResult: WeChat's compile (TypeScript plugin, ES5 transform, minify,
 *    app.json / theme / usingComponents checks) with the settings of project.config.json.
 *    Offline: project attributes come from the library's defaults instead of WeChat's
 *    server (`attr`), and every request miniprogram-ci still makes (the upload extension
 *    whitelist) goes to a closed local port, so it fails at once and the built-in list is
 *    used. Nothing leaves the machine.
 * 2. analyseCode on the compiled output: requires of missing files or npm packages.
 * 3. checkCodeQuality on the project (advisory: printed, not a gate).
 * Writes the CompileResult JSON to job.resultPath and ends with process.exit.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AnalyseProblem, CompileJob, CompileResult } from './compile';

// miniprogram-ci forks its compiler process with this process's execArgv: it is plain
// JavaScript, so leave out the TypeScript loader this worker was started with (it slows
// the compile by about a quarter).
const isLoader = (args: string[], index: number) =>
  args[index] === '--require' && /tsx/.test(args[index + 1] ?? '');
process.execArgv = process.execArgv.filter(
  (_arg, index, args) => !isLoader(args, index) && !isLoader(args, index - 1),
);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ci = require('miniprogram-ci') as typeof import('miniprogram-ci');

type ProjectOptions = ConstructorParameters<typeof ci.Project>[0];

const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as CompileJob;

// A closed port: requests fail immediately instead of waiting for DNS or WeChat's servers.
ci.proxy('http://127.0.0.1:9');
// miniprogram-ci logs failed requests and leaves some promises unhandled; none matters here.
process.on('unhandledRejection', (reason) => console.error('[check:wechat] ignored rejection:', reason));

function project(projectPath: string): InstanceType<typeof ci.Project> {
  const options: ProjectOptions & { attr: () => Promise<unknown> } = {
    appid: job.appid,
    type: 'miniProgram',
    projectPath,
    privateKeyPath: job.privateKeyPath,
    ignores: ['node_modules/**/*'],
    attr: async () => ci.DefaultProjectAttr,
  };
  return new ci.Project(options);
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function compileError(error: unknown): NonNullable<CompileResult['error']> {
  const { code, path: file } = (error ?? {}) as { code?: unknown; path?: unknown };
  return {
    message: messageOf(error),
    file: typeof file === 'string' ? file : undefined,
    code: typeof code === 'number' ? code : undefined,
  };
}

interface AnalysedModule {
  path?: string;
  errors?: unknown;
  buildError?: unknown;
  deps?: { request?: string; error?: unknown }[];
}

/**
 * Unresolvable requires and modules that fail to build are problems. The analyser's
 * per-module messages are parser warnings (e.g. a require whose argument is an
 * expression, which mobx-miniprogram has): notes.
 */
function problemsOf(modules: AnalysedModule[]): { problems: AnalyseProblem[]; notes: AnalyseProblem[] } {
  const problems: AnalyseProblem[] = [];
  const notes: AnalyseProblem[] = [];
  const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
  for (const module of modules) {
    const file = module.path ?? '(unknown)';
    if (module.buildError) problems.push({ file, message: `build failed: ${text(module.buildError)}` });
    if (Array.isArray(module.errors))
      for (const error of module.errors) notes.push({ file, message: text(error) });
    for (const dep of module.deps ?? []) {
      if (dep.error) problems.push({ file, request: dep.request, message: text(dep.error) });
    }
  }
  return { problems, notes };
}

async function main(): Promise<CompileResult> {
  const started = Date.now();
  let files: Record<string, string | Buffer>;
  try {
    files = await ci.getCompiledResult({
      project: project(job.projectDir),
      version: '0.0.0',
      setting: { useProjectConfig: true },
    });
  } catch (error) {
    return { ok: false, error: compileError(error), files: 0, compileMs: Date.now() - started };
  }
  const compileMs = Date.now() - started;
  rmSync(job.outDir, { recursive: true, force: true });
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(job.outDir, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  // The output is its own project (miniprogramRoot ""): analyseCode reads its config.
  const outConfig = path.join(job.outDir, 'project.config.json');
  if (!existsSync(outConfig)) writeFileSync(outConfig, JSON.stringify({ miniprogramRoot: '' }));

  const result: CompileResult = { ok: true, files: Object.keys(files).length, compileMs };

  let t = Date.now();
  try {
    const analysis = (await ci.analyseCode(project(job.outDir), { silent: true })) as
      { modules?: AnalysedModule[] } | undefined;
    const modules = analysis?.modules ?? [];
    result.analyse = { ...problemsOf(modules), modules: modules.length, ms: Date.now() - t };
  } catch (error) {
    result.analyse = { error: messageOf(error), ms: Date.now() - t };
  }

  t = Date.now();
  try {
    const items = await ci.checkCodeQuality(project(job.projectDir));
    result.quality = {
      items: items.map((item) => ({
        name: String(item.name),
        success: item.success === true,
        text: item.text ?? '',
      })),
      ms: Date.now() - t,
    };
  } catch (error) {
    result.quality = { error: messageOf(error), ms: Date.now() - t };
  }
  return result;
}

main()
  .catch((error: unknown): CompileResult => ({
    ok: false,
    error: compileError(error),
    files: 0,
    compileMs: 0,
  }))
  .then((result) => {
    writeFileSync(job.resultPath, JSON.stringify(result));
    process.exit(0);
  });

/**
 * Runs WeChat's own compile (miniprogram-ci `getCompiledResult`, the compile behind
 * upload/preview), `analyseCode` on its output and `checkCodeQuality` on the project, in
 * a child process (compile-worker.ts): miniprogram-ci keeps handles open, so the process
 * must end with process.exit, and it leaves an empty hex-named folder in its working
 * directory, so it runs in a scratch folder.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface CompileJob {
  projectDir: string;
  appid: string;
  /** Where the compiled files are written. */
  outDir: string;
  /** Throwaway RSA key: miniprogram-ci requires one; nothing is signed or sent. */
  privateKeyPath: string;
  resultPath: string;
}

export interface AnalyseProblem {
  /** Compiled file (relative to the output root). */
  file: string;
  request?: string;
  message: string;
}

export interface QualityItem {
  name: string;
  success: boolean;
  text: string;
}

export interface CompileResult {
  ok: boolean;
  error?: { message: string; file?: string; code?: number };
  files: number;
  compileMs: number;
  analyse?:
    | { problems: AnalyseProblem[]; notes: AnalyseProblem[]; modules: number; ms: number }
    | { error: string; ms: number };
  quality?: { items: QualityItem[]; ms: number } | { error: string; ms: number };
}

export const WORKER = path.join(__dirname, 'compile-worker.ts');

let throwawayKey: string | undefined;

/** Writes a throwaway RSA key (one per process: nothing is ever signed with it). */
export function writeThrowawayKey(file: string): string {
  throwawayKey ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  }).privateKey;
  writeFileSync(file, throwawayKey, { mode: 0o600 });
  return file;
}

/** miniprogram-ci sometimes cannot start its compiler process in time on a busy machine. */
const isStartupTimeout = (result: CompileResult) => /fork process timeout/.test(result.error?.message ?? '');

function runWorker(job: CompileJob, scratch: string, timeoutMs: number): Promise<CompileResult> {
  const jobPath = path.join(scratch, 'job.json');
  writeFileSync(jobPath, JSON.stringify(job));
  const cwd = path.join(scratch, 'cwd');
  mkdirSync(cwd, { recursive: true });
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--require', createRequire(__filename).resolve('tsx/cjs'), WORKER, jobPath],
      {
        cwd,
        env: process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        // Own process group: on timeout the worker and miniprogram-ci's compiler process
        // (started by the worker) are ended together.
        detached: process.platform !== 'win32',
      },
    );
    let log = '';
    const keep = (chunk: Buffer) => {
      log = (log + chunk.toString('utf8')).slice(-20000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid && process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        else child.kill('SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (existsSync(job.resultPath)) {
        resolve(JSON.parse(readFileSync(job.resultPath, 'utf8')) as CompileResult);
        return;
      }
      const why = timedOut ? `timed out after ${timeoutMs / 1000} s` : `exited with ${signal ?? code}`;
      resolve({
        ok: false,
        files: 0,
        compileMs: 0,
        error: {
          message: `the miniprogram-ci worker ${why} without a result:\n${log.trim().split('\n').slice(-30).join('\n')}`,
        },
      });
    });
  });
}

export async function compileWithWechat(
  job: Omit<CompileJob, 'resultPath'>,
  scratch: string,
  { timeoutMs = 5 * 60 * 1000 } = {},
): Promise<CompileResult> {
  let attempt = 0;
  for (;;) {
    attempt += 1;
    const dir = path.join(scratch, `compile-${attempt}`);
    mkdirSync(dir, { recursive: true });
    const result = await runWorker({ ...job, resultPath: path.join(dir, 'result.json') }, dir, timeoutMs);
    if (!isStartupTimeout(result) || attempt >= 2) return result;
  }
}

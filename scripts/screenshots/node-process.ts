import { spawn } from 'child_process';
import { createRequire } from 'module';
import path from 'path';
import { projectRoot } from './app-config';

/**
 * Runs a Node CLI of this project's dependencies (e.g. 'jest/bin/jest', 'tsx/cli') in a
 * child process and resolves with its exit code and combined output.
 */
export function runNodeCli(
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number; output: string }> {
  const script = createRequire(path.join(projectRoot, 'package.json')).resolve(entry);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: projectRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

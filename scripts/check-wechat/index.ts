/**
 * npm run check:wechat — compiles the project with WeChat's own tools, offline, and fails
 * naming each failing gate and file (see check.ts for the gates).
 *
 * Usage: tsx scripts/check-wechat/index.ts [--project <dir>] [--out <dir>]
 *   --project  project folder (default: this repository)
 *   --out      keep WeChat's compiled output there (default: a temporary folder)
 * Needs `npm run build` first (miniprogram_npm).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkWechat, formatReport } from './check';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<number> {
  const projectDir = path.resolve(option('--project') ?? path.join(__dirname, '..', '..'));
  const outDir = option('--out');
  if (!existsSync(path.join(projectDir, 'miniprogram', 'miniprogram_npm'))) {
    console.warn('miniprogram/miniprogram_npm is missing: run `npm run build` first');
  }
  const report = await checkWechat(projectDir, { outDir, log: (line) => console.info(line) });
  const lines = formatReport(report);
  const failedAt = lines.findIndex((line) => line.startsWith('check:wechat FAILED'));
  lines.forEach((line, index) => (failedAt >= 0 && index >= failedAt ? console.error : console.info)(line));
  if (outDir) console.info(`compiled output kept in ${path.resolve(outDir)}`);
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`check:wechat could not run: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(2);
  },
);

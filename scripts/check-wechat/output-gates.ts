/**
 * Gates on WeChat's compiled output:
 * - es5: every compiled .js parses as ES5 (acorn, ecmaVersion 5), as the oldest clients need.
 * - size: compiled bytes per package (main package and each subpackage), each within the
 *   2 MB WeChat allows (miniprogram-ci's DefaultProjectAttr: MaxCodeSize 2 MB, MaxSubpackageSubCodeSize 2 MB).
 */
import { parse } from 'acorn';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type Failure, type SubPackage, listFiles, toPosix } from './project';

export const PACKAGE_LIMIT_BYTES = 2 * 1024 * 1024;

/** How compiled output files are named in failures. */
export const compiledName = (relative: string) => `[compiled] ${relative}`;

export function checkEs5(outDir: string): { failures: Failure[]; files: number } {
  const failures: Failure[] = [];
  const scripts = listFiles(outDir).filter((file) => file.endsWith('.js'));
  for (const file of scripts) {
    try {
      parse(readFileSync(file, 'utf8'), { ecmaVersion: 5, sourceType: 'script', locations: true });
    } catch (error) {
      const loc = (error as { loc?: { line: number; column: number } }).loc;
      const where = loc ? `:${loc.line}:${loc.column + 1}` : '';
      const message = error instanceof Error ? error.message.replace(/\s*\(\d+:\d+\)$/, '') : String(error);
      failures.push({
        gate: 'es5',
        file: compiledName(`${toPosix(path.relative(outDir, file))}${where}`),
        message: `not ES5: ${message}`,
      });
    }
  }
  return { failures, files: scripts.length };
}

export interface PackageSize {
  name: string;
  root: string;
  bytes: number;
  files: number;
}

/**
 * Which package a miniprogram-relative path belongs to, as WeChat counts: 0 for the main
 * package, i + 1 for the subpackage `subPackages[i]` whose root holds it.
 */
export function packageIndexOf(relative: string, subPackages: readonly { root: string }[]): number {
  return subPackages.findIndex((sub) => sub.root !== '' && relative.startsWith(`${sub.root}/`)) + 1;
}

/** Sums the compiled files per package: a file belongs to the subpackage whose root holds it. */
export function packageSizes(outDir: string, subPackages: SubPackage[]): PackageSize[] {
  const packages: PackageSize[] = [
    { name: 'main package', root: '', bytes: 0, files: 0 },
    ...subPackages.map((sub) => ({ name: `subpackage ${sub.root}`, root: sub.root, bytes: 0, files: 0 })),
  ];
  for (const file of listFiles(outDir)) {
    const owner = packages[packageIndexOf(toPosix(path.relative(outDir, file)), subPackages)];
    owner.bytes += statSync(file).size;
    owner.files += 1;
  }
  return packages;
}

export function checkSizes(sizes: PackageSize[]): Failure[] {
  return sizes
    .filter((pkg) => pkg.bytes > PACKAGE_LIMIT_BYTES)
    .map((pkg) => ({
      gate: 'size' as const,
      file: pkg.root || '(main package)',
      message: `${pkg.name} is ${kb(pkg.bytes)}, over WeChat's ${kb(PACKAGE_LIMIT_BYTES)} limit`,
    }));
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

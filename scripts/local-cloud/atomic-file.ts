import { randomBytes } from 'crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'fs';
import path from 'path';

/**
 * Writes a file so that readers (and a crash) see either the old or the new content:
 * write a temporary file in the same folder, then rename it over the target.
 * Synchronous on purpose: one store operation never yields between its read and write.
 */
export function writeFileAtomic(file: string, content: string | Buffer): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

import { randomBytes } from 'crypto';

/**
 * The client's temporary files (what chooseAvatar / chooseMedia hand out). Paths look like
 * DevTools' own: `http://tmp/<random>.<ext>`.
 */
export interface FakeFiles {
  /** Creates a temp file with `content` and returns its path. */
  createTemp(content: Buffer | string, ext?: string): string;
  read(path: string): Buffer | undefined;
  exists(path: string): boolean;
  list(): string[];
  /**
   * What the next chooseMedia / chooseImage picks: file content, or 'cancel' for a user who
   * closes the picker. One-shot; by default a small placeholder image is picked.
   */
  nextChoice: Buffer | string | 'cancel' | undefined;
}

export const TEMP_PREFIX = 'http://tmp/';

export class FileStore implements FakeFiles {
  nextChoice: Buffer | string | 'cancel' | undefined;
  private readonly files = new Map<string, Buffer>();

  createTemp(content: Buffer | string, ext = 'jpg'): string {
    const path = `${TEMP_PREFIX}${randomBytes(16).toString('hex')}.${ext.replace(/^\./, '')}`;
    this.files.set(path, Buffer.isBuffer(content) ? Buffer.from(content) : Buffer.from(content, 'utf8'));
    return path;
  }

  read(path: string): Buffer | undefined {
    const content = this.files.get(path);
    return content ? Buffer.from(content) : undefined;
  }

  exists(path: string): boolean {
    return this.files.has(path);
  }

  list(): string[] {
    return [...this.files.keys()];
  }

  /** Consumes `nextChoice`: the content to pick, or undefined when the user cancels. */
  takeChoice(): Buffer | undefined {
    const choice = this.nextChoice;
    this.nextChoice = undefined;
    if (choice === 'cancel') return undefined;
    if (choice === undefined) return Buffer.from('fake-image-bytes');
    return Buffer.isBuffer(choice) ? choice : Buffer.from(choice, 'utf8');
  }
}

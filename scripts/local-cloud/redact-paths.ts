import { homedir, tmpdir } from 'os';
import path from 'path';

/**
 * Error messages sent to clients must never reveal where things are on this machine (the
 * repository, the data folder, the functions folder, the temp folder, the home folder):
 * a message may carry text from anywhere (a module that failed to load, a file system
 * error), so every message is passed through a redactor at the HTTP boundary.
 */
export type Redactor = (text: string) => string;

/** An absolute POSIX path of two or more segments, or a Windows drive path. */
const ABSOLUTE_PATH = /(^|[\s'"`(=,:[])((?:\/[^\s/'"`()[\],:]+){2,}\/?|[A-Za-z]:\\[^\s'"`()[\],]*)/g;
/** The server's own URL paths may appear in messages; they are not machine paths. */
const URL_PATH = /^\/(functions|storage|health)(\/|$)/;

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `roots`: label → absolute folder, e.g. { repo: '/home/me/app' }. */
export function createRedactor(roots: Record<string, string | undefined>): Redactor {
  const known = [...Object.entries(roots), ['tmp', tmpdir()], ['home', homedir()]]
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].length > 1)
    .map(([label, folder]) => [label, path.resolve(folder)] as const)
    // Longest first, so a data folder inside the repository is named as the data folder.
    .sort((a, b) => b[1].length - a[1].length);
  return (text) => {
    let result = text;
    for (const [label, folder] of known) {
      result = result.replace(new RegExp(`${escapeForRegExp(folder)}(?![A-Za-z0-9_.-])`, 'g'), `<${label}>`);
    }
    return result.replace(ABSOLUTE_PATH, (match, before: string, found: string) =>
      URL_PATH.test(found) ? match : `${before}<path>`,
    );
  };
}

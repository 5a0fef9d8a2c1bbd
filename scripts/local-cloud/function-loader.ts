import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import path from 'path';
import { CloudSdkError, ErrCode, describeError } from './errors';

/**
 * Finds and loads cloud-function modules: `<root>/<name>/index.ts` (source: jest's
 * transform or tsx compiles it) or `<root>/<name>/index.js` (built by `npm run build`).
 * Folders starting with "." (e.g. `.shared`) are not functions.
 */
export type LoadMode = 'source' | 'built' | 'auto';

export type FunctionMain = (event: unknown, context: Record<string, unknown>) => unknown;

export interface LoadedFunction {
  name: string;
  entry: string;
  main: FunctionMain;
  /** From the function's config.json `timeout` (seconds), when it has one. */
  timeoutMs?: number;
}

/** Letters, digits, "_" and "-", at most 60 characters (the cloud's limit). */
export const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,60}$/;

// `require` is typed by the mini-program typings in this project; at run time it is Node's
// (or jest's, which applies the TypeScript transform).
const nodeRequire = require as unknown as NodeJS.Require;

export class FunctionLoader {
  private readonly warnedStale = new Set<string>();
  private readonly warnedSdk = new Set<string>();

  constructor(
    readonly root: string,
    readonly mode: LoadMode,
  ) {}

  /**
   * Forgets the loaded modules under the functions folder, so the next call loads the code
   * as it is now (the live preview does this after rebuilding on a change).
   */
  forget(): void {
    const prefix = `${path.resolve(this.root)}${path.sep}`;
    for (const file of Object.keys(nodeRequire.cache)) {
      if (file.startsWith(prefix)) delete nodeRequire.cache[file];
    }
    this.warnedStale.clear();
  }

  /** Names of the functions this loader can run, sorted. */
  names(): string[] {
    if (!existsSync(this.root)) return [];
    return readdirSync(this.root, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && FUNCTION_NAME.test(entry.name))
      .filter((entry) => this.entryOf(entry.name) !== undefined)
      .map((entry) => entry.name)
      .sort();
  }

  /** The file that would be loaded for `name`, if any. */
  entryOf(name: string): string | undefined {
    const dir = path.join(this.root, name);
    const source = path.join(dir, 'index.ts');
    const built = path.join(dir, 'index.js');
    const candidates = this.mode === 'source' ? [source] : this.mode === 'built' ? [built] : [built, source];
    return candidates.find((file) => existsSync(file) && statSync(file).isFile());
  }

  /** Loads `name` or throws the platform's error (-501007 bad name, -501000 not found, -504002 load failure). */
  load(name: unknown): LoadedFunction {
    if (typeof name !== 'string' || !FUNCTION_NAME.test(name)) {
      throw new CloudSdkError(
        ErrCode.INVALID_PARAM,
        `invalid function name ${JSON.stringify(name)}: use 1-60 letters, digits, "_" or "-"`,
      );
    }
    const entry = this.entryOf(name);
    if (!entry) {
      const wanted =
        this.mode === 'source' ? 'index.ts' : this.mode === 'built' ? 'index.js' : 'index.js or index.ts';
      throw new CloudSdkError(
        ErrCode.FUNCTION_NOT_FOUND,
        `FunctionName parameter could not be found: no cloud function "${name}" (looked for ${name}/${wanted} in the functions folder)`,
      );
    }
    this.warnIfStale(name, entry);
    this.warnIfOtherSdk(name);
    let exported: { main?: unknown };
    try {
      exported = nodeRequire(entry) as { main?: unknown };
    } catch (error) {
      throw new CloudSdkError(
        ErrCode.FUNCTION_EXECUTE_FAIL,
        `functions execute fail: cloud function "${name}" failed to load: ${describeError(error)}`,
        { cause: error },
      );
    }
    if (typeof exported?.main !== 'function') {
      throw new CloudSdkError(
        ErrCode.FUNCTION_EXECUTE_FAIL,
        `functions execute fail: cloud function "${name}" does not export a main function (${name}/${path.basename(entry)})`,
      );
    }
    return { name, entry, main: exported.main as FunctionMain, timeoutMs: this.configuredTimeout(name) };
  }

  private configuredTimeout(name: string): number | undefined {
    const file = path.join(this.root, name, 'config.json');
    if (!existsSync(file)) return undefined;
    try {
      const { timeout } = JSON.parse(readFileSync(file, 'utf8')) as { timeout?: unknown };
      return typeof timeout === 'number' && timeout > 0 ? timeout * 1000 : undefined;
    } catch {
      return undefined;
    }
  }

  /** A function with its own node_modules/wx-server-sdk would bypass the runtime: say so once. */
  private warnIfOtherSdk(name: string): void {
    if (this.warnedSdk.has(name)) return;
    this.warnedSdk.add(name);
    try {
      const ours = nodeRequire.resolve('wx-server-sdk');
      const theirs = nodeRequire.resolve('wx-server-sdk', { paths: [path.join(this.root, name)] });
      if (ours !== theirs) {
        console.warn(
          `[local-cloud] ${name} resolves its own wx-server-sdk (${theirs}): the local runtime cannot serve it. ` +
            `Delete ${path.join(this.root, name, 'node_modules')}.`,
        );
      }
    } catch {
      // Resolution failed: the function will fail to load with a clear error anyway.
    }
  }

  /** In 'auto' mode a built index.js older than its index.ts is probably stale: say so once. */
  private warnIfStale(name: string, entry: string): void {
    if (this.mode !== 'auto' || !entry.endsWith('.js') || this.warnedStale.has(name)) return;
    const source = path.join(this.root, name, 'index.ts');
    if (existsSync(source) && statSync(source).mtimeMs > statSync(entry).mtimeMs) {
      this.warnedStale.add(name);
      console.warn(
        `[local-cloud] ${name}/index.js is older than index.ts: run \`npm run build\` to rebuild it`,
      );
    }
  }
}

/**
 * What jest gives the page tests, for a plain Node thread: a jsdom window as the global
 * scope (simulate and j-component render into `document`), and the module resolution of
 * ../../../jest.config.js (TDesign's API modules and tslib from miniprogram_npm, the ES
 * modules of miniprogram_npm compiled to CommonJS by tsx's require hook).
 *
 * Call `installEnvironment()` once per worker thread, before anything loads simulate.
 */
import { createRequire } from 'module';
import path from 'path';

const projectRoot = path.resolve(__dirname, '../../..');
const miniprogramNpm = path.join(projectRoot, 'miniprogram', 'miniprogram_npm');

interface JsdomModule {
  JSDOM: new (html: string, options: Record<string, unknown>) => { window: Window & typeof globalThis };
}

/** jsdom as jest-environment-jsdom (a devDependency) has it. */
function loadJsdom(): JsdomModule {
  const fromJestEnvironment = createRequire(createRequire(__filename).resolve('jest-environment-jsdom'));
  return fromJestEnvironment('jsdom') as JsdomModule;
}

/** Node's own globals keep winning over the window's (timers, URL, console, events...). */
const KEEP_NODE = new Set([
  'console',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'setImmediate',
  'clearImmediate',
  'queueMicrotask',
  'structuredClone',
  'URL',
  'URLSearchParams',
  'TextEncoder',
  'TextDecoder',
  'AbortController',
  'AbortSignal',
  'fetch',
  'crypto',
  'performance',
  'Buffer',
  'process',
  'global',
  'globalThis',
  'window',
  'self',
  'top',
  'parent',
  'frames',
  'document',
  'navigator',
]);

function installWindowGlobals(window: Window & typeof globalThis): void {
  const target = globalThis as unknown as Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(window)) {
    if (KEEP_NODE.has(key) || key in target) continue;
    const descriptor = Object.getOwnPropertyDescriptor(window, key);
    if (!descriptor) continue;
    Object.defineProperty(target, key, {
      configurable: true,
      enumerable: descriptor.enumerable,
      get: () => (window as unknown as Record<string, unknown>)[key],
      set: (value: unknown) => {
        (window as unknown as Record<string, unknown>)[key] = value;
      },
    });
  }
  const own = (key: string, value: unknown) =>
    Object.defineProperty(target, key, { configurable: true, writable: true, value });
  own('window', globalThis);
  own('self', globalThis);
  own('document', window.document);
  own('navigator', window.navigator);
  // Classes simulate and j-component use by name, even where Node has its own.
  for (const name of ['Event', 'EventTarget', 'CustomEvent']) {
    own(name, (window as unknown as Record<string, unknown>)[name]);
  }
}

interface ModuleStatics {
  _resolveFilename(request: string, parent: unknown, ...rest: unknown[]): string;
}

/** jest.config.js's moduleNameMapper and moduleDirectories, as a resolve hook. */
function installResolution(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Module = require('module') as unknown as ModuleStatics;
  const resolve = Module._resolveFilename.bind(Module);
  Module._resolveFilename = (request: string, parent: unknown, ...rest: unknown[]) => {
    const mapped = /^tdesign-miniprogram\/(.*)$/.exec(request);
    if (mapped) return resolve(path.join(miniprogramNpm, 'tdesign-miniprogram', mapped[1]), parent, ...rest);
    try {
      return resolve(request, parent, ...rest);
    } catch (error) {
      if (request.startsWith('.') || path.isAbsolute(request)) throw error;
      return resolve(path.join(miniprogramNpm, request), parent, ...rest);
    }
  };
}

let installed = false;

export function installEnvironment(): void {
  if (installed) return;
  installed = true;
  const { JSDOM } = loadJsdom();
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    pretendToBeVisual: true,
    url: 'http://localhost/',
  });
  installWindowGlobals(dom.window);
  installResolution();
}

/**
 * Counts the app's own setData calls in the jest-rendered pages: every Component defined
 * by a file of miniprogram/ (not miniprogram_npm: TDesign's internal updates are not the
 * app's) gets its instances' setData wrapped. WeChat sends setData's payload as JSON from
 * the logic layer to the view: its size is the JSON's UTF-8 byte length.
 */
import path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulateUtils = require('miniprogram-simulate/src/utils') as { runJs: (file: string) => void };

const MINIPROGRAM = `${path.resolve(__dirname, '../../miniprogram')}${path.sep}`;
const NPM = `${MINIPROGRAM}miniprogram_npm${path.sep}`;

export interface SetDataCall {
  /** The component's source, relative to miniprogram/ (e.g. `pages/home/index`). */
  component: string;
  bytes: number;
  /** The payload's top-level keys (paths such as `favoriteMap.guest-first`). */
  keys: string[];
}

export const calls: SetDataCall[] = [];

type Definition = Record<string, unknown> & { lifetimes?: Record<string, unknown> };

function metered(component: string, options: Definition): Definition {
  const lifetimes = { ...(options.lifetimes ?? {}) };
  const created = (lifetimes.created ?? options.created) as ((this: unknown) => void) | undefined;
  lifetimes.created = function (this: {
    setData: (data: Record<string, unknown>, done?: () => void) => void;
  }) {
    const setData = this.setData;
    this.setData = (data, done) => {
      calls.push({
        component,
        bytes: Buffer.byteLength(JSON.stringify(data) ?? ''),
        keys: Object.keys(data),
      });
      return setData.call(this, data, done);
    };
    created?.call(this);
  };
  return { ...options, lifetimes };
}

/** Wraps the Component definitions simulate loads from now on (call before rendering). */
export function installSetDataMeter(): void {
  const runJs = simulateUtils.runJs;
  simulateUtils.runJs = (file: string) => {
    const globals = globalThis as unknown as { Component: (options: Definition) => void };
    const own = file.startsWith(MINIPROGRAM) && !file.startsWith(NPM);
    const register = globals.Component;
    if (own) {
      const component = path
        .relative(MINIPROGRAM, file)
        .replace(/\.(ts|js)$/, '')
        .split(path.sep)
        .join('/');
      globals.Component = (options: Definition) => register(metered(component, options));
    }
    try {
      runJs(file);
    } finally {
      globals.Component = register;
    }
  };
}

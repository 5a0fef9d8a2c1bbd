/**
 * The shared test helper: loads pages/components of miniprogram/ through
 * miniprogram-simulate with the OFFICIAL compiler (real wcc), rendering the real TDesign
 * components from miniprogram/miniprogram_npm (`npm run build`).
 *
 *   const page = await renderPage('packages/account/diagnostics/index');
 *   await page.tap('#ping');
 *   expect(page.text()).toContain('openid');
 */
import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { currentFakeWx } from './fake-wx';

export const miniprogramRoot = path.resolve(__dirname, '../../miniprogram');

type AnyComponent = ReturnType<typeof simulate.render>;
/** Page data and methods are whatever the page declares: tests read them freely. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;
/** A rendered page or component instance: its data, setData and methods. */
type Instance = { data: Loose; setData(data: Record<string, unknown>): void } & Loose;

/*
 * simulate runs each component's JS with `require` and then deletes it from
 * require.cache, which does nothing under jest's module registry: a second load of a
 * file (another page using the same TDesign button, say) would not call Component()
 * again and the component would be missing. Remember each file's definition and replay
 * it when the module is already loaded, so module state (stores) stays shared.
 * simulate's Component() rewrites `relations` in place (paths -> ids of that load), so
 * every replay gets the original relations again (else a cell group never learns its
 * cells on the second page a test file renders).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulateUtils = require('miniprogram-simulate/src/utils') as { runJs: (file: string) => void };
type Relations = Record<string, Record<string, unknown>>;
type Definition = { relations?: Relations } & Record<string, unknown>;
const definitions = new Map<
  string,
  { options: Definition; relations?: [string, Record<string, unknown>][] }
>();
const freshRelations = (entries: [string, Record<string, unknown>][]): Relations =>
  Object.fromEntries(entries.map(([key, value]) => [key, { ...value }]));
simulateUtils.runJs = (file: string) => {
  const globals = globalThis as unknown as { Component: (options: Definition) => void };
  const known = definitions.get(file);
  if (known) {
    globals.Component(
      known.relations ? { ...known.options, relations: freshRelations(known.relations) } : known.options,
    );
    return;
  }
  const register = globals.Component;
  globals.Component = (options: Definition) => {
    const relations =
      options.relations && Object.entries(options.relations).map(([key, value]) => [key, { ...value }]);
    definitions.set(file, {
      options,
      relations: relations as [string, Record<string, unknown>][] | undefined,
    });
    register(options);
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(file);
  } finally {
    globals.Component = register;
  }
};

const loaded = new Map<string, string>();

/** Loads (once per test file) a page or component given relative to miniprogram/. */
export function load(componentPath: string): string {
  let id = loaded.get(componentPath);
  if (!id) {
    id = simulate.load(path.join(miniprogramRoot, componentPath), { rootPath: miniprogramRoot });
    loaded.set(componentPath, id);
  }
  return id;
}

export interface Rendered {
  component: AnyComponent;
  instance: Instance;
  root: Element;
  /** All text of the rendered tree, whitespace collapsed. */
  text(): string;
  /** The first element matching a CSS selector (simulate prefixes classes, ids stay). */
  find(selector: string): Element | null;
  /** Taps what a selector path names (see `query`): a native element or a TDesign control. */
  tap(path: string): Promise<void>;
  /**
   * Fires a component event the way WeChat would, on the node a selector path names (the
   * inner control of a TDesign component): `trigger('#form', 'submit', { value: {...} })`.
   */
  trigger(path: string, eventName: string, detail?: unknown): Promise<void>;
  /** Whether a selector path (see `query`) matches a rendered node. */
  has(path: string): boolean;
  /** Lets pending promises and store-driven re-renders settle. */
  settle(): Promise<void>;
  detach(): void;
}

interface NodeWrapper {
  dom?: Element;
  dispatchEvent(name: string, options?: unknown): void;
  querySelector(selector: string): NodeWrapper | null;
}

/** The inner element of TDesign controls (virtual hosts have no DOM of their own). */
const TDESIGN_INNER = [
  '.t-button',
  '.t-cell',
  '.t-checkbox',
  '.t-radio',
  '.t-switch',
  '.t-link',
  '.t-icon',
  '.t-tag',
  '.t-overlay',
];

/**
 * Finds a node by a chain of selectors separated by `>>`, each one looked up inside the
 * custom component found by the previous one (components have their own shadow tree):
 * `'#login-sheet >> #panel >> #login'`.
 */
export function query(component: AnyComponent, path: string): NodeWrapper | null {
  let node = component as unknown as NodeWrapper | null;
  for (const part of path.split('>>').map((selector) => selector.trim())) {
    node = node ? node.querySelector(part) : null;
  }
  return node;
}

/** The node a user's tap (or event) lands on for a selector path: a native element or a TDesign control. */
export function tappable(component: AnyComponent, path: string): NodeWrapper {
  const node = query(component, path);
  if (!node) throw new Error(`nothing matches ${path}`);
  if (node.dom) return node;
  for (const inner of TDESIGN_INNER) {
    const found = node.querySelector(inner);
    if (found) return found;
  }
  throw new Error(`${path} has no tappable element`);
}

function wrap(component: AnyComponent): Rendered {
  const root = component.dom as Element;
  const find = (selector: string) => root.querySelector(selector);
  const settle = async () => {
    for (let i = 0; i < 3; i += 1) await simulate.sleep(0);
  };
  return {
    component,
    instance: component.instance as Instance,
    root,
    text: () => (root.textContent ?? '').replace(/\s+/g, ' ').trim(),
    find,
    async tap(path) {
      tappable(component, path).dispatchEvent('tap');
      await settle();
    },
    async trigger(path, eventName, detail) {
      tappable(component, path).dispatchEvent(eventName, { detail });
      await settle();
    },
    has: (path) => Boolean(query(component, path)),
    settle,
    detach: () => (component as unknown as { detach(): void }).detach(),
  };
}

/** Renders a component with properties, attached to the document. */
export function renderComponent(componentPath: string, properties: Record<string, unknown> = {}): Rendered {
  const component = simulate.render(load(componentPath), properties);
  component.attach(document.createElement('parent-wrapper'));
  return wrap(component);
}

/**
 * Renders a page (written with Component()), attaches it, pushes it on the fake router's
 * stack, and runs onLoad(query) and onShow() as WeChat would.
 */
export async function renderPage(route: string, query: Record<string, string> = {}): Promise<Rendered> {
  const rendered = renderComponent(route);
  currentFakeWx().router.attach(route, rendered.instance, query);
  const page = rendered.instance as {
    onLoad?: (q: Record<string, string>) => unknown;
    onShow?: () => unknown;
  };
  await page.onLoad?.(query);
  await page.onShow?.();
  await rendered.settle();
  return rendered;
}

/**
 * Navigates like a user would (wx.navigateTo on the fake router, which completes
 * asynchronously as on WeChat) and renders the page that opens.
 */
export async function openPage(url: string): Promise<Rendered> {
  await new Promise<void>((resolve, reject) => {
    wx.navigateTo({ url, success: () => resolve(), fail: (error) => reject(new Error(error.errMsg)) });
  });
  const [route, search = ''] = url.replace(/^\//, '').split('?');
  const query: Record<string, string> = {};
  for (const pair of search.split('&').filter(Boolean)) {
    const [key, value = ''] = pair.split('=');
    query[decodeURIComponent(key)] = decodeURIComponent(value);
  }
  return renderPage(route, query);
}

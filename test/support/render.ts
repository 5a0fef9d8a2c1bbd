/**
 * The shared test helper: loads pages/components of miniprogram/ through
 * miniprogram-simulate with the OFFICIAL compiler (real wcc), rendering the real TDesign
 * components from miniprogram/miniprogram_npm (`npm run build`).
 *
 *   const page = await renderPage('pages/home/index');
 *   await page.tap('#ping');
 *   expect(page.text()).toContain('openid');
 */
import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { currentFakeWx } from './fake-wx';

export const miniprogramRoot = path.resolve(__dirname, '../../miniprogram');

type AnyComponent = ReturnType<typeof simulate.render>;
type Instance = WechatMiniprogram.Component.TrivialInstance & Record<string, unknown>;

/*
 * simulate runs each component's JS with `require` and then deletes it from
 * require.cache, which does nothing under jest's module registry: a second load of a
 * file (another page using the same TDesign button, say) would not call Component()
 * again and the component would be missing. Remember each file's definition and replay
 * it when the module is already loaded, so module state (stores) stays shared.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulateUtils = require('miniprogram-simulate/src/utils') as { runJs: (file: string) => void };
const definitions = new Map<string, unknown>();
simulateUtils.runJs = (file: string) => {
  const globals = globalThis as unknown as { Component: (options: unknown) => void };
  const known = definitions.get(file);
  if (known) {
    globals.Component(known);
    return;
  }
  const register = globals.Component;
  globals.Component = (options: unknown) => {
    definitions.set(file, options);
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
  /** Taps what a selector names: a native element or a TDesign component's inner control. */
  tap(selector: string): Promise<void>;
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
const TDESIGN_INNER = ['.t-button', '.t-cell', '.t-checkbox', '.t-radio', '.t-switch', '.t-link', '.t-icon', '.t-tag'];

/** The node a user's tap lands on for a selector: a native element or a TDesign control. */
export function tappable(component: AnyComponent, selector: string): NodeWrapper {
  const node = component.querySelector(selector) as unknown as NodeWrapper | null;
  if (!node) throw new Error(`nothing matches ${selector}`);
  if (node.dom) return node;
  for (const inner of TDESIGN_INNER) {
    const found = node.querySelector(inner);
    if (found) return found;
  }
  throw new Error(`${selector} has no tappable element`);
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
    async tap(selector) {
      tappable(component, selector).dispatchEvent('tap');
      await settle();
    },
    settle,
    detach: () => component.detach(),
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
  const page = rendered.instance as { onLoad?: (q: Record<string, string>) => unknown; onShow?: () => unknown };
  await page.onLoad?.(query);
  await page.onShow?.();
  await rendered.settle();
  return rendered;
}

/**
 * The capture step, run inside jest's jsdom (where the page tests run): brings the app into
 * each declared state with the project's fake `wx` and local cloud runtime, renders the page
 * through miniprogram-simulate (official WXML compiler, real TDesign components) and records
 * its DOM and stylesheets as a `Capture` for the shooting step (page-snapshot.ts, shared
 * with the live preview, turns the rendered page into HTML and CSS).
 */
import crypto, { createHash } from 'crypto';
import { readdirSync, statSync } from 'fs';
import path from 'path';
import { resetApp } from '../../test/support/app';
import { installFakeWx, type FakeWx } from '../../test/support/fake-wx';
import { renderPage, type Rendered } from '../../test/support/render';
import { useTransport } from '../../miniprogram/services/cloud';
import { isTabPage, pageName, projectRoot, readAppConfig, type AppConfig } from './app-config';
import type { Capture, NativeUi, NavButton } from './model';
import { recordNavigationBar, snapshotPage } from './page-snapshot';

export { rpxToPx, transformRpx } from './page-snapshot';
import type { PageStates, ScreenState } from './states';

/**
 * Pictures show the same time on every run: Date (the app's clock, the fake `wx`, the local
 * cloud runtime) starts at 2026-11-21 09:41 Beijing time for each state (9:41 is also what
 * the status bar shows) and runs on from there.
 */
export const SCREEN_TIME = Date.parse('2026-11-21T09:41:00+08:00');
const RealDate = Date;
let clockStart = RealDate.now();
const screenNow = () => SCREEN_TIME + (RealDate.now() - clockStart);
globalThis.Date = new Proxy(RealDate, {
  construct: (target, args: unknown[], newTarget) =>
    Reflect.construct(target, args.length > 0 ? args : [screenNow()], newTarget) as object,
  apply: () => new RealDate(screenNow()).toString(),
  get: (target, property, receiver) =>
    property === 'now' ? screenNow : Reflect.get(target, property, receiver),
});

function restartScreenClock(): void {
  clockStart = RealDate.now();
}

/*
 * And the same "random" values: ids, tokens and codes the local runtime and the fake `wx`
 * generate (a URL Scheme's token is on the links page). Only for the capture run (its own
 * process): `useSeededRandomness()` replaces crypto.randomBytes and Math.random with a
 * generator restarted for each state.
 */
let seeded = false;
let randomCounter = 0;
let randomSeed = '';

function seededBytes(size: number): Buffer {
  const chunks: Buffer[] = [];
  let length = 0;
  while (length < size) {
    randomCounter += 1;
    const block = createHash('sha256').update(`${randomSeed}:${randomCounter}`).digest();
    chunks.push(block);
    length += block.length;
  }
  return Buffer.concat(chunks).subarray(0, size);
}

export function useSeededRandomness(): void {
  if (seeded) return;
  seeded = true;
  const cryptoModule = crypto as unknown as { randomBytes: (size: number, callback?: unknown) => unknown };
  cryptoModule.randomBytes = (size: number, callback?: unknown) => {
    const bytes = seededBytes(size);
    if (typeof callback !== 'function') return bytes;
    process.nextTick(() => (callback as (error: null, value: Buffer) => void)(null, bytes));
    return undefined;
  };
  Math.random = () => seededBytes(6).readUIntBE(0, 6) / 2 ** 48;
}

function reseed(id: string): void {
  randomSeed = id;
  randomCounter = 0;
}

// ---------------------------------------------------------------------------------------
// Declarations

export interface DeclaredState {
  id: string;
  route: string;
  page: string;
  state: ScreenState;
}

function findStateFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) found.push(...findStateFiles(file));
    else if (entry.endsWith('.states.ts')) found.push(file);
  }
  return found;
}

/**
 * Every `*.states.ts` under test/, in app.json page order; a page without a states file
 * gets one `default` state (rendered as a guest opens it) so every page has a picture.
 */
export function declaredStates(config: AppConfig = readAppConfig()): DeclaredState[] {
  const byRoute = new Map<string, PageStates>();
  for (const file of findStateFiles(path.join(projectRoot, 'test'))) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(file) as { default?: PageStates };
    const declared = loaded.default;
    const relative = path.relative(projectRoot, file);
    if (!declared || !Array.isArray(declared.states)) {
      throw new Error(`screenshots: ${relative} must \`export default pageStates(route, [...])\``);
    }
    if (!config.pages.includes(declared.route)) {
      throw new Error(
        `screenshots: ${relative} declares states for ${declared.route}, which app.json does not list`,
      );
    }
    if (byRoute.has(declared.route)) throw new Error(`screenshots: ${declared.route} has two states files`);
    byRoute.set(declared.route, declared);
  }
  const all: DeclaredState[] = [];
  const named = new Map<string, string>();
  for (const route of config.pages) {
    const states = byRoute.get(route)?.states ?? [{ name: 'default', caption: '默认状态（未声明状态）' }];
    const page = pageName(route);
    const other = named.get(page);
    if (other) throw new Error(`screenshots: ${other} and ${route} would share the picture name "${page}"`);
    named.set(page, route);
    for (const state of states) all.push({ id: `${page}--${state.name}`, route, page, state });
  }
  return all;
}

/** `--only` filters: a state is kept when its id or route contains one of them. */
export function matchesOnly(declared: DeclaredState, only: readonly string[]): boolean {
  return (
    only.length === 0 || only.some((part) => declared.id.includes(part) || declared.route.includes(part))
  );
}

// ---------------------------------------------------------------------------------------
// Capture

function nativeUi(kind: ScreenState['native'], fake: FakeWx): NativeUi | undefined {
  if (kind === 'toast') {
    const toast = fake.ui.toasts.at(-1);
    if (!toast) throw new Error('native: "toast" but the state showed no wx.showToast');
    return { kind: 'toast', title: toast.title, icon: toast.icon ?? 'success', image: toast.image };
  }
  if (kind === 'loading') {
    const loading = fake.ui.loading;
    if (!loading) throw new Error('native: "loading" but no wx.showLoading is shown');
    return { kind: 'loading', title: loading.title };
  }
  if (kind === 'modal') {
    const modal = fake.ui.modals.at(-1);
    if (!modal) throw new Error('native: "modal" but the state showed no wx.showModal');
    return {
      kind: 'modal',
      title: modal.title ?? '',
      content: modal.content ?? '',
      showCancel: modal.showCancel !== false,
      cancelText: modal.cancelText ?? '取消',
      confirmText: modal.confirmText ?? '确定',
    };
  }
  return undefined;
}

function navButtonFor(config: AppConfig, fake: FakeWx, route: string): NavButton {
  if (isTabPage(config, route)) return 'none';
  return fake.router.stack.length > 1 ? 'back' : 'home';
}

/** Renders one declared state and records it. */
export async function captureState(
  declared: DeclaredState,
  config: AppConfig = readAppConfig(),
): Promise<Capture> {
  const { route, state } = declared;
  restartScreenClock();
  reseed(declared.id);
  const fake = installFakeWx();
  useTransport(undefined);
  resetApp();
  const navigationBar = recordNavigationBar(fake);

  const rendered: Rendered = state.open ? await state.open({ route, fake }) : await renderPage(route);
  try {
    const snapshot = await snapshotPage(rendered, route, fake);
    const shown = (rendered.instance as { route?: string }).route ?? route;
    if (shown !== route) throw new Error(`the state returned ${shown}, not ${route}`);

    return {
      id: declared.id,
      route,
      page: declared.page,
      state: state.name,
      caption: state.caption,
      theme: state.theme ?? 'light',
      navButton: navButtonFor(config, fake, route),
      navigationBar: navigationBar.get(route),
      html: snapshot.html,
      css: snapshot.css,
      icons: snapshot.icons,
      native: nativeUi(state.native, fake),
      scroll: state.scroll,
      warnings: [
        ...snapshot.warnings,
        ...fake.callbackErrors.map((error) => `callback error: ${String(error)}`),
      ],
    };
  } finally {
    rendered.detach();
  }
}

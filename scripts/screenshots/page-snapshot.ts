/**
 * The DOM-to-browser step shared by the screenshot pipeline and the live preview: turns a
 * page rendered by miniprogram-simulate (official WXML compiler, real TDesign) into HTML
 * and CSS that Chromium draws like a phone — built-in tags completed with what j-component
 * keeps off the DOM (image sources, input values), TDesign icons listed for SVG drawing,
 * app.wxss prefixed like the page, images loaded, transitions settled.
 *
 * Importing this module switches simulate's rpx conversion to the device's: 750rpx = 375px,
 * floored to whole pixels like WeChat does, with 0.5px for hairlines (iOS, @2x).
 */
import { readFileSync } from 'fs';
import path from 'path';
import simulate from 'miniprogram-simulate';
import type { FakeWx } from '../../test/support/fake-wx';
import { load, type Rendered } from '../../test/support/render';
import { exposeSemantics } from './a11y-attrs';
import { miniprogramRoot } from './app-config';

/* eslint-disable @typescript-eslint/no-require-imports -- simulate's internals have no types */
const simulateUtils = require('miniprogram-simulate/src/utils') as { transformRpx: (css: string) => string };
const simulateWxss = require('miniprogram-simulate/src/wxss') as {
  getContent(file: string): string;
  compile(wxss: string, options: { prefix: string }): string;
};
const componentUtils = require('j-component/src/tool/utils') as { transformRpx: (css: string) => string };
/* eslint-enable @typescript-eslint/no-require-imports */

const SCREEN_WIDTH = 375;

/** WeChat's rpx → px: floored, and a non-zero value never vanishes (0.5px on iOS retina). */
export function rpxToPx(rpx: number): number {
  if (rpx === 0) return 0;
  const sign = rpx < 0 ? -1 : 1;
  const px = Math.floor((Math.abs(rpx) / 750) * SCREEN_WIDTH + 1e-4);
  return sign * (px === 0 ? 0.5 : px);
}

export function transformRpx(css: string): string {
  return css.replace(
    /(-?(?:\d+\.?\d*|\.\d+))rpx\b/gi,
    (_all, value: string) => `${rpxToPx(Number(value))}px`,
  );
}

simulateUtils.transformRpx = transformRpx;
componentUtils.transformRpx = transformRpx;

interface VirtualAttr {
  name: string;
  value: unknown;
}

/** The attributes WXML gave a built-in tag (j-component keeps them on its virtual node). */
export function wxmlAttrs(element: Element): Map<string, unknown> {
  const node = (element as unknown as { __wxElement?: { _vt?: { attrs?: VirtualAttr[] } } }).__wxElement;
  return new Map((node?._vt?.attrs ?? []).map((attr) => [attr.name, attr.value]));
}

function truthy(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false && value !== 'false' && value !== '';
}

const TRANSITION_CLASS = /-(enter|leave)(-active|-to)?$/;

function transitioning(root: Element): boolean {
  for (const element of Array.from(root.querySelectorAll('[class]'))) {
    for (const token of Array.from(element.classList)) if (TRANSITION_CLASS.test(token)) return true;
  }
  return false;
}

/** Waits (real time, like the device) for TDesign's enter/leave transitions to finish. */
export async function settleTransitions(root: Element, timeoutMs = 2000): Promise<boolean> {
  const started = Date.now();
  while (transitioning(root)) {
    if (Date.now() - started > timeoutMs) return false;
    await simulate.sleep(40);
  }
  return true;
}

function mimeOf(content: Buffer): string | undefined {
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'image/png';
  }
  if (content[0] === 0xff && content[1] === 0xd8) return 'image/jpeg';
  if (content.subarray(0, 3).toString('latin1') === 'GIF') return 'image/gif';
  if (content.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  const head = content.subarray(0, 256).toString('utf8').trimStart();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'image/svg+xml';
  return undefined;
}

interface StorageLike {
  read?(fileID: string): Buffer | undefined;
  readPath?(cloudPath: string): Buffer | undefined;
}

/**
 * What an <image src> shows offline: temp files from the fake `wx`, cloud files from the
 * local runtime's storage, package files; undefined (a placeholder is drawn) otherwise.
 */
function imageData(src: string, fake: FakeWx): string | undefined {
  if (src.startsWith('data:')) return src;
  let content: Buffer | undefined;
  try {
    const storage = fake.cloud.local.storage as unknown as StorageLike;
    const served = /\/storage\/files\/(.+)$/.exec(src);
    if (fake.files.exists(src)) content = fake.files.read(src);
    else if (src.startsWith('cloud://')) content = storage.read?.(src);
    else if (served) content = storage.readPath?.(decodeURIComponent(served[1]));
    else if (!/^[a-z]+:/i.test(src)) {
      const file = path.join(miniprogramRoot, src.replace(/^\/+/, ''));
      if (file.startsWith(miniprogramRoot)) content = readFileSync(file);
    }
  } catch {
    content = undefined;
  }
  const mime = content && mimeOf(content);
  return content && mime ? `data:${mime};base64,${content.toString('base64')}` : undefined;
}

/** Natural size of a PNG, JPEG or GIF (0×0 when unknown), as <image bindload> reports it. */
function naturalSize(content: Buffer): { width: number; height: number } {
  if (mimeOf(content) === 'image/png')
    return { width: content.readUInt32BE(16), height: content.readUInt32BE(20) };
  if (mimeOf(content) === 'image/gif')
    return { width: content.readUInt16LE(6), height: content.readUInt16LE(8) };
  if (mimeOf(content) === 'image/jpeg') {
    for (let at = 2; at + 9 < content.length;) {
      const marker = content[at + 1];
      const length = content.readUInt16BE(at + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: content.readUInt16BE(at + 7), height: content.readUInt16BE(at + 5) };
      }
      at += 2 + length;
    }
  }
  return { width: 0, height: 0 };
}

/* eslint-disable-next-line @typescript-eslint/no-require-imports -- simulate's engine */
const exparserEvents = require('miniprogram-exparser') as {
  Event: {
    create(name: string, detail: unknown, options: Record<string, unknown>): unknown;
    dispatchEvent(target: unknown, event: unknown): void;
  };
};

/**
 * What the device does once an <image> finished loading: fire `load` with its natural size
 * (or `error` when it cannot load), so components that wait for it (TDesign's t-image shows
 * a loading placeholder until then) show the picture.
 */
export async function loadImages(rendered: Rendered, fake: FakeWx): Promise<void> {
  const done = new WeakSet<Element>();
  for (let round = 0; round < 3; round += 1) {
    const pending = Array.from(rendered.root.querySelectorAll('wx-image')).filter(
      (image) => !done.has(image),
    );
    if (pending.length === 0) return;
    for (const image of pending) {
      done.add(image);
      const src = String(wxmlAttrs(image).get('src') ?? '');
      const node = (image as unknown as { __wxElement?: unknown }).__wxElement;
      if (!src || !node) continue;
      const data = imageData(src, fake);
      const content = data ? Buffer.from(data.slice(data.indexOf(',') + 1), 'base64') : undefined;
      const event = content
        ? exparserEvents.Event.create('load', naturalSize(content), {})
        : exparserEvents.Event.create('error', { errMsg: `GET ${src} 404 (Not Found)` }, {});
      exparserEvents.Event.dispatchEvent(node, event);
    }
    await rendered.settle();
  }
}

const IMAGE_MODES: Record<string, string> = {
  scaleToFill: 'background-size:100% 100%;background-position:0% 0%',
  aspectFit: 'background-size:contain;background-position:center center',
  aspectFill: 'background-size:cover;background-position:center center',
  top: 'background-position:center top',
  bottom: 'background-position:center bottom',
  center: 'background-position:center center',
  left: 'background-position:left center',
  right: 'background-position:right center',
  'top left': 'background-position:left top',
  'top right': 'background-position:right top',
  'bottom left': 'background-position:left bottom',
  'bottom right': 'background-position:right bottom',
};

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Gives built-in tags what j-component leaves out of the DOM (it keeps WXML attributes on
 * its virtual nodes only): image sources and modes, input values and placeholders, and the
 * attributes WeChat's default styles select on.
 */
function completeBuiltIns(
  original: Element,
  copy: Element,
  fake: FakeWx,
  warnings: string[],
  options: SnapshotOptions,
): void {
  const sources = [original, ...Array.from(original.querySelectorAll('*'))];
  const targets = [copy, ...Array.from(copy.querySelectorAll('*'))];
  sources.forEach((source, index) => {
    const target = targets[index];
    if (options.interactive) target.setAttribute(NODE_INDEX, String(index));
    const tag = source.tagName.toLowerCase();
    if (!tag.startsWith('wx-')) return;
    const attrs = wxmlAttrs(source);
    // Ids and what a screen reader is told: attributes only, the picture does not change.
    copyIdentity(attrs, target);
    exposeSemantics(source, target, attrs);
    if (truthy(attrs.get('hidden'))) target.setAttribute('hidden', '');
    for (const name of ['type', 'size', 'plain', 'disabled', 'scroll-x', 'scroll-y']) {
      const value = attrs.get(name);
      if (truthy(value)) target.setAttribute(name, value === true ? '' : String(value));
    }
    if (tag === 'wx-image') {
      const src = String(attrs.get('src') ?? '');
      const mode = String(attrs.get('mode') ?? 'scaleToFill');
      target.setAttribute('data-mode', mode);
      if (!src) {
        target.innerHTML = '';
        return;
      }
      const data = imageData(src, fake);
      if (!data) {
        warnings.push(`image not available offline, drawn as a placeholder: ${src}`);
        target.setAttribute('data-placeholder', '');
        target.innerHTML = '<div class="wx-image__placeholder"></div>';
      } else if (mode === 'widthFix' || mode === 'heightFix') {
        target.innerHTML = `<img class="wx-image__fit" src="${escapeHtml(data)}" alt="">`;
      } else {
        const style = `background-image:url("${data}");${IMAGE_MODES[mode] ?? IMAGE_MODES.scaleToFill}`;
        target.innerHTML = `<div class="wx-image__img" style="${escapeHtml(style)}"></div>`;
      }
    } else if (tag === 'wx-input' || tag === 'wx-textarea') {
      const written = String(attrs.get('value') ?? '');
      const value = options.interactive?.valueOf(source, written) ?? written;
      const placeholder = String(attrs.get('placeholder') ?? '');
      const password = truthy(attrs.get('password')) || attrs.get('type') === 'safe-password';
      if (options.interactive) {
        target.innerHTML = editableField(tag, value, placeholder, password, attrs);
      } else if (value) {
        const shown = password ? '•'.repeat(value.length) : value;
        target.innerHTML = `<div class="wx-input__value">${escapeHtml(shown)}</div>`;
      } else if (placeholder) {
        const style = String(attrs.get('placeholder-style') ?? attrs.get('placeholderStyle') ?? '');
        target.innerHTML = `<div class="wx-input__placeholder" style="${escapeHtml(style)}">${escapeHtml(placeholder)}</div>`;
      }
    }
  });
}

/** TDesign icons in the tree: `<label class="X--t-icon-star X--t-icon-base">`. */
export function iconsOf(root: Element): { className: string; name: string }[] {
  const icons = new Map<string, string>();
  for (const element of Array.from(root.querySelectorAll('[class*="t-icon-base"]'))) {
    const tokens = Array.from(element.classList);
    const base = tokens.find((token) => token.endsWith('t-icon-base'));
    if (!base) continue;
    const prefix = base.slice(0, -'t-icon-base'.length);
    for (const token of tokens) {
      if (token === base || !token.startsWith(`${prefix}t-icon-`)) continue;
      icons.set(token, token.slice(`${prefix}t-icon-`.length));
    }
  }
  return [...icons]
    .map(([className, name]) => ({ className, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

const appWxssCache = new Map<string, string>();

/** app.wxss as the page sees it: classes prefixed like the page's own (simulate's scheme). */
export function appStyles(prefix: string): string {
  let css = appWxssCache.get(prefix);
  if (css === undefined) {
    const content = simulateWxss.getContent(path.join(miniprogramRoot, 'app.wxss'));
    css = transformRpx(simulateWxss.compile(content, { prefix }));
    appWxssCache.set(prefix, css);
  }
  return css;
}

/**
 * Drops the glyph rules of the icons the page does not show (each page loads TDesign's
 * icon stylesheet), and an icon font fetched from a remote URL (the stock stylesheet's,
 * when the build has not replaced it): the picture must not depend on the network. The
 * app's embedded font (a data: URL) stays, and draws the icons.
 */
function withoutUnusedGlyphs(css: string, icons: { className: string }[]): string {
  const used = new Set(icons.map((icon) => icon.className));
  return css
    .replace(/\.([\w-]+--t-icon-[a-z0-9-]+):before\{content:'[^']*'\}/g, (rule, className: string) =>
      used.has(className) ? rule : '',
    )
    .replace(/@font-face\{font-family:t;[^}]*\}/g, (rule) => (/url\(https?:/.test(rule) ? '' : rule));
}

interface ExparserNode {
  is?: string;
  childNodes?: ExparserNode[];
  shadowRoot?: ExparserNode;
  _vt?: { attrs?: VirtualAttr[] };
  hasExternalClass?(name: string): boolean;
  setExternalClass?(name: string, value: unknown): void;
}

/* eslint-disable-next-line @typescript-eslint/no-require-imports -- simulate's engine */
const exparser = require('miniprogram-exparser') as {
  Component: new () => object;
  Element: new () => object;
};

function eachComponent(node: ExparserNode, visit: (component: ExparserNode) => void): void {
  if (node instanceof exparser.Component) {
    visit(node);
    if (node.shadowRoot) eachComponent(node.shadowRoot, visit);
  }
  for (const child of node.childNodes ?? [])
    if (child instanceof exparser.Element) eachComponent(child, visit);
}

/**
 * A virtual-host component (TDesign's) gets the `class` written on its tag through the
 * external class `class`, as on WeChat; j-component sets it on the host, which has no DOM,
 * so `<t-icon class="purpose-icon">` would lose its class.
 */
export function applyHostClasses(rendered: Rendered): void {
  const root = (rendered.component as unknown as { _exparserNode?: ExparserNode })._exparserNode;
  if (!root) return;
  eachComponent(root, (component) => {
    const hostClass = component._vt?.attrs?.find((attr) => attr.name === 'class')?.value;
    if (hostClass && component.hasExternalClass?.('class')) component.setExternalClass?.('class', hostClass);
  });
}

/** What the page set at run time with wx.setNavigationBarTitle / setNavigationBarColor. */
export interface NavigationOverride {
  title?: string;
  frontColor?: string;
  backgroundColor?: string;
}

/** Records navigation bar changes per page (the fake's mock accepts and forgets them). */
export function recordNavigationBar(fake: FakeWx): Map<string, NavigationOverride> {
  const byRoute = new Map<string, NavigationOverride>();
  const api = fake.wx as unknown as Record<string, (options?: Record<string, unknown>) => unknown>;
  const top = () => fake.router.stack.at(-1)?.route ?? '';
  const record = (name: string, change: (options: Record<string, unknown>) => NavigationOverride) => {
    const original = api[name];
    api[name] = (options = {}) => {
      byRoute.set(top(), { ...byRoute.get(top()), ...change(options) });
      return original(options);
    };
  };
  record('setNavigationBarTitle', (options) => ({ title: String(options.title ?? '') }));
  record('setNavigationBarColor', (options) => ({
    frontColor: String(options.frontColor ?? ''),
    backgroundColor: String(options.backgroundColor ?? ''),
  }));
  return byRoute;
}

/** The attribute the live preview numbers each element with (its index in document order). */
export const NODE_INDEX = 'data-p';

export interface SnapshotOptions {
  /**
   * For the live preview: number every element (`data-p`, the index of the rendered
   * element in document order, so a tap can be sent back), and draw inputs as real
   * `<input>` / `<textarea>` showing `valueOf(element, wxmlValue)` (what the user typed).
   */
  interactive?: { valueOf(element: Element, written: string): string | undefined };
}

/** The id and accessibility attributes WXML gave an element (so the browser can find and name it). */
function copyIdentity(attrs: Map<string, unknown>, target: Element): void {
  const id = attrs.get('id');
  if (typeof id === 'string' && id) target.setAttribute('id', id);
  // What a button does in WeChat (TDesign's buttons have no host element to carry an id).
  const openType = attrs.get('openType') ?? attrs.get('open-type');
  if (typeof openType === 'string' && openType) target.setAttribute('data-open-type', openType);
  for (const [name, value] of attrs) {
    // j-component keeps `aria-label` as `ariaLabel`.
    const aria = /^aria-?([a-z]+)$/i.exec(name);
    if (!aria || value === undefined || value === null || value === '') continue;
    const property = aria[1].toLowerCase();
    target.setAttribute(property === 'role' ? 'role' : `aria-${property}`, String(value));
  }
}

/** A text field the browser can edit, with the WXML attributes a keyboard cares about. */
function editableField(
  tag: string,
  value: string,
  placeholder: string,
  password: boolean,
  attrs: Map<string, unknown>,
): string {
  const style = String(attrs.get('placeholder-style') ?? attrs.get('placeholderStyle') ?? '');
  const limit = Number(attrs.get('maxlength') ?? 140);
  const common = [
    `class="wx-input__field"`,
    `placeholder="${escapeHtml(placeholder)}"`,
    limit > 0 ? `maxlength="${limit}"` : '',
    truthy(attrs.get('disabled')) ? 'disabled' : '',
    style ? `data-placeholder-style="${escapeHtml(style)}"` : '',
  ]
    .filter(Boolean)
    .join(' ');
  if (tag === 'wx-textarea') return `<textarea ${common}>${escapeHtml(value)}</textarea>`;
  const type = password ? 'password' : attrs.get('type') === 'number' ? 'tel' : 'text';
  return `<input ${common} type="${type}" value="${escapeHtml(value)}">`;
}

export interface PageSnapshot {
  /** The page's rendered tree (the `<main>` root simulate renders into), completed. */
  html: string;
  /** app.wxss plus every stylesheet the page loaded (its own, components', TDesign's), in px. */
  css: string;
  /** TDesign icons on the page: the (prefixed) class naming each one and the icon name. */
  icons: { className: string; name: string }[];
  warnings: string[];
  /** The rendered elements in document order (`data-p` indexes into it). */
  elements: Element[];
}

/**
 * Settles the rendered page (pending updates, TDesign transitions, images) and records it
 * as HTML and CSS for the browser.
 */
export async function snapshotPage(
  rendered: Rendered,
  route: string,
  fake: FakeWx,
  options: SnapshotOptions = {},
): Promise<PageSnapshot> {
  const warnings: string[] = [];
  await rendered.settle();
  if (!(await settleTransitions(rendered.root))) warnings.push('a transition was still running');
  applyHostClasses(rendered);
  await loadImages(rendered, fake);
  await rendered.settle();
  return recordPage(rendered, route, fake, options, warnings);
}

/** Records the page as it is now (no waiting): what snapshotPage does after settling. */
export function recordPage(
  rendered: Rendered,
  route: string,
  fake: FakeWx,
  options: SnapshotOptions = {},
  warnings: string[] = [],
): PageSnapshot {
  const style = document.head.querySelector(`style[id="${load(route)}"]`);
  if (!style) throw new Error(`no stylesheet found for ${route}`);
  const prefix = rendered.root.tagName.toLowerCase();
  const copy = rendered.root.cloneNode(true) as Element;
  completeBuiltIns(rendered.root, copy, fake, warnings, options);
  const icons = iconsOf(rendered.root);
  return {
    html: copy.outerHTML,
    css: `${appStyles(prefix)}\n${withoutUnusedGlyphs(style.textContent ?? '', icons)}`,
    icons,
    warnings,
    elements: [rendered.root, ...Array.from(rendered.root.querySelectorAll('*'))],
  };
}

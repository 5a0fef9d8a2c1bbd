/**
 * What a screen reader is told about a rendered element, written onto the browser's copy
 * (page-snapshot.ts) so axe-core and the live preview see what WeChat passes to
 * VoiceOver / TalkBack: the role WeChat gives its built-in components (a <button> is a
 * button, an <image> an image), the disabled state of native controls, and which elements
 * react to a tap (`data-tap`, for the accessibility check: a tappable element needs a role
 * and a 44×44 target). Attributes only: nothing here changes how the page is drawn.
 */

/** Marks an element that handles taps (see `isTappable`). */
export const TAP_ATTR = 'data-tap';

/** The roles WeChat's built-in components have without any aria-role. */
const NATIVE_ROLES: Record<string, string> = {
  'wx-button': 'button',
  'wx-navigator': 'link',
  'wx-input': 'textbox',
  'wx-textarea': 'textbox',
  'wx-switch': 'switch',
  'wx-checkbox': 'checkbox',
  'wx-radio': 'radio',
  'wx-slider': 'slider',
  'wx-image': 'img',
};

const TAP_EVENTS = new Set(['tap', 'longpress', 'longtap']);

interface EventBinding {
  name?: string;
  handler?: unknown;
}

interface WxNode {
  __componentOptions?: { classPrefix?: string };
  _vt?: { event?: Record<string, EventBinding>; attrs?: { name: string; value: unknown }[] };
  ownerShadowRoot?: { getHostNode?(): WxNode | undefined } | null;
  parentNode?: WxNode | null;
}

const wxNodeOf = (element: Element): WxNode | undefined =>
  (element as unknown as { __wxElement?: WxNode }).__wxElement;

const bound = (node: WxNode | undefined, names?: Set<string>): boolean =>
  Object.values(node?._vt?.event ?? {}).some(
    (binding) =>
      typeof binding.handler === 'string' &&
      binding.handler !== '' &&
      (!names || names.has(binding.name ?? '')),
  );

/** The component whose template the node comes from (undefined for the page itself). */
const ownerOf = (node: WxNode | undefined): WxNode | undefined => node?.ownerShadowRoot?.getHostNode?.();

/**
 * TDesign's components (their tag, which simulate uses as the class prefix, starts with
 * `t-`): their templates bind taps whether or not anyone listens.
 */
const isLibrary = (component: WxNode | undefined): boolean =>
  /^t-/.test(component?.__componentOptions?.classPrefix ?? '');

function reactsToTap(element: Element): boolean {
  const tag = element.tagName.toLowerCase();
  if (tag === 'wx-button' || tag === 'wx-navigator' || tag === 'wx-switch') return true;
  const node = wxNodeOf(element);
  if (!bound(node, TAP_EVENTS)) return false;
  const owner = ownerOf(node);
  return !isLibrary(owner) || bound(owner);
}

/**
 * True when a tap on the element does something: a built-in control, a tap handler in the
 * app's own templates, or a handler inside a TDesign component that the app listens to (a
 * `t-cell` with `bind:click`; a `t-cell` without it still has TDesign's internal
 * `bind:tap`, which goes nowhere). A handler inside an element of the same template that
 * already reacts (the label of TDesign's checkbox) is part of that target, not another.
 */
export function isTappable(element: Element): boolean {
  if (!reactsToTap(element)) return false;
  const owner = ownerOf(wxNodeOf(element));
  for (let parent = element.parentElement; parent; parent = parent.parentElement) {
    if (ownerOf(wxNodeOf(parent)) !== owner) break;
    if (reactsToTap(parent)) return false;
  }
  return true;
}

function truthy(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false && value !== 'false' && value !== '';
}

/** Inside an element WeChat announces as one picture (its content is not read separately). */
function insideImage(element: Element): boolean {
  for (let parent = element.parentElement; parent; parent = parent.parentElement) {
    const role = (wxNodeOf(parent)?._vt?.attrs ?? []).find((attr) => /^aria-?role$/i.test(attr.name));
    if (role?.value === 'img') return true;
  }
  return false;
}

/** Writes the element's native role, disabled state and tap marker onto the browser's copy. */
export function exposeSemantics(source: Element, target: Element, attrs: Map<string, unknown>): void {
  const tag = source.tagName.toLowerCase();
  const role = NATIVE_ROLES[tag];
  if (role && !target.hasAttribute('role') && !(role === 'img' && insideImage(source))) {
    target.setAttribute('role', role);
  }
  if (role && role !== 'img' && truthy(attrs.get('disabled')) && !target.hasAttribute('aria-disabled')) {
    target.setAttribute('aria-disabled', 'true');
  }
  if (isTappable(source)) target.setAttribute(TAP_ATTR, '');
}

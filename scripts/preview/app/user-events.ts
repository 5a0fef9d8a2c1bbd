/**
 * Plays the browser's events on the rendered page the way WeChat delivers them: a tap is
 * a bubbling, composed `tap` on the element touched (TDesign controls handle it inside their
 * own tree); typing fires `input` (bindinput) and the text stays in the field as in a
 * native input; a `form-type="submit"` button submits its <form> with the named fields'
 * values; `open-type="agreePrivacyAuthorization"` is WeChat's tap on that button; other
 * open-types (chooseAvatar, getPhoneNumber, share) are handed to `openType`, which plays
 * WeChat's part (its sheets, then the button's event).
 */
import type { FakeWx } from '../../../test/support/fake-wx';
import { wxmlAttrs } from '../../screenshots/page-snapshot';

/* eslint-disable-next-line @typescript-eslint/no-require-imports -- simulate's engine has no types */
const exparser = require('miniprogram-exparser') as {
  Event: {
    create(name: string, detail: unknown, options: Record<string, unknown>): unknown;
    dispatchEvent(target: unknown, event: unknown): void;
  };
};

const nodeOf = (element: Element) => (element as unknown as { __wxElement?: unknown }).__wxElement;

/** Fires a WXML event on a rendered element (as j-component's dispatchEvent does). */
export function fire(element: Element, name: string, detail: unknown, bubbles = true): void {
  const node = nodeOf(element);
  if (!node) return;
  const event = exparser.Event.create(name, detail, {
    bubbles,
    capturePhase: bubbles,
    composed: bubbles,
    extraFields: { touches: [], changedTouches: [] },
  });
  exparser.Event.dispatchEvent(node, event);
}

/** What the user typed per field, shown while the page has not written another value. */
export class TypedValues {
  private readonly values = new WeakMap<Element, { value: string; written: string }>();

  set(element: Element, value: string): void {
    this.values.set(element, { value, written: String(wxmlAttrs(element).get('value') ?? '') });
  }

  valueOf(element: Element, written: string): string | undefined {
    const typed = this.values.get(element);
    if (!typed) return undefined;
    if (typed.written !== written) {
      this.values.delete(element);
      return undefined;
    }
    return typed.value;
  }
}

function truthy(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false && value !== 'false' && value !== '';
}

function formValues(form: Element, typed: TypedValues): Record<string, string> {
  const value: Record<string, string> = {};
  for (const field of Array.from(form.querySelectorAll('wx-input, wx-textarea'))) {
    const attrs = wxmlAttrs(field);
    const name = attrs.get('name');
    if (!name) continue;
    const written = String(attrs.get('value') ?? '');
    value[String(name)] = typed.valueOf(field, written) ?? written;
  }
  return value;
}

export function tap(
  element: Element,
  fake: FakeWx,
  typed: TypedValues,
  openType: (type: string, button: Element) => void = () => undefined,
): void {
  const button = element.closest('wx-button');
  const attrs = button ? wxmlAttrs(button) : new Map<string, unknown>();
  // j-component keeps the attributes of built-in tags in camelCase (openType, formType).
  const attr = (name: string) =>
    attrs.get(name.replace(/-(\w)/g, (_all, c: string) => c.toUpperCase())) ?? attrs.get(name);
  const disabled = truthy(attr('disabled')) || truthy(attr('loading'));
  const type = attr('open-type');
  if (button && !disabled && type === 'agreePrivacyAuthorization') {
    fake.privacy.userTapsAgree(String(attr('id') ?? ''));
  }
  fire(element, 'tap', {});
  if (!button || disabled) return;
  if (type === 'agreePrivacyAuthorization') fire(button, 'agreeprivacyauthorization', {});
  else if (typeof type === 'string' && type) openType(type, button);
  const formType = attr('form-type');
  const form = button.closest('wx-form');
  if (form && formType === 'submit') fire(form, 'submit', { value: formValues(form, typed) });
  if (form && formType === 'reset') fire(form, 'reset', {});
}

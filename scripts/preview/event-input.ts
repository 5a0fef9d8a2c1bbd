/**
 * What the browser may send, checked field by field before it reaches an app instance: the
 * preview server takes JSON from a page, and a page can send anything. Each function
 * returns a clean value or throws an Error whose message says what is wrong.
 */
import {
  BASE_LIBRARIES,
  NETWORK_MODES,
  PLATFORMS,
  type ChosenFile,
  type LaunchSettings,
  type LiveSettings,
  type UserEvent,
} from './protocol';

/** The largest picture the avatar picker takes (WeChat compresses avatars far below this). */
export const MAX_PICTURE_BYTES = 2 * 1024 * 1024;
/** A field's text (what is typed into an input). */
export const MAX_TEXT = 10_000;
export const PICTURE_TYPES = ['png', 'jpg', 'jpeg', 'gif', 'webp'] as const;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function count(value: unknown, name: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0)
    throw new Error(`${name} must be a whole number ≥ 0`);
  return value as number;
}

function text(value: unknown, name: string, max = MAX_TEXT): string {
  if (typeof value !== 'string') throw new Error(`${name} must be text`);
  if (value.length > max) throw new Error(`${name} is longer than ${max} characters`);
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string): T {
  const found = allowed.find((item) => item === value);
  if (found === undefined) throw new Error(`${name} must be one of ${allowed.join(', ')}`);
  return found;
}

function picture(value: unknown): ChosenFile {
  if (!isRecord(value)) throw new Error('file must be an object');
  const ext = oneOf(String(value.ext).toLowerCase(), PICTURE_TYPES, 'file.ext');
  const base64 = text(value.base64, 'file.base64', Math.ceil(MAX_PICTURE_BYTES / 3) * 4);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64) || base64.length % 4 !== 0) {
    throw new Error('file.base64 is not base64');
  }
  if (base64.length === 0) throw new Error('file is empty');
  return { ext, base64 };
}

/** A user event from the browser's request body `{ event }`. */
export function parseUserEvent(body: unknown): UserEvent {
  if (!isRecord(body) || !isRecord(body.event))
    throw new Error('the body must be { "event": { "type": … } }');
  const event = body.event;
  switch (event.type) {
    case 'tap':
      return { type: 'tap', node: count(event.node, 'node'), frame: count(event.frame, 'frame') };
    case 'input':
    case 'focus':
    case 'blur':
    case 'confirm':
      return {
        type: event.type,
        node: count(event.node, 'node'),
        frame: count(event.frame, 'frame'),
        value: text(event.value, 'value'),
      };
    case 'nav':
      return { type: 'nav', button: oneOf(event.button, ['back', 'home'] as const, 'button') };
    case 'tab':
      return { type: 'tab', route: text(event.route, 'route', 200) };
    case 'menu':
      return { type: 'menu' };
    case 'native': {
      const answer = text(event.answer, 'answer', 100);
      if (!/^(confirm|cancel|file|item:\d{1,2}|toggle:scope\.[\w.]{1,60})$/.test(answer)) {
        throw new Error('answer must be confirm, cancel, file, item:<n> or toggle:<scope>');
      }
      if (answer === 'file') return { type: 'native', answer, file: picture(event.file) };
      return { type: 'native', answer };
    }
    case 'live':
      return { type: 'live', settings: liveSettings(event.settings) };
    default:
      throw new Error('unknown event type');
  }
}

export function liveSettings(value: unknown): Partial<LiveSettings> {
  if (!isRecord(value)) throw new Error('settings must be an object');
  const settings: Partial<LiveSettings> = {};
  if (value.theme !== undefined) settings.theme = oneOf(value.theme, ['light', 'dark'] as const, 'theme');
  if (value.network !== undefined) settings.network = oneOf(value.network, NETWORK_MODES, 'network');
  if (value.privacyAgreed !== undefined) {
    if (typeof value.privacyAgreed !== 'boolean') throw new Error('privacyAgreed must be true or false');
    settings.privacyAgreed = value.privacyAgreed;
  }
  if (Object.keys(settings).length === 0) throw new Error('settings names nothing to change');
  return settings;
}

/** The body of a relaunch: `{ settings: { sdkVersion?, platform? } }`. */
export function launchSettings(body: unknown): Partial<LaunchSettings> {
  if (!isRecord(body) || !isRecord(body.settings)) throw new Error('the body must be { "settings": { … } }');
  const value = body.settings;
  const settings: Partial<LaunchSettings> = {};
  if (value.sdkVersion !== undefined)
    settings.sdkVersion = oneOf(value.sdkVersion, BASE_LIBRARIES, 'sdkVersion');
  if (value.platform !== undefined) settings.platform = oneOf(value.platform, PLATFORMS, 'platform');
  if (Object.keys(settings).length === 0) throw new Error('settings names nothing to change');
  return settings;
}

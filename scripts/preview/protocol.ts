/**
 * Messages between the browser, the preview server (main thread) and an app instance (one
 * worker thread per browser tab). Everything here is plain JSON / structured-clone data.
 */

/**
 * What the user did in the browser. `node` is the `data-p` index of the element (see
 * page-snapshot.ts) in the frame numbered `frame` — the one the user saw, which may be older
 * than the app's latest.
 */
export type UserEvent =
  | { type: 'tap'; node: number; frame: number }
  | { type: 'input'; node: number; frame: number; value: string }
  | { type: 'focus'; node: number; frame: number; value: string }
  | { type: 'blur'; node: number; frame: number; value: string }
  | { type: 'confirm'; node: number; frame: number; value: string }
  | { type: 'nav'; button: 'back' | 'home' }
  | { type: 'tab'; route: string }
  /** The capsule's "···": the share menu (what onShareAppMessage returns). */
  | { type: 'menu' }
  /** An answer to WeChat's dialog on top (modal, sheet, share panel, settings page). */
  | { type: 'native'; answer: NativeAnswer; file?: ChosenFile }
  /** A setting of the side panel that applies while the app runs. */
  | { type: 'live'; settings: Partial<LiveSettings> };

/** `confirm`, `cancel`, `item:<index>` (a sheet), `toggle:<scope>` (settings), `file` (a picked picture). */
export type NativeAnswer = string;

/** A picture the user picked in the browser for chooseAvatar. */
export interface ChosenFile {
  ext: string;
  base64: string;
}

export const NETWORK_MODES = ['normal', 'offline', 'slow', 'failing'] as const;
export type NetworkMode = (typeof NETWORK_MODES)[number];

/** Side-panel settings that apply at once: WeChat's theme, the network, the privacy agreement. */
export interface LiveSettings {
  theme: 'light' | 'dark';
  network: NetworkMode;
  privacyAgreed: boolean;
}

/**
 * Base libraries the side panel offers: today's, the privacy API (2.32.3), getUserProfile's
 * end (2.27.1), the fill components (2.21.2), the tier below them, the app's minimum, and one
 * below the minimum (the update prompt).
 */
export const BASE_LIBRARIES = ['3.3.4', '2.32.3', '2.27.1', '2.21.2', '2.20.1', '2.16.1', '2.10.4'] as const;
export const PLATFORMS = ['ios', 'android', 'windows', 'mac', 'devtools'] as const;

/** Side-panel settings that restart the app (WeChat reads them once, at launch). */
export interface LaunchSettings {
  sdkVersion: string;
  platform: string;
}

/** One picture of the phone, as pieces the browser puts into its frame (compose.ts phoneParts). */
export interface Frame {
  /** Increases with every frame of a session (across restarts of its app). */
  seq: number;
  route: string;
  /** The page on top with its query (`packages/content/article/index?id=…`), to return to after a restart. */
  path: string;
  /** Routes of the page stack, bottom first. */
  stack: string[];
  title: string;
  variables: string;
  webview: {
    top: number;
    height: number;
    /** The webview's <head>; omitted when unchanged since the previous frame. */
    head?: string;
    body: string;
  };
  chrome: string;
}

/** What the app keeps on the device between launches (WeChat's storage and its own state). */
export interface DeviceState {
  storage: Record<string, unknown>;
  privacyAgreed: boolean;
  /** What the user granted or refused (getSetting / openSetting). */
  authSetting: Record<string, boolean>;
  settings: LaunchSettings & Omit<LiveSettings, 'privacyAgreed'>;
}

export interface StartApp {
  type: 'start';
  openid: string;
  appid: string;
  device: DeviceState;
  /** The page to open (with its query); default the first page. */
  path?: string;
  /** The first frame's number (a restarted app goes on counting, so old frames cannot match). */
  firstSeq: number;
}

export type ToWorker =
  | StartApp
  | { type: 'event'; id: number; event: UserEvent }
  | { type: 'rpc-result'; id: number; ok: true; value: unknown }
  | { type: 'rpc-result'; id: number; ok: false; error: SerializedError };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'frame'; frame: Frame }
  | { type: 'device'; device: DeviceState }
  | { type: 'handled'; id: number; error?: string }
  | { type: 'rpc'; id: number; method: CloudMethod; args: unknown[] }
  | { type: 'problem'; text: string }
  /** The app wrote to the clipboard: the browser's clipboard gets it too. */
  | { type: 'clipboard'; text: string }
  | { type: 'log'; entry: LogEntry };

/** One line of the side panel's call log. */
export interface LogEntry {
  at: number;
  kind: 'wx' | 'cloud';
  name: string;
  /** What was sent and what came back (cloud calls), shortened. */
  request?: string;
  answer?: string;
  ok?: boolean;
  ms?: number;
}

/** What an app instance asks of the shared LocalCloud (main thread). */
export type CloudMethod =
  | 'callFunction'
  | 'upload'
  | 'getTempFileURL'
  | 'deleteFile'
  | 'readFile'
  /** The phone stand-in issues a getPhoneNumber code for a number. */
  | 'phoneCode';

export interface SerializedError {
  message: string;
  name?: string;
  errCode?: unknown;
  errMsg?: unknown;
  code?: unknown;
}

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
  | { type: 'modal'; answer: 'confirm' | 'cancel' };

/** One picture of the phone, as pieces the browser puts into its frame (compose.ts phoneParts). */
export interface Frame {
  /** Increases with every frame of a session. */
  seq: number;
  route: string;
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
}

export interface StartApp {
  type: 'start';
  openid: string;
  appid: string;
  device: DeviceState;
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
  | { type: 'problem'; text: string };

/** What an app instance asks of the shared LocalCloud (main thread). */
export type CloudMethod = 'callFunction' | 'upload' | 'getTempFileURL' | 'deleteFile' | 'readFile';

export interface SerializedError {
  message: string;
  name?: string;
  errCode?: unknown;
  errMsg?: unknown;
  code?: unknown;
}

import { createHash, randomBytes } from 'crypto';
import simulateApi from 'miniprogram-simulate/src/api';
import { hasCallbacks, respond, safeCall, toWxError, wxFail, type CallbackErrorSink } from './async';
import {
  Cloud,
  loadLocalCloud,
  NETWORK_DOWN,
  type FakeCloud,
  type FakeUser,
  type LocalCloudLike,
} from './cloud';
import { FileStore, type FakeFiles } from './files';
import { PrivacyMachine, type FakePrivacy } from './privacy';
import { Router, readAppConfig, type FakeRouter, type RouterConfig } from './router';
import { DATA_NOT_FOUND, StorageArea, type StorageInfo } from './storage';
import { Ui, type FakeUi } from './ui';
import { canIUse, compareVersion, missingApis, PRIVACY_MIN_VERSION } from './versions';

/**
 * The project-owned fake `wx`, installed for every jest test by test/support/setup.ts.
 * It starts from miniprogram-simulate's mock (about 400 APIs that answer "ok" and store
 * nothing) and replaces what this app relies on with real semantics: storage, login,
 * versions and canIUse, the privacy state machine, wx.cloud on the local cloud runtime,
 * the page stack, and recorded UI calls. See each module for the documented behaviour.
 */

// The mock as it was when this module loaded (before any test could change it).
const SIMULATE_API: Readonly<Record<string, unknown>> = { ...simulateApi };

export type EnvVersion = 'develop' | 'trial' | 'release';

export interface FakeWxOptions {
  /** Base library version (default 3.3.4). Below 2.32.3 the privacy APIs are absent. */
  sdkVersion?: string;
  /** The client: 'ios' (default), 'android', 'windows', 'mac' or 'devtools'. */
  platform?: string;
  appId?: string;
  envVersion?: EnvVersion;
  /** getAccountInfoSync().miniProgram.version (WeChat fills it only for release). */
  version?: string;
  /** The WeChat user (default: a stable generated openid, no unionid). */
  user?: FakeUser;
  /** Start with the privacy guide already agreed. */
  privacyAgreed?: boolean;
  privacyContractName?: string;
  /** Clock for login codes and the local cloud. */
  now?: () => number;
  /** The server side; default `new LocalCloud({ now, load: 'source' })` from scripts/local-cloud. */
  localCloud?: LocalCloudLike | (() => LocalCloudLike);
  /** Pages and tabBar pages; default read from miniprogram/app.json. */
  routes?: RouterConfig;
}

export interface IssuedCode {
  code: string;
  issuedAt: number;
  openid: string;
  unionid?: string;
  redeemed: boolean;
}

export interface FakeLogin {
  readonly issuedCodes: readonly IssuedCode[];
  /** Makes the next wx.login fail with `errMsg` (default 'login:fail system error'). */
  failNext(errMsg?: string): void;
  /**
   * What code2Session would answer: the user a code was issued for, if the code is
   * younger than 5 minutes and not used yet (codes are single-use).
   */
  redeem(code: string): FakeUser | undefined;
}

/** Test-side access to the stored data (same store as wx.*Storage*). */
export interface FakeStorage {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  remove(key: string): void;
  has(key: string): boolean;
  keys(): string[];
  clear(): void;
  info(): StorageInfo;
}

export interface FakeNetwork {
  /** When true, cloud calls and wx.login fail with a network error; getNetworkType says 'none'. */
  offline: boolean;
}

export interface FakeApp {
  /** Makes getApp() return `instance` (until the next restartApp). */
  register(instance: object): void;
  readonly instance: object | undefined;
}

export interface FakeWx {
  /** The object installed as the global `wx`. */
  readonly wx: WechatMiniprogram.Wx;
  /** Every wx API called, in order (`cloud.callFunction` for wx.cloud's). */
  readonly calls: string[];
  /** Exceptions thrown by app callbacks (WeChat logs them instead of rethrowing). */
  readonly callbackErrors: unknown[];
  appId: string;
  /** The current WeChat user; assign another (see newUser) to switch users. */
  user: FakeUser;
  readonly account: { envVersion: EnvVersion; version: string };
  readonly sdkVersion: string;
  /** getDeviceInfo().platform / getSystemInfoSync().platform. */
  readonly platform: string;
  setSdkVersion(version: string): void;
  /** A stable generated user for `label` (does not switch to it). */
  newUser(label?: string, options?: { unionid?: boolean }): FakeUser;
  readonly storage: FakeStorage;
  readonly login: FakeLogin;
  readonly privacy: FakePrivacy;
  readonly cloud: FakeCloud;
  readonly files: FakeFiles;
  readonly network: FakeNetwork;
  readonly router: FakeRouter;
  readonly ui: FakeUi;
  readonly app: FakeApp;
  readonly clipboard: { data: string };
  /**
   * Simulates closing and reopening the mini-program: clears the privacy listener and its
   * pending calls, the cloud init, the page stack, the app instance and network listeners;
   * keeps storage, the privacy agreement, files, the clipboard and the server side.
   */
  restartApp(): void;
}

export const DEFAULT_SDK_VERSION = '3.3.4';
export const DEFAULT_APP_ID = 'wx1234567890abcdef';
const CODE_LIFETIME_MS = 5 * 60 * 1000;

/** A stable openid-looking id (28 characters starting with "o") for a label. */
export function openidFor(label: string, kind: 'openid' | 'unionid' = 'openid'): string {
  return `o${createHash('sha256').update(`fake-${kind}:${label}`).digest('base64url').slice(0, 27)}`;
}

/** Privacy APIs this app calls that the mock has: they go through the privacy check first. */
const GATED_MOCK_APIS = [
  'getLocation',
  'saveImageToPhotosAlbum',
  'getUserProfile',
  'getUserInfo',
  'getFuzzyLocation',
  'chooseLocation',
  'chooseAddress',
  'chooseVideo',
  'chooseMessageFile',
  'saveVideoToPhotosAlbum',
  'getWeRunData',
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

class FakeWxImpl implements FakeWx {
  readonly calls: string[] = [];
  readonly callbackErrors: unknown[] = [];
  appId: string;
  user: FakeUser;
  readonly account: { envVersion: EnvVersion; version: string };
  readonly storage: FakeStorage;
  readonly login: FakeLogin;
  readonly privacy: PrivacyMachine;
  readonly cloud: Cloud;
  readonly files = new FileStore();
  readonly network: FakeNetwork;
  readonly router: Router;
  readonly ui: Ui;
  readonly app: FakeApp;
  readonly clipboard = { data: '' };
  readonly wx: WechatMiniprogram.Wx;

  private sdk: string;
  readonly platform: string;
  private hidden: Set<string>;
  private readonly storageArea = new StorageArea();
  private readonly codes: IssuedCode[] = [];
  private readonly loginFailures: string[] = [];
  private appInstance: object | undefined;
  private defaultApp: object = { globalData: {} };
  private offline = false;
  private networkListeners: ((res: { isConnected: boolean; networkType: string }) => void)[] = [];
  private userCount = 1;
  private readonly now: () => number;

  constructor(options: FakeWxOptions) {
    this.now = options.now ?? Date.now;
    this.sdk = options.sdkVersion ?? DEFAULT_SDK_VERSION;
    this.platform = options.platform ?? 'ios';
    this.checkVersion(this.sdk);
    this.hidden = missingApis(this.sdk);
    this.appId = options.appId ?? DEFAULT_APP_ID;
    this.user = options.user ? { ...options.user } : { openid: openidFor('user-1') };
    this.account = { envVersion: options.envVersion ?? 'develop', version: options.version ?? '' };
    const sink: CallbackErrorSink = { callbackErrors: this.callbackErrors };
    this.privacy = new PrivacyMachine(sink, () => compareVersion(this.sdk, PRIVACY_MIN_VERSION) >= 0, {
      agreed: options.privacyAgreed,
      privacyContractName: options.privacyContractName,
    });
    this.ui = new Ui(sink);
    this.router = new Router(options.routes ?? readAppConfig());

    this.network = Object.defineProperty({} as FakeNetwork, 'offline', {
      enumerable: true,
      get: () => this.offline,
      set: (value: boolean) => {
        const changed = value !== this.offline;
        this.offline = value;
        if (changed) this.emitNetworkChange();
      },
    });

    const injected = options.localCloud;
    this.cloud = new Cloud({
      sink,
      now: this.now,
      user: () => this.user,
      appId: () => this.appId,
      network: this.network,
      files: this.files,
      createLocal: () =>
        injected === undefined
          ? loadLocalCloud(this.now)
          : typeof injected === 'function'
            ? injected()
            : injected,
      ownsLocal: typeof injected !== 'object',
    });

    const area = this.storageArea;
    this.storage = {
      get: (key) => area.get('storage.get', key).value,
      set: (key, value) => area.set('storage.set', key, value),
      remove: (key) => area.remove('storage.remove', key),
      has: (key) => area.has(key),
      keys: () => area.keys(),
      clear: () => area.clear(),
      info: () => area.info(),
    };

    this.login = {
      issuedCodes: this.codes,
      failNext: (errMsg = 'login:fail system error') => {
        this.loginFailures.push(errMsg.startsWith('login:') ? errMsg : `login:fail ${errMsg}`);
      },
      redeem: (code) => {
        const issued = this.codes.find((candidate) => candidate.code === code);
        if (!issued || issued.redeemed || this.now() - issued.issuedAt > CODE_LIFETIME_MS) return undefined;
        issued.redeemed = true;
        return issued.unionid
          ? { openid: issued.openid, unionid: issued.unionid }
          : { openid: issued.openid };
      },
    };

    this.app = Object.defineProperty(
      {
        register: (instance: object) => {
          this.appInstance = instance;
        },
      } as FakeApp,
      'instance',
      { enumerable: true, get: () => this.appInstance },
    );

    this.wx = this.buildWx();
  }

  get sdkVersion(): string {
    return this.sdk;
  }

  setSdkVersion(version: string): void {
    this.checkVersion(version);
    this.sdk = version;
    this.hidden = missingApis(version);
  }

  newUser(label?: string, options: { unionid?: boolean } = {}): FakeUser {
    this.userCount += 1;
    const name = label ?? `user-${this.userCount}`;
    const user: FakeUser = { openid: openidFor(name) };
    if (options.unionid) user.unionid = openidFor(name, 'unionid');
    return user;
  }

  restartApp(): void {
    this.privacy.restart();
    this.cloud.restart();
    this.router.reset();
    this.appInstance = undefined;
    this.defaultApp = { globalData: {} };
    this.networkListeners = [];
  }

  getApp(): object {
    return this.appInstance ?? this.defaultApp;
  }

  private checkVersion(version: string): void {
    if (!/^\d+\.\d+\.\d+$/.test(version))
      throw new Error(`fake wx: invalid base library version "${version}"`);
  }

  private emitNetworkChange(): void {
    const res = { isConnected: !this.offline, networkType: this.offline ? 'none' : 'wifi' };
    for (const listener of [...this.networkListeners]) safeCall(this, 'onNetworkStatusChange', listener, res);
  }

  /** Runs a privacy API after the privacy check, with WeChat's callback or Promise delivery. */
  private gated(
    name: string,
    run: (options: Record<string, unknown>) => unknown,
  ): (options?: unknown) => unknown {
    return (options?: unknown) => {
      // The check starts at call time, as the base library does before anything else.
      const check = this.privacy.check(name);
      return respond(this, name, options, async () => {
        await check;
        return run(isObject(options) ? options : {});
      });
    };
  }

  /** A mock API (callbacks or Promise) behind the privacy check. */
  private gatedMock(name: string): (options?: unknown) => unknown {
    const original = SIMULATE_API[name] as (options?: unknown) => unknown;
    return (options?: unknown) => {
      const check = this.privacy.check(name);
      if (!hasCallbacks(options)) return check.then(() => original(options));
      void check.then(
        () => original(options),
        (error: unknown) => {
          const err = toWxError(name, error);
          safeCall(this, `${name}.fail`, (options as { fail?: unknown }).fail, err);
          safeCall(this, `${name}.complete`, (options as { complete?: unknown }).complete, err);
        },
      );
      return undefined;
    };
  }

  private buildWx(): WechatMiniprogram.Wx {
    const area = this.storageArea;
    const base = SIMULATE_API as Record<string, (...args: unknown[]) => unknown>;
    const systemInfo = (): Record<string, unknown> => ({
      ...(base.getSystemInfoSync() as object),
      SDKVersion: this.sdk,
      platform: this.platform,
    });
    const chosen = (api: string): { path: string; size: number } => {
      const content = this.files.takeChoice();
      if (!content) throw wxFail(`${api}:fail cancel`);
      return { path: this.files.createTemp(content, 'jpg'), size: content.length };
    };
    const eventChannel = { emit() {}, on() {}, once() {}, off() {} };
    const navigation =
      (method: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch') =>
      (options?: unknown): unknown =>
        respond(this, method, options, () => {
          this.router[method]((isObject(options) ? options.url : undefined) as string);
          return method === 'navigateTo' ? { eventChannel } : {};
        });

    const raw: Record<string, unknown> = {
      ...SIMULATE_API,

      // Base library version, account, capability checks.
      canIUse: (schema: unknown) => canIUse(schema, this.sdk, (name) => name in this.wx),
      getSystemInfoSync: systemInfo,
      getSystemInfo: (options?: unknown) => respond(this, 'getSystemInfo', options, systemInfo),
      getSystemInfoAsync: (options?: unknown) =>
        respond(this, 'getSystemInfoAsync', options, systemInfo, { promise: false }),
      getAppBaseInfo: () => ({ ...(base.getAppBaseInfo() as object), SDKVersion: this.sdk }),
      getDeviceInfo: () => ({ ...((base.getDeviceInfo?.() as object) ?? {}), platform: this.platform }),
      getAccountInfoSync: () => ({
        miniProgram: {
          appId: this.appId,
          envVersion: this.account.envVersion,
          version: this.account.version,
        },
      }),

      // Storage.
      setStorageSync: (key: unknown, data: unknown) => area.set('setStorageSync', key, data),
      getStorageSync: (key: unknown) => {
        const { found, value } = area.get('getStorageSync', key);
        return found ? value : '';
      },
      removeStorageSync: (key: unknown) => area.remove('removeStorageSync', key),
      clearStorageSync: () => area.clear(),
      getStorageInfoSync: () => area.info(),
      batchSetStorageSync: (kvList: unknown) => {
        for (const item of Array.isArray(kvList) ? kvList : []) {
          area.set(
            'batchSetStorageSync',
            (item as { key?: unknown }).key,
            (item as { value?: unknown }).value,
          );
        }
      },
      batchGetStorageSync: (keyList: unknown) =>
        (Array.isArray(keyList) ? keyList : []).map((key) => {
          const { found, value } = area.get('batchGetStorageSync', key);
          return found ? value : '';
        }),
      setStorage: (options?: unknown) =>
        respond(this, 'setStorage', options, () => {
          const o = isObject(options) ? options : {};
          area.set('setStorage', o.key, o.data);
          return {};
        }),
      getStorage: (options?: unknown) =>
        respond(this, 'getStorage', options, () => {
          const { found, value } = area.get('getStorage', isObject(options) ? options.key : undefined);
          if (!found) throw wxFail(`getStorage:fail ${DATA_NOT_FOUND}`);
          return { data: value };
        }),
      removeStorage: (options?: unknown) =>
        respond(this, 'removeStorage', options, () => {
          area.remove('removeStorage', isObject(options) ? options.key : undefined);
          return {};
        }),
      clearStorage: (options?: unknown) =>
        respond(this, 'clearStorage', options, () => {
          area.clear();
          return {};
        }),
      getStorageInfo: (options?: unknown) => respond(this, 'getStorageInfo', options, () => area.info()),
      batchSetStorage: (options?: unknown) =>
        respond(this, 'batchSetStorage', options, () => {
          const list = isObject(options) && Array.isArray(options.kvList) ? options.kvList : [];
          for (const item of list) area.set('batchSetStorage', item.key, item.value);
          return {};
        }),
      batchGetStorage: (options?: unknown) =>
        respond(this, 'batchGetStorage', options, () => {
          const keys = isObject(options) && Array.isArray(options.keyList) ? options.keyList : [];
          return {
            dataList: keys.map((key: unknown) => {
              const { found, value } = area.get('batchGetStorage', key);
              return found ? value : '';
            }),
          };
        }),

      // Login.
      login: (options?: unknown) =>
        respond(this, 'login', options, () => {
          const failure = this.loginFailures.shift();
          if (failure !== undefined) throw wxFail(failure);
          if (this.offline) throw wxFail(`login:fail ${NETWORK_DOWN}`);
          const code = `0${randomBytes(24).toString('base64url').slice(0, 31)}`;
          const issued: IssuedCode = {
            code,
            issuedAt: this.now(),
            openid: this.user.openid,
            redeemed: false,
          };
          if (this.user.unionid) issued.unionid = this.user.unionid;
          this.codes.push(issued);
          return { code };
        }),

      // Privacy (present from 2.32.3) and the privacy APIs this app calls.
      ...this.privacy.api(),
      setClipboardData: this.gated('setClipboardData', (o) => {
        this.clipboard.data = String(o.data ?? '');
        return {};
      }),
      getClipboardData: this.gated('getClipboardData', () => ({ data: this.clipboard.data })),
      chooseMedia: this.gated('chooseMedia', () => {
        const { path, size } = chosen('chooseMedia');
        return { tempFiles: [{ tempFilePath: path, size, fileType: 'image' }], type: 'image' };
      }),
      chooseImage: this.gated('chooseImage', () => {
        const { path, size } = chosen('chooseImage');
        return { tempFilePaths: [path], tempFiles: [{ path, size }] };
      }),
      ...Object.fromEntries(GATED_MOCK_APIS.map((name) => [name, this.gatedMock(name)])),

      // Interaction.
      ...this.ui.api(),

      // Routing.
      navigateTo: navigation('navigateTo'),
      redirectTo: navigation('redirectTo'),
      switchTab: navigation('switchTab'),
      reLaunch: navigation('reLaunch'),
      navigateBack: (options?: unknown) =>
        respond(this, 'navigateBack', options, () => {
          const delta = isObject(options) && typeof options.delta === 'number' ? options.delta : 1;
          this.router.navigateBack(delta);
          return {};
        }),

      // Network.
      getNetworkType: (options?: unknown) =>
        respond(this, 'getNetworkType', options, () => ({ networkType: this.offline ? 'none' : 'wifi' })),
      onNetworkStatusChange: (listener: unknown) => {
        if (typeof listener === 'function') this.networkListeners.push(listener as never);
      },
      offNetworkStatusChange: (listener?: unknown) => {
        this.networkListeners = listener ? this.networkListeners.filter((l) => l !== listener) : [];
      },
    };

    // Every call is logged; wx.cloud's methods as `cloud.<name>`.
    const logged = (name: string, value: unknown): unknown => {
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      const calls = this.calls;
      return function (this: unknown, ...args: unknown[]) {
        calls.push(name);
        return fn.apply(this, args);
      };
    };
    const target: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(raw)) target[name] = logged(name, value);
    target.cloud = Object.fromEntries(
      Object.entries(this.cloud.api()).map(([name, value]) => [name, logged(`cloud.${name}`, value)]),
    );

    // APIs newer than the running base library are absent, as on an old client.
    const visible = (prop: string | symbol): boolean => typeof prop === 'symbol' || !this.hidden.has(prop);
    return new Proxy(target, {
      get: (object, prop, receiver) => (visible(prop) ? Reflect.get(object, prop, receiver) : undefined),
      has: (object, prop) => visible(prop) && Reflect.has(object, prop),
      ownKeys: (object) => Reflect.ownKeys(object).filter(visible),
      getOwnPropertyDescriptor: (object, prop) =>
        visible(prop) ? Reflect.getOwnPropertyDescriptor(object, prop) : undefined,
    }) as unknown as WechatMiniprogram.Wx;
  }
}

let current: FakeWxImpl | undefined;

/** Creates a fresh fake and installs it as the globals `wx`, `getApp` and `getCurrentPages`. */
export function installFakeWx(options: FakeWxOptions = {}): FakeWx {
  current?.cloud.dispose();
  const fake = new FakeWxImpl(options);
  current = fake;
  const globals = globalThis as unknown as Record<string, unknown>;
  globals.wx = fake.wx;
  globals.getApp = () => fake.getApp();
  globals.getCurrentPages = () => fake.router.currentPages();
  return fake;
}

/** The fake installed last (by setup.ts before each test). */
export function currentFakeWx(): FakeWx {
  if (!current) throw new Error('fake wx: installFakeWx() has not been called');
  return current;
}

export { compareVersion, canIUse, MIN_VERSIONS, PRIVACY_MIN_VERSION } from './versions';
export {
  PRIVACY_ERRNO,
  PRIVACY_NOT_AUTHORIZED,
  DEFAULT_PRIVACY_CONTRACT_NAME,
  type FakePrivacy,
  type NeedPrivacyAuthorizationListener,
  type PrivacyEventInfo,
  type PrivacyResolveOption,
  type PrivacyRequestRecord,
} from './privacy';
export {
  CLOUD_NOT_INITIALISED,
  NETWORK_DOWN,
  CLIENT_QUERY_LIMIT,
  type CloudCallRecord,
  type CloudUploadRecord,
  type FakeCloud,
  type FakeUser,
  type LocalCloudIdentity,
  type LocalCloudLike,
  type TempFileUrlResult,
} from './cloud';
export { TEMP_PREFIX, type FakeFiles } from './files';
export {
  MAX_PAGES,
  type FakeRouter,
  type NavigationRecord,
  type PageEntry,
  type RouterConfig,
} from './router';
export {
  DATA_NOT_FOUND,
  ITEM_LIMIT_BYTES,
  ITEM_TOO_LARGE,
  LIMIT_SIZE_KB,
  STORAGE_FULL,
  TOTAL_LIMIT_BYTES,
  type StorageInfo,
} from './storage';
export type { FakeUi, LoadingRecord, ModalRecord, ToastRecord, ActionSheetRecord } from './ui';
export type { WxError } from './async';

/**
 * One app instance of the live preview (one per browser tab, in its own worker thread):
 * the real app code on a fake `wx` whose cloud is the shared LocalCloud, its pages
 * rendered by simulate, and a frame sent to the browser whenever what the phone shows
 * changes (a DOM mutation, a `wx` call, a navigation, a toast expiring). The side panel's
 * settings apply here: base library and platform at launch; theme, network and the privacy
 * agreement while it runs. Every `wx` call and cloud call is reported for the call log.
 */
import { useTransport } from '../../../miniprogram/services/cloud';
import { installFakeWx, type FakeWx } from '../../../test/support/fake-wx';
import { isTabPage, readAppConfig, resolveWindow, type AppConfig } from '../../screenshots/app-config';
import { phoneParts } from '../../screenshots/compose';
import type { NavButton } from '../../screenshots/model';
import {
  applyHostClasses,
  loadImages,
  recordNavigationBar,
  recordPage,
  wxmlAttrs,
  type NavigationOverride,
} from '../../screenshots/page-snapshot';
import { sampleAvatar } from '../../screenshots/sample-avatar';
import type { DeviceState, Frame, LiveSettings, LogEntry, StartApp, UserEvent } from '../protocol';
import { cloudProxy, type CallCloud, type CloudProxy } from './cloud-proxy';
import { networkMode, themedHead } from './device-settings';
import { NativeLayer, type ShareCard } from './native-ui';
import { PageStack } from './page-stack';
import { fire, tap, TypedValues } from './user-events';

export interface AppHost {
  callCloud: CallCloud;
  sendFrame(frame: Frame): void;
  saveDevice(device: DeviceState): void;
  problem(text: string): void;
  clipboard(text: string): void;
  log(entry: LogEntry): void;
}

/** The phone number WeChat has on file for this device's user (the stand-in's), and how it is shown. */
function phoneOf(openid: string): { number: string; masked: string } {
  let hash = 0;
  for (const char of openid) hash = (hash * 31 + char.charCodeAt(0)) % 100_000_000;
  const number = `138${String(hash).padStart(8, '0')}`;
  return { number, masked: `${number.slice(0, 3)}****${number.slice(7)}` };
}

/** Calls the framework makes for itself (TDesign's nextTick): not the app's, not worth a log line. */
const UNLOGGED = new Set(['nextTick']);

/** How many recent frames an event may come from (the browser is at most a few frames behind). */
const KEPT_FRAMES = 30;

const ignore = () => undefined;

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

export class PreviewApp {
  private readonly config: AppConfig = readAppConfig();
  private fake!: FakeWx;
  private cloud!: CloudProxy;
  private stack!: PageStack;
  private native!: NativeLayer;
  private navigationBars!: Map<string, NavigationOverride>;
  private readonly typed = new TypedValues();
  /** The elements of recent frames by number, for events sent from a frame the user saw. */
  private readonly frameElements = new Map<number, Element[]>();
  private seq = 0;
  private device!: DeviceState;
  private openid = '';
  private appid = '';
  private lastClipboard = '';
  private lastHead = '';
  private lastFrameKey = '';
  private lastDevice = '';
  private scheduled = false;
  private rendering: Promise<void> = Promise.resolve();
  private observed: Element | undefined;
  private readonly observer = new MutationObserver(() => this.scheduleRender());

  constructor(private readonly host: AppHost) {}

  /** Launches the app for a device: its storage, privacy agreement and settings, its WeChat user. */
  async start(message: StartApp): Promise<void> {
    const { openid, device } = message;
    this.device = device;
    this.openid = openid;
    this.appid = message.appid;
    this.seq = message.firstSeq - 1;
    const network = networkMode(() => this.device.settings.network, this.host.callCloud);
    this.cloud = cloudProxy(
      network,
      () => openid,
      (entry) => this.host.log(entry),
    );
    this.fake = installFakeWx({
      appId: message.appid,
      user: { openid },
      privacyAgreed: device.privacyAgreed,
      localCloud: this.cloud,
      sdkVersion: device.settings.sdkVersion,
      platform: device.settings.platform,
    });
    for (const [key, value] of Object.entries(device.storage)) this.fake.storage.set(key, value);
    this.fake.network.offline = device.settings.network === 'offline';
    useTransport(undefined);
    this.navigationBars = recordNavigationBar(this.fake);
    this.native = new NativeLayer(this.fake, device.authSetting, () => this.scheduleRender());
    this.stack = new PageStack(this.fake, (text) => this.host.problem(text));
    const calls = this.fake.calls;
    const push = calls.push.bind(calls);
    calls.push = (...names: string[]) => {
      this.scheduleRender();
      for (const name of names) {
        if (!UNLOGGED.has(name)) this.host.log({ at: Date.now(), kind: 'wx', name });
      }
      return push(...names);
    };

    const [route, query = ''] = (message.path ?? '').split('?');
    const entry = this.config.pages.includes(route) ? route : this.config.pages[0];
    const launchPath = entry === route && query ? `${entry}?${query}` : entry;
    const globals = globalThis as unknown as Record<string, unknown>;
    globals.App = (options: { onLaunch?: (launch: object) => unknown }) => {
      this.fake.app.register(options);
      const launch = { path: entry, query: Object.fromEntries(new URLSearchParams(query)), scene: 1001 };
      void Promise.resolve(options.onLaunch?.(launch)).catch((error: unknown) =>
        this.host.problem(`App.onLaunch: ${String(error)}`),
      );
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the app shell registers itself
    require('../../../miniprogram/app');
    this.fake.router.reLaunch(`/${launchPath}`);
    await this.renderNow();
  }

  /** Plays one user event and resolves once the frame it caused was sent. */
  async handle(event: UserEvent): Promise<void> {
    const wx = this.fake.wx;
    switch (event.type) {
      case 'tap':
      case 'input':
      case 'focus':
      case 'blur':
      case 'confirm': {
        const element = this.frameElements.get(event.frame)?.[event.node];
        // An element the page no longer shows cannot be touched.
        if (!element || !this.stack.top()?.rendered.root.contains(element)) break;
        if (event.type === 'tap') {
          tap(element, this.fake, this.typed, (openType, button) => this.openType(openType, button));
        } else {
          if (
            event.type === 'focus' &&
            wxmlAttrs(element.closest('wx-input') ?? element).get('type') === 'nickname'
          ) {
            // The nickname input is a privacy component: touching it may need the agreement.
            this.fake.privacy.touch('input.nickname').catch(ignore);
          }
          const field = element.closest('wx-input, wx-textarea') ?? element;
          if (event.type === 'input') this.typed.set(field, event.value);
          const detail =
            event.type === 'input'
              ? { value: event.value, cursor: event.value.length, keyCode: 0 }
              : { value: event.value };
          fire(field, event.type, detail, false);
        }
        break;
      }
      case 'nav':
        // Callbacks, so that a refused navigation is not an unhandled rejection.
        if (event.button === 'back') wx.navigateBack({ delta: 1, fail: ignore });
        else wx.reLaunch({ url: `/${this.config.pages[0]}`, fail: ignore });
        break;
      case 'tab':
        if (isTabPage(this.config, event.route)) wx.switchTab({ url: `/${event.route}`, fail: ignore });
        break;
      case 'native':
        this.native.answer(event.answer, event.file);
        break;
      case 'menu':
        this.share({ from: 'menu' });
        break;
      case 'live':
        this.applyLive(event.settings);
        break;
    }
    await settle();
    await this.renderNow();
  }

  /** What WeChat does for a tapped `<button open-type=…>` beyond the tap itself. */
  private openType(openType: string, button: Element): void {
    const { fake } = this;
    const since2212 = fake.wx.canIUse('button.open-type.chooseAvatar');
    if (openType === 'chooseAvatar' && since2212) {
      fake.privacy
        .touch('chooseAvatar')
        .then(
          () =>
            this.native.chooseAvatar(sampleAvatar, ({ content, ext }) =>
              fire(button, 'chooseavatar', { avatarUrl: fake.files.createTemp(content, ext) }),
            ),
          ignore,
        );
    } else if (openType === 'getPhoneNumber') {
      const phone = phoneOf(this.openid);
      fake.privacy.touch('button.getPhoneNumber').then(
        () =>
          this.native.phoneNumber(phone.masked, (allowed) => {
            if (!allowed) return fire(button, 'getphonenumber', { errMsg: 'getPhoneNumber:fail user deny' });
            // Before 2.21.2 WeChat answered with encrypted data only, no code.
            if (!since2212) {
              return fire(button, 'getphonenumber', {
                errMsg: 'getPhoneNumber:ok',
                encryptedData: 'preview',
                iv: 'preview',
              });
            }
            this.host.callCloud('phoneCode', [phone.number, this.appid]).then(
              (code) => fire(button, 'getphonenumber', { errMsg: 'getPhoneNumber:ok', code }),
              (error: unknown) => this.host.problem(`getPhoneNumber: ${String(error)}`),
            );
          }),
        ignore,
      );
    } else if (openType === 'share') {
      const target = { id: String(wxmlAttrs(button).get('id') ?? ''), dataset: {} };
      this.share({ from: 'button', target });
    }
  }

  /** The share panel with what the page's onShareAppMessage returns (WeChat's defaults otherwise). */
  private share(event: { from: 'menu' | 'button'; target?: object }): void {
    const top = this.stack.top();
    const page = top?.rendered.instance as { onShareAppMessage?: (event: object) => unknown } | undefined;
    if (!top || typeof page?.onShareAppMessage !== 'function') {
      this.native.share(undefined);
      return;
    }
    let content: Partial<ShareCard> = {};
    try {
      const returned = page.onShareAppMessage(event);
      if (returned && typeof returned === 'object') content = returned as Partial<ShareCard>;
    } catch (error) {
      this.host.problem(`onShareAppMessage: ${String(error)}`);
    }
    const imageUrl =
      typeof content.imageUrl === 'string' && /^(https?:|data:)/.test(content.imageUrl)
        ? content.imageUrl
        : undefined;
    this.native.share({
      title:
        typeof content.title === 'string' && content.title ? content.title : this.navigationTitle(top.route),
      path: typeof content.path === 'string' && content.path ? content.path : `/${this.pathOfTop()}`,
      imageUrl,
    });
  }

  private navigationTitle(route: string): string {
    return this.navigationBars.get(route)?.title ?? resolveWindow(this.config, route, 'light').title;
  }

  /** The page on top with its query, as a WeChat path. */
  private pathOfTop(): string {
    const entry = this.fake.router.stack.at(-1);
    if (!entry) return '';
    const query = Object.entries(entry.options)
      .map(([key, value]) => `${key}=${value}`)
      .join('&');
    return query ? `${entry.route}?${query}` : entry.route;
  }

  /** A side-panel setting that applies while the app runs. */
  private applyLive(settings: Partial<LiveSettings>): void {
    const { device, fake } = this;
    if (settings.theme === 'light' || settings.theme === 'dark') device.settings.theme = settings.theme;
    // Checked field by field at the server (event-input.ts).
    if (settings.network) {
      device.settings.network = settings.network;
      fake.network.offline = settings.network === 'offline';
    }
    if (typeof settings.privacyAgreed === 'boolean') {
      if (settings.privacyAgreed) fake.privacy.agreed = true;
      else fake.privacy.reset();
    }
    this.lastDevice = '';
    this.scheduleRender();
  }

  private scheduleRender(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      void this.renderNow();
    }, 0);
  }

  private renderNow(): Promise<void> {
    this.rendering = this.rendering
      .then(() => this.render())
      .catch((error: unknown) =>
        this.host.problem(`render: ${error instanceof Error ? error.stack : String(error)}`),
      );
    return this.rendering;
  }

  private async render(): Promise<void> {
    await this.stack.idle();
    const top = this.stack.top();
    if (!top) return;
    const { rendered, route } = top;
    if (this.observed !== rendered.root) {
      this.observer.disconnect();
      this.observed = rendered.root;
      this.observer.observe(rendered.root, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    }
    await rendered.settle();
    applyHostClasses(rendered);
    const sources = Array.from(rendered.root.querySelectorAll('wx-image')).map((image) =>
      String(wxmlAttrs(image).get('src') ?? ''),
    );
    await this.cloud.prefetch(sources);
    await loadImages(rendered, this.fake);
    const snapshot = recordPage(rendered, route, this.fake, {
      interactive: { valueOf: (element, written) => this.typed.valueOf(element, written) },
    });
    this.observer.takeRecords();

    const stack = this.fake.router.stack.map((entry) => entry.route);
    const navButton: NavButton = isTabPage(this.config, route) ? 'none' : stack.length > 1 ? 'back' : 'home';
    const theme = this.device.settings.theme;
    const parts = phoneParts(
      {
        route,
        theme,
        navButton,
        navigationBar: this.navigationBars.get(route),
        html: snapshot.html,
        css: snapshot.css,
        icons: snapshot.icons,
        native: this.native.current(),
      },
      this.config,
    );
    parts.webview.head = themedHead(parts.webview.head, theme);
    this.saveDevice();
    this.shareClipboard();
    const key = `${stack.join(',')}\n${parts.variables}\n${parts.chrome}\n${parts.webview.body}`;
    const headChanged = parts.webview.head !== this.lastHead;
    if (key === this.lastFrameKey && !headChanged) {
      // The same markup: the same element positions, on the nodes rendered now.
      this.frameElements.set(this.seq, snapshot.elements);
      return;
    }
    this.lastFrameKey = key;
    this.lastHead = parts.webview.head;
    this.seq += 1;
    this.frameElements.set(this.seq, snapshot.elements);
    this.frameElements.delete(this.seq - KEPT_FRAMES);
    this.host.sendFrame({
      seq: this.seq,
      route,
      path: this.pathOfTop(),
      stack,
      title: parts.title,
      variables: parts.variables,
      webview: {
        top: parts.webview.top,
        height: parts.webview.height,
        head: headChanged ? parts.webview.head : undefined,
        body: parts.webview.body,
      },
      chrome: parts.chrome,
    });
  }

  /** What the app copied goes to the browser's clipboard as well. */
  private shareClipboard(): void {
    const text = this.fake.clipboard.data;
    if (text === this.lastClipboard) return;
    this.lastClipboard = text;
    if (text) this.host.clipboard(text);
  }

  private saveDevice(): void {
    const storage: Record<string, unknown> = {};
    for (const key of this.fake.storage.keys()) storage[key] = this.fake.storage.get(key);
    const device: DeviceState = {
      storage,
      privacyAgreed: this.fake.privacy.agreed,
      authSetting: { ...this.device.authSetting },
      settings: { ...this.device.settings },
    };
    const serialized = JSON.stringify(device);
    if (serialized === this.lastDevice) return;
    this.lastDevice = serialized;
    this.host.saveDevice(device);
  }
}

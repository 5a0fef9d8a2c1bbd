/**
 * One app instance of the live preview (one per browser tab, in its own worker thread):
 * the real app code on a fake `wx` whose cloud is the shared LocalCloud, its pages
 * rendered by simulate, and a frame sent to the browser whenever what the phone shows
 * changes (a DOM mutation, a `wx` call, a navigation, a toast expiring).
 */
import { useTransport } from '../../../miniprogram/services/cloud';
import { installFakeWx, type FakeWx } from '../../../test/support/fake-wx';
import { isTabPage, readAppConfig, type AppConfig } from '../../screenshots/app-config';
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
import type { DeviceState, Frame, StartApp, UserEvent } from '../protocol';
import { cloudProxy, type CallCloud, type CloudProxy } from './cloud-proxy';
import { NativeLayer } from './native-ui';
import { PageStack } from './page-stack';
import { fire, tap, TypedValues } from './user-events';

export interface AppHost {
  callCloud: CallCloud;
  sendFrame(frame: Frame): void;
  saveDevice(device: DeviceState): void;
  problem(text: string): void;
}

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
  private lastHead = '';
  private lastFrameKey = '';
  private lastDevice = '';
  private scheduled = false;
  private rendering: Promise<void> = Promise.resolve();
  private observed: Element | undefined;
  private readonly observer = new MutationObserver(() => this.scheduleRender());

  constructor(private readonly host: AppHost) {}

  /** Launches the app for a device: its storage and privacy agreement, its WeChat user. */
  async start(message: StartApp): Promise<void> {
    const openid = message.openid;
    this.cloud = cloudProxy(this.host.callCloud, () => openid);
    this.fake = installFakeWx({
      appId: message.appid,
      user: { openid },
      privacyAgreed: message.device.privacyAgreed,
      localCloud: this.cloud,
    });
    for (const [key, value] of Object.entries(message.device.storage)) this.fake.storage.set(key, value);
    useTransport(undefined);
    this.navigationBars = recordNavigationBar(this.fake);
    this.native = new NativeLayer(this.fake, () => this.scheduleRender());
    this.stack = new PageStack(this.fake, (text) => this.host.problem(text));
    const calls = this.fake.calls;
    const push = calls.push.bind(calls);
    calls.push = (...names: string[]) => {
      this.scheduleRender();
      return push(...names);
    };

    const entry = this.config.pages[0];
    const globals = globalThis as unknown as Record<string, unknown>;
    globals.App = (options: { onLaunch?: (launch: object) => unknown }) => {
      this.fake.app.register(options);
      void Promise.resolve(options.onLaunch?.({ path: entry, query: {}, scene: 1001 })).catch(
        (error: unknown) => this.host.problem(`App.onLaunch: ${String(error)}`),
      );
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the app shell registers itself
    require('../../../miniprogram/app');
    this.fake.router.reLaunch(`/${entry}`);
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
        if (event.type === 'tap') tap(element, this.fake, this.typed);
        else {
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
      case 'modal':
        this.native.answerModal(event.answer);
        break;
    }
    await settle();
    await this.renderNow();
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
    const parts = phoneParts(
      {
        route,
        theme: 'light',
        navButton,
        navigationBar: this.navigationBars.get(route),
        html: snapshot.html,
        css: snapshot.css,
        icons: snapshot.icons,
        native: this.native.current(),
      },
      this.config,
    );
    this.saveDevice();
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

  private saveDevice(): void {
    const storage: Record<string, unknown> = {};
    for (const key of this.fake.storage.keys()) storage[key] = this.fake.storage.get(key);
    const device: DeviceState = { storage, privacyAgreed: this.fake.privacy.agreed };
    const serialized = JSON.stringify(device);
    if (serialized === this.lastDevice) return;
    this.lastDevice = serialized;
    this.host.saveDevice(device);
  }
}

/**
 * One session per browser tab: an app instance (worker thread) launched for the tab's
 * device, whose frames stream to that tab. Closing the tab's stream, or leaving the tab
 * idle longer than `idleMs`, ends the session and frees the instance. Two tabs never share
 * anything but the LocalCloud (and, for the same device id, the device's storage).
 *
 * A session outlives its app: changing the base library or platform, resetting the device,
 * or a code change restarts the app in a fresh instance, on the same page where it can,
 * and the tab keeps its stream (frame numbers go on increasing across the restart).
 */
import { randomBytes } from 'crypto';
import type { LocalCloud } from '../local-cloud';
import { deviceOpenid } from '../local-cloud/device-identity';
import type { DeviceStore } from './device-store';
import { InstancePool, type AppInstance } from './instances';
import type { DeviceState, Frame, LogEntry, UserEvent } from './protocol';

export interface SessionOptions {
  /** The APPID the app runs as (and the salt of device openids, as the local cloud server's). */
  appid: string;
  /** Instances booted ahead of need (default 1). */
  spares?: number;
  /** Sessions at once (default 8): each holds a worker thread with its own jsdom and compiled pages. */
  maxSessions?: number;
  /** A session with no event for this long ends (default 30 minutes). */
  idleMs?: number;
  log?: (line: string) => void;
}

export interface SessionClient {
  frame(frame: Frame): void;
  /** The device's state changed (the side panel shows its settings and privacy agreement). */
  device(device: DeviceState): void;
  clipboard(text: string): void;
  log(entry: LogEntry): void;
  /** The app is restarting (settings, reset, a code change); frames follow once it runs. */
  restarting(reason: string): void;
  /** Something the developer should read (a build error after a code change). */
  notice(text: string): void;
  /** The session ended (instance stopped or idle): the client should close its stream. */
  end(reason: string): void;
}

interface SessionDeps {
  pool: InstancePool;
  devices: DeviceStore;
  appid: string;
  idleMs: number;
  log(line: string): void;
  /** The session is over (its instance stopped on its own, or it was idle too long). */
  ended(session: Session, reason: string): void;
}

export class Session {
  readonly id = randomBytes(18).toString('base64url');
  readonly client: SessionClient;
  private instance: AppInstance | undefined;
  private launching: Promise<void> = Promise.resolve();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private lastSeq = 0;
  /** The page on top (with its query), to return to after a restart. */
  private path: string | undefined;
  private stopped = false;

  constructor(
    readonly deviceId: string,
    client: SessionClient,
    private readonly deps: SessionDeps,
  ) {
    this.client = client;
    this.touch();
  }

  touch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.deps.ended(this, 'idle'), this.deps.idleMs);
    this.idleTimer.unref();
  }

  /** Starts the app in a booted instance, on `path` (or the first page). */
  launch(path?: string): Promise<void> {
    this.launching = this.launching.then(() => this.startInstance(path));
    return this.launching;
  }

  private async startInstance(path: string | undefined): Promise<void> {
    const instance = await this.deps.pool.take();
    if (this.stopped) {
      void instance.close();
      return;
    }
    this.instance = instance;
    const { appid, devices } = this.deps;
    const current = () => this.instance === instance;
    instance.start(
      {
        type: 'start',
        appid,
        openid: deviceOpenid(appid, this.deviceId),
        device: devices.get(this.deviceId),
        path,
        firstSeq: this.lastSeq + 1,
      },
      {
        frame: (frame) => {
          if (!current()) return;
          this.lastSeq = frame.seq;
          this.path = frame.path;
          this.client.frame(frame);
        },
        device: (device) => {
          if (!current()) return;
          devices.set(this.deviceId, device);
          this.client.device(device);
        },
        problem: (text) => this.deps.log(`[preview] ${text}`),
        clipboard: (text) => current() && this.client.clipboard(text),
        log: (entry) => current() && this.client.log(entry),
        exit: () => {
          if (current()) this.deps.ended(this, 'stopped');
        },
      },
    );
    this.client.device(devices.get(this.deviceId));
  }

  /**
   * Restarts the app in a fresh instance. `change` edits the device while no instance runs
   * (so the old one cannot write it back); `path` is where to return (default: the page on top).
   */
  async restart(
    reason: string,
    change?: (device: DeviceState) => DeviceState,
    path: string | undefined = this.path,
  ): Promise<void> {
    this.touch();
    const work = this.launching.then(async () => {
      this.client.restarting(reason);
      const old = this.instance;
      this.instance = undefined;
      await old?.close();
      if (change) this.deps.devices.set(this.deviceId, change(this.deps.devices.get(this.deviceId)));
    });
    this.launching = work.catch(() => undefined);
    await work;
    await this.launch(path);
  }

  async event(event: UserEvent): Promise<void> {
    this.touch();
    await this.launching;
    if (!this.instance) throw new Error('the app is restarting');
    return this.instance.event(event);
  }

  stop(): Promise<number> {
    this.stopped = true;
    clearTimeout(this.idleTimer);
    const instance = this.instance;
    this.instance = undefined;
    return instance ? instance.close() : Promise.resolve(0);
  }
}

export class Sessions {
  private readonly sessions = new Map<string, Session>();
  private readonly pool: InstancePool;
  private readonly log: (line: string) => void;

  constructor(
    cloud: LocalCloud,
    private readonly devices: DeviceStore,
    private readonly options: SessionOptions,
  ) {
    this.pool = new InstancePool(cloud, options.spares ?? 1);
    this.log = options.log ?? (() => undefined);
  }

  get size(): number {
    return this.sessions.size;
  }

  get(id: string): Session | undefined {
    return this.sessions.get(id);
  }

  /** Resolves once the spare instances have booted. */
  warm(): Promise<void> {
    return this.pool.warm();
  }

  /** Launches the app for `deviceId`; frames go to `client` until the session ends. */
  async open(deviceId: string, client: SessionClient, path?: string): Promise<Session> {
    if (this.sessions.size >= (this.options.maxSessions ?? 8)) {
      throw new Error('too many preview tabs are open: close one and reload');
    }
    const session = new Session(deviceId, client, {
      pool: this.pool,
      devices: this.devices,
      appid: this.options.appid,
      idleMs: this.options.idleMs ?? 30 * 60_000,
      log: this.log,
      ended: (ended, reason) => {
        if (this.sessions.get(ended.id) !== ended) return;
        client.end(reason);
        void this.close(ended.id);
      },
    });
    this.sessions.set(session.id, session);
    try {
      await session.launch(path);
    } catch (error) {
      await this.close(session.id);
      throw error;
    }
    return session;
  }

  /** The app's code changed: new instances boot from it, and every open tab restarts on its page. */
  async reloadAll(reason: string): Promise<void> {
    this.pool.renew();
    await Promise.all([...this.sessions.values()].map((session) => session.restart(reason)));
  }

  /** Tells every open tab. */
  notify(text: string): void {
    for (const session of this.sessions.values()) session.client.notice(text);
  }

  async close(id: string): Promise<void> {
    const session = this.sessions.get(id);
    if (!session) return;
    this.sessions.delete(id);
    await session.stop();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((id) => this.close(id)));
    await this.pool.close();
    this.devices.flush();
  }
}

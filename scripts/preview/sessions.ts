/**
 * One session per browser tab: an app instance (worker thread) launched for the tab's
 * device, whose frames stream to that tab. Closing the tab's stream, or leaving the tab
 * idle longer than `idleMs`, ends the session and frees the instance. Two tabs never share
 * anything but the LocalCloud (and, for the same device id, the device's storage).
 */
import { randomBytes } from 'crypto';
import type { LocalCloud } from '../local-cloud';
import { deviceOpenid } from '../local-cloud/device-identity';
import type { DeviceStore } from './device-store';
import { InstancePool, type AppInstance } from './instances';
import type { Frame, UserEvent } from './protocol';

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
  /** The session ended (instance stopped or idle): the client should close its stream. */
  end(reason: string): void;
}

export class Session {
  readonly id = randomBytes(18).toString('base64url');
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly deviceId: string,
    readonly instance: AppInstance,
    private readonly idleMs: number,
    private readonly expire: () => void,
  ) {
    this.touch();
  }

  touch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(this.expire, this.idleMs);
    this.idleTimer.unref();
  }

  event(event: UserEvent): Promise<void> {
    this.touch();
    return this.instance.event(event);
  }

  stop(): Promise<number> {
    clearTimeout(this.idleTimer);
    return this.instance.close();
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
  async open(deviceId: string, client: SessionClient): Promise<Session> {
    if (this.sessions.size >= (this.options.maxSessions ?? 8)) {
      throw new Error('too many preview tabs are open: close one and reload');
    }
    const instance = await this.pool.take();
    const session: Session = new Session(deviceId, instance, this.options.idleMs ?? 30 * 60_000, () => {
      client.end('idle');
      void this.close(session.id);
    });
    this.sessions.set(session.id, session);
    instance.start(
      {
        type: 'start',
        appid: this.options.appid,
        openid: deviceOpenid(this.options.appid, deviceId),
        device: this.devices.get(deviceId),
      },
      {
        frame: (frame) => client.frame(frame),
        device: (device) => this.devices.set(deviceId, device),
        problem: (text) => this.log(`[preview] ${text}`),
        exit: () => {
          if (this.sessions.delete(session.id)) client.end('stopped');
        },
      },
    );
    return session;
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

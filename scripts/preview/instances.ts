/**
 * App instances on the main thread's side: one worker thread each (see app/worker.ts),
 * started ahead of need so that a new browser tab gets one already booted. The instance's
 * cloud calls are answered here, by the one shared LocalCloud.
 */
import { createRequire } from 'module';
import path from 'path';
import { Worker } from 'worker_threads';
import type { LocalCloud } from '../local-cloud';
import type {
  CloudMethod,
  DeviceState,
  Frame,
  FromWorker,
  LogEntry,
  SerializedError,
  StartApp,
  UserEvent,
} from './protocol';

const WORKER = path.join(__dirname, 'app', 'worker.ts');
const TSX = createRequire(path.join(__dirname, '..', '..', 'package.json')).resolve('tsx/cjs/api');
// The worker loads TypeScript (the app, the fake `wx`, simulate's pages) through tsx.
const BOOT = `const { workerData } = require('worker_threads');
require(workerData.tsx).register();
require(workerData.entry);`;

export interface InstanceListener {
  frame(frame: Frame): void;
  device(device: DeviceState): void;
  problem(text: string): void;
  clipboard(text: string): void;
  log(entry: LogEntry): void;
  exit(): void;
}

function serializeError(error: unknown): SerializedError {
  const source = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  return {
    message: error instanceof Error ? error.message : String(error),
    name: error instanceof Error ? error.name : undefined,
    errCode: source.errCode,
    errMsg: source.errMsg,
    code: source.code,
  };
}

async function answer(cloud: LocalCloud, method: CloudMethod, args: unknown[]): Promise<unknown> {
  switch (method) {
    case 'callFunction': {
      const [name, data, identity] = args as Parameters<LocalCloud['callFunction']>;
      return cloud.callFunction(name, data, identity);
    }
    case 'upload': {
      const [input] = args as [{ cloudPath: string; content: Uint8Array; ownerOpenid?: string }];
      return cloud.storage.upload({ ...input, content: Buffer.from(input.content) });
    }
    case 'getTempFileURL':
      return cloud.storage.getTempFileURL(args[0] as string[]);
    case 'deleteFile': {
      const [fileIDs, openid] = args as [string[], string];
      return cloud.storage.deleteFile(fileIDs, (info) => info.ownerOpenid === openid);
    }
    case 'readFile': {
      const key = String(args[0]);
      const bytes = key.startsWith('path:') ? cloud.storage.readPath(key.slice(5)) : cloud.storage.read(key);
      return bytes ? new Uint8Array(bytes) : undefined;
    }
    case 'phoneCode': {
      const [phoneNumber, appid] = args as [string, string];
      return cloud.standIns.phoneNumber.issueCode(String(phoneNumber), { appid: String(appid) });
    }
  }
}

export class AppInstance {
  readonly ready: Promise<void>;
  private listener: InstanceListener | undefined;
  private readonly handled = new Map<number, (error?: string) => void>();
  private nextEvent = 0;
  private exited = false;
  private readonly worker: Worker;

  constructor(private readonly cloud: LocalCloud) {
    this.worker = new Worker(BOOT, { eval: true, workerData: { entry: WORKER, tsx: TSX } });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('error', reject);
      this.worker.once('exit', () => reject(new Error('the app instance stopped while booting')));
      const onMessage = (message: FromWorker) => {
        if (message.type !== 'ready') return;
        this.worker.off('message', onMessage);
        resolve();
      };
      this.worker.on('message', onMessage);
    });
    this.ready.catch(() => undefined);
    this.worker.on('message', (message: FromWorker) => this.receive(message));
    this.worker.on('error', (error) =>
      this.listener?.problem(`app instance: ${error.stack ?? error.message}`),
    );
    this.worker.on('exit', () => {
      this.exited = true;
      for (const done of this.handled.values()) done('the app instance stopped');
      this.handled.clear();
      this.listener?.exit();
    });
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'frame':
        this.listener?.frame(message.frame);
        break;
      case 'device':
        this.listener?.device(message.device);
        break;
      case 'problem':
        this.listener?.problem(message.text);
        break;
      case 'clipboard':
        this.listener?.clipboard(message.text);
        break;
      case 'log':
        this.listener?.log(message.entry);
        break;
      case 'handled':
        this.handled.get(message.id)?.(message.error);
        this.handled.delete(message.id);
        break;
      case 'rpc':
        answer(this.cloud, message.method, message.args).then(
          (value) => this.reply({ type: 'rpc-result', id: message.id, ok: true, value }),
          (error: unknown) =>
            this.reply({ type: 'rpc-result', id: message.id, ok: false, error: serializeError(error) }),
        );
        break;
    }
  }

  private reply(message: {
    type: 'rpc-result';
    id: number;
    ok: boolean;
    value?: unknown;
    error?: SerializedError;
  }) {
    if (this.exited) return;
    try {
      this.worker.postMessage(message);
    } catch {
      // Not structured-cloneable (a class instance with methods): its JSON is what a network would carry.
      this.worker.postMessage(JSON.parse(JSON.stringify(message)) as unknown);
    }
  }

  /** Launches the app for a device; frames and device changes go to `listener`. */
  start(message: StartApp, listener: InstanceListener): void {
    this.listener = listener;
    this.worker.postMessage(message);
  }

  /** Plays a user event; resolves once the app handled it and the resulting frame was sent. */
  event(event: UserEvent): Promise<void> {
    if (this.exited) return Promise.reject(new Error('the app instance stopped'));
    this.nextEvent += 1;
    const id = this.nextEvent;
    return new Promise((resolve, reject) => {
      this.handled.set(id, (error) => (error ? reject(new Error(error)) : resolve()));
      this.worker.postMessage({ type: 'event', id, event });
    });
  }

  close(): Promise<number> {
    this.listener = undefined;
    return this.worker.terminate();
  }
}

/** Keeps `spares` instances booted ahead of need. */
export class InstancePool {
  private readonly spares: AppInstance[] = [];
  private closed = false;
  private refill: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly cloud: LocalCloud,
    private readonly size = 1,
    /** Booting takes a few seconds of CPU: the next spare waits until the taken one painted. */
    private readonly refillDelayMs = 1500,
  ) {
    this.fill();
  }

  private fill(): void {
    while (!this.closed && this.spares.length < this.size) this.spares.push(new AppInstance(this.cloud));
  }

  /** A booted instance (the next spare starts booting shortly after). */
  async take(): Promise<AppInstance> {
    const instance = this.spares.shift() ?? new AppInstance(this.cloud);
    clearTimeout(this.refill);
    this.refill = setTimeout(() => this.fill(), this.refillDelayMs);
    await instance.ready;
    return instance;
  }

  /** The app's code changed: spares booted from the old code are dropped, new ones boot. */
  renew(): void {
    if (this.closed) return;
    for (const spare of this.spares.splice(0)) void spare.close();
    this.fill();
  }

  /** Resolves when the spares have booted (for benchmarks and tests). */
  async warm(): Promise<void> {
    await Promise.all(this.spares.map((spare) => spare.ready));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.refill);
    await Promise.all(this.spares.splice(0).map((spare) => spare.close()));
  }
}

/**
 * Entry of an app-instance worker thread (started by ../instances.ts through tsx's require
 * hook). Boots the environment and compiles every page ahead of time, says `ready`, then
 * runs one app: `start` launches it, `event` plays a user event. The main thread answers
 * the cloud calls it sends (`rpc`).
 */
import { parentPort } from 'worker_threads';
import type { CloudMethod, FromWorker, ToWorker } from '../protocol';
import { installEnvironment } from './environment';

installEnvironment();

/* eslint-disable @typescript-eslint/no-require-imports -- loaded after the environment exists */
const { appConfig } = require('../../../miniprogram/config') as typeof import('../../../miniprogram/config');
// The app reaches the cloud through wx.cloud (the fake's, on the shared LocalCloud).
appConfig.cloudEnv = 'local-preview';
const { installFakeWx } =
  require('../../../test/support/fake-wx') as typeof import('../../../test/support/fake-wx');
const { load } = require('../../../test/support/render') as typeof import('../../../test/support/render');
const { readAppConfig } =
  require('../../screenshots/app-config') as typeof import('../../screenshots/app-config');
const { PreviewApp } = require('./preview-app') as typeof import('./preview-app');
const { toError } = require('./cloud-proxy') as typeof import('./cloud-proxy');
/* eslint-enable @typescript-eslint/no-require-imports */

const port = parentPort;
if (!port) throw new Error('scripts/preview/app/worker.ts runs as a worker thread');
const send = (message: FromWorker) => port.postMessage(message);

// WeChat logs what the app's promises leave unhandled; it does not stop the app.
process.on('unhandledRejection', (reason) => {
  send({
    type: 'problem',
    text: `unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`,
  });
});

const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
let nextCall = 0;
function callCloud(method: CloudMethod, args: unknown[]): Promise<unknown> {
  nextCall += 1;
  const id = nextCall;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    send({ type: 'rpc', id, method, args });
  });
}

// Compile every page (and its components) now, so the first paint and each navigation
// only render. A provisional fake `wx` stands in until the app starts.
installFakeWx({ localCloud: { callFunction: () => Promise.reject(new Error('not started')) } as never });
for (const route of readAppConfig().pages) load(route);

const app = new PreviewApp({
  callCloud,
  sendFrame: (frame) => send({ type: 'frame', frame }),
  saveDevice: (device) => send({ type: 'device', device }),
  problem: (text) => send({ type: 'problem', text }),
  clipboard: (text) => send({ type: 'clipboard', text }),
  log: (entry) => send({ type: 'log', entry }),
});

let queue: Promise<void> = Promise.resolve();
port.on('message', (message: ToWorker) => {
  if (message.type === 'rpc-result') {
    const call = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) call?.resolve(message.value);
    else call?.reject(toError(message.error));
    return;
  }
  // Events are played one after another, as a phone delivers them.
  queue = queue.then(async () => {
    if (message.type === 'start') {
      await app.start(message);
      return;
    }
    try {
      await app.handle(message.event);
      send({ type: 'handled', id: message.id });
    } catch (error) {
      send({
        type: 'handled',
        id: message.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  });
});

send({ type: 'ready' });

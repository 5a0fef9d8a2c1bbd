/**
 * The preview server: the app running in Node, shown live in the browser.
 *
 *   GET  /                         the preview page (phone frame + the client script)
 *   GET  /preview.js               the client script (client/shell.ts, bundled at start)
 *   GET  /api/connect?device=<id>[&path=<page>]
 *                                  Server-Sent Events: `session` {id}, then a `frame` per change,
 *                                  `device` (settings, privacy), `log` (wx and cloud calls),
 *                                  `clipboard`, `restarting`, `end`
 *   POST /api/sessions/<id>/events {event}  plays a user event; answers once its frame was sent
 *   POST /api/sessions/<id>/launch {settings}  base library / platform: restarts the app
 *   POST /api/sessions/<id>/reset  forgets the device's data (storage, privacy, scopes); restarts
 *   GET  /health                   { ok, sessions }
 *
 * Listens on 127.0.0.1 only and refuses other machines, proxies and cross-site pages
 * (request-guard.ts).
 */
import { buildSync } from 'esbuild';
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import type { LocalCloud } from '../local-cloud';
import { DEFAULT_APPID } from '../local-cloud/device-identity';
import { chromeStyles } from '../screenshots/compose';
import { deviceState, DeviceStore, isDeviceId } from './device-store';
import { launchSettings, MAX_PICTURE_BYTES, parseUserEvent } from './event-input';
import { refusal } from './request-guard';
import type { SourceChange } from './watch';
import { Sessions } from './sessions';
import { shellPage } from './shell-page';

export interface PreviewOptions {
  cloud: LocalCloud;
  /** Rebuilds the cloud functions after a change (default: none, for a cloud that runs the sources). */
  buildFunctions?: () => Promise<unknown>;
  /** 0 picks a free port. Default 3901. */
  port?: number;
  /** Where device storage persists (the local cloud's data folder); omitted = in memory. */
  dataDir?: string;
  appid?: string;
  /** Instances booted ahead of need (default 1). */
  spares?: number;
  maxSessions?: number;
  idleMs?: number;
  log?: (line: string) => void;
}

export interface RunningPreview {
  url: string;
  port: number;
  sessions: Sessions;
  /**
   * The sources changed (see watch.ts): cloud functions are rebuilt and reloaded, and every
   * open tab restarts its app on the page it shows. A build error is shown in the tabs and
   * the running code stays.
   */
  reload(change: SourceChange): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_PREVIEW_PORT = 3901;
/** A picked picture travels as base64 inside the event. */
const MAX_BODY_BYTES = Math.ceil(MAX_PICTURE_BYTES / 3) * 4 + 64 * 1024;

function clientScript(): string {
  const result = buildSync({
    entryPoints: [path.join(__dirname, 'client', 'shell.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome100',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  response.end(body);
}

const sendJson = (response: ServerResponse, status: number, value: unknown) =>
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));

async function readJson(request: IncomingMessage): Promise<unknown> {
  if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
    throw new Error('the body must be JSON (Content-Type: application/json)');
  }
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('the body is too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new Error('the body is not valid JSON');
  }
}

export async function startPreview(options: PreviewOptions): Promise<RunningPreview> {
  const log = options.log ?? ((line: string) => console.warn(line));
  const devices = new DeviceStore(options.dataDir);
  const sessions = new Sessions(options.cloud, devices, {
    appid: options.appid ?? DEFAULT_APPID,
    spares: options.spares,
    maxSessions: options.maxSessions,
    idleMs: options.idleMs,
    log,
  });
  const script = clientScript();
  const page = shellPage(chromeStyles());

  const server = createServer((request, response) => {
    const refused = refusal(request);
    if (refused) {
      sendJson(response, 403, { error: refused });
      return;
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = `${request.method} ${url.pathname}`;
    if (route === 'GET /') return send(response, 200, 'text/html; charset=utf-8', page);
    if (route === 'GET /preview.js') return send(response, 200, 'text/javascript; charset=utf-8', script);
    if (route === 'GET /favicon.ico') return send(response, 204, 'image/x-icon', '');
    if (route === 'GET /health') return sendJson(response, 200, { ok: true, sessions: sessions.size });
    if (route === 'GET /api/connect') return void connect(request, response, url);
    const sessionPath = /^POST \/api\/sessions\/([A-Za-z0-9_-]{16,64})\/(events|launch|reset)$/.exec(route);
    if (sessionPath) return void onSession(request, response, sessionPath[1], sessionPath[2]);
    sendJson(response, 404, { error: `no such endpoint: ${request.method} ${url.pathname}` });
  });

  async function connect(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const deviceId = url.searchParams.get('device');
    if (!isDeviceId(deviceId))
      return sendJson(response, 400, { error: 'device must be 8-64 of A-Z a-z 0-9 _ -' });
    // Where the tab was before a reload (the app checks it is one of its pages).
    const path = (url.searchParams.get('path') ?? '').slice(0, 300) || undefined;
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const write = (name: string, data: unknown) => {
      if (!response.writableEnded) response.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const heartbeat = setInterval(() => write('ping', {}), 15_000);
    let sessionId: string | undefined;
    let gone = false;
    request.on('close', () => {
      gone = true;
      clearInterval(heartbeat);
      if (sessionId) void sessions.close(sessionId);
    });
    try {
      const session = await sessions.open(
        deviceId,
        {
          frame: (frame) => write('frame', frame),
          device: (device) =>
            write('device', { settings: device.settings, privacyAgreed: device.privacyAgreed }),
          clipboard: (text) => write('clipboard', { text }),
          log: (entry) => write('log', entry),
          restarting: (reason) => write('restarting', { reason }),
          notice: (text) => write('notice', { text }),
          end: (reason) => {
            write('end', { reason });
            response.end();
          },
        },
        path,
      );
      sessionId = session.id;
      if (gone) return void sessions.close(session.id);
      write('session', { id: session.id });
    } catch (error) {
      write('end', { reason: (error as Error).message });
      response.end();
    }
  }

  async function onSession(
    request: IncomingMessage,
    response: ServerResponse,
    id: string,
    action: string,
  ): Promise<void> {
    const session = sessions.get(id);
    if (!session)
      return sendJson(response, 404, { error: 'no such session (the tab was closed or timed out)' });
    let body: unknown;
    let run: () => Promise<void>;
    try {
      body = await readJson(request);
      if (action === 'events') {
        const event = parseUserEvent(body);
        run = () => session.event(event);
      } else if (action === 'launch') {
        const settings = launchSettings(body);
        run = () =>
          session.restart('切换基础库 / 平台', (device) => ({
            ...device,
            settings: { ...device.settings, ...settings },
          }));
      } else {
        run = () =>
          session.restart(
            '清除本机数据',
            (device) => ({ ...deviceState(undefined), settings: device.settings }),
            '',
          );
      }
    } catch (error) {
      return sendJson(response, (error as Error).message.includes('too large') ? 413 : 400, {
        error: (error as Error).message,
      });
    }
    try {
      await run();
      sendJson(response, 200, { ok: true });
    } catch (error) {
      sendJson(response, 500, { error: (error as Error).message });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PREVIEW_PORT, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    sessions,
    async reload(change) {
      const shown = change.files.slice(0, 3).join(', ') + (change.files.length > 3 ? ' …' : '');
      if (change.kinds.has('functions')) {
        try {
          await options.buildFunctions?.();
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          log(`[preview] cloud functions did not build: ${message}`);
          sessions.notify(`云函数构建失败，仍在运行修改前的代码：${message.slice(0, 500)}`);
          return;
        }
        options.cloud.reloadFunctions();
      }
      log(`[preview] reloading after a change: ${shown}`);
      await sessions.reloadAll(`代码已修改：${shown}`);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sessions.closeAll();
    },
  };
}

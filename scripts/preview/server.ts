/**
 * The preview server: the app running in Node, shown live in the browser.
 *
 *   GET  /                         the preview page (phone frame + the client script)
 *   GET  /preview.js               the client script (client/shell.ts, bundled at start)
 *   GET  /api/connect?device=<id>  Server-Sent Events: `session` {id}, then a `frame` per change
 *   POST /api/sessions/<id>/events {event}  plays a user event; answers once its frame was sent
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
import { DeviceStore, isDeviceId } from './device-store';
import type { UserEvent } from './protocol';
import { refusal } from './request-guard';
import { Sessions } from './sessions';
import { shellPage } from './shell-page';

export interface PreviewOptions {
  cloud: LocalCloud;
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
  close(): Promise<void>;
}

export const DEFAULT_PREVIEW_PORT = 3901;
const MAX_EVENT_BYTES = 64 * 1024;
const EVENT_TYPES = new Set(['tap', 'input', 'focus', 'blur', 'confirm', 'nav', 'tab', 'modal']);

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

async function readEvent(request: IncomingMessage): Promise<UserEvent> {
  if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
    throw new Error('events are JSON');
  }
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_EVENT_BYTES) throw new Error('event too large');
    chunks.push(chunk as Buffer);
  }
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { event?: UserEvent };
  const event = body.event;
  if (!event || typeof event !== 'object' || !EVENT_TYPES.has(event.type)) throw new Error('unknown event');
  return event;
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
    const eventPath = /^POST \/api\/sessions\/([A-Za-z0-9_-]{16,64})\/events$/.exec(route);
    if (eventPath) return void play(request, response, eventPath[1]);
    sendJson(response, 404, { error: `no such endpoint: ${request.method} ${url.pathname}` });
  });

  async function connect(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const deviceId = url.searchParams.get('device');
    if (!isDeviceId(deviceId))
      return sendJson(response, 400, { error: 'device must be 8-64 of A-Z a-z 0-9 _ -' });
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    const write = (name: string, data: unknown) => {
      if (!response.writableEnded) response.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), 15_000);
    let sessionId: string | undefined;
    let gone = false;
    request.on('close', () => {
      gone = true;
      clearInterval(heartbeat);
      if (sessionId) void sessions.close(sessionId);
    });
    try {
      const session = await sessions.open(deviceId, {
        frame: (frame) => write('frame', frame),
        end: (reason) => {
          write('end', { reason });
          response.end();
        },
      });
      sessionId = session.id;
      if (gone) return void sessions.close(session.id);
      write('session', { id: session.id });
    } catch (error) {
      write('end', { reason: (error as Error).message });
      response.end();
    }
  }

  async function play(request: IncomingMessage, response: ServerResponse, id: string): Promise<void> {
    const session = sessions.get(id);
    if (!session)
      return sendJson(response, 404, { error: 'no such session (the tab was closed or timed out)' });
    let event: UserEvent;
    try {
      event = await readEvent(request);
    } catch (error) {
      return sendJson(response, 400, { error: (error as Error).message });
    }
    try {
      await session.event(event);
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
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sessions.closeAll();
    },
  };
}

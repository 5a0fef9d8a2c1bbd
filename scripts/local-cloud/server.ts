/**
 * The local cloud over HTTP, for the mini-program in WeChat DevTools without a cloud
 * environment (it calls these endpoints with wx.request). Listens on 127.0.0.1 only.
 *
 *   npx tsx scripts/local-cloud/server.ts [--port 3900] [--data .local-cloud] [--appid wx...] [--env local-env]
 *
 * Endpoints (JSON unless noted; failures are `{ errCode, errMsg }` with a 4xx/5xx status):
 *   GET  /health                          { ok, envId, appid, functions }
 *   POST /functions/<name>  { data }      { result }
 *   POST /storage/upload?cloudPath=...    raw bytes (or wx.uploadFile's multipart) → { fileID }
 *   GET  /storage/files/<cloudPath>       the bytes
 *   POST /storage/temp-url  { fileList }  { fileList: [{ fileID, tempFileURL, status, errMsg, maxAge }] }
 *   POST /storage/delete    { fileList }  { fileList: [{ fileID, status, errMsg }] }
 * Identity: header X-Local-Device (a random id the client keeps) → a stable fake openid;
 * without it the caller is a web caller (CloudBase web SDK): TCB_SOURCE_IP = the peer, and
 * TCB_UUID = the X-Local-Web-User header when given.
 *
 * Never expose this server to a network or put it behind a proxy: it trusts whoever sends
 * a device id. It refuses non-loopback peers, proxied and cross-site requests, non-JSON
 * function calls and oversized bodies (request-guard.ts, http-io.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import {
  DEFAULT_APPID,
  DEVICE_HEADER,
  WEB_USER_HEADER,
  deviceOpenid,
  isValidDeviceId,
  isValidWebUserId,
} from './device-identity';
import { CloudSdkError, ErrCode, describeError } from './errors';
import {
  HttpError,
  multipartBoundary,
  parseJsonObject,
  parseMultipart,
  peerAddress,
  readBody,
  requireJsonContentType,
  sendJson,
} from './http-io';
import { LocalCloud, REPO_ROOT, type Identity, type LoadMode } from './index';
import { createRedactor } from './redact-paths';
import { refuseForeignRequest, setCorsHeaders } from './request-guard';
import { CLIENT_READ_DENIED, CLIENT_WRITE_DENIED, ClientStorageAccess } from './client-storage-access';
import { checkCloudPath, contentTypeOf } from './storage';
import type { StorageRules } from './storage-rules';

export interface ServerOptions {
  cloud: LocalCloud;
  /** 0 picks a free port. Default 3900. */
  port?: number;
  /** Only loopback is allowed. */
  host?: '127.0.0.1';
  /** The APPID every caller gets, and the salt of device openids. */
  appid?: string;
  /** Largest accepted upload body, bytes; default 10 MB. JSON bodies: at most 1 MB. */
  maxBodyBytes?: number;
  /** The storage rule client uploads, deletes and reads obey; default security/storage.rules.json. */
  storageRules?: StorageRules;
  /** Point the cloud's temp file URLs at this server (default true). */
  setPublicUrl?: boolean;
  /** Do not log failed calls (tests). */
  quiet?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 3900;
const DEFAULT_MAX_BODY = 10 * 1024 * 1024;
/** Function calls and the JSON storage endpoints (the cloud's own limit for a call's data is lower). */
export const MAX_JSON_BODY = 1024 * 1024;

const STATUS_OF_ERRCODE: Record<number, number> = {
  [ErrCode.INVALID_PARAM]: 400,
  [ErrCode.STORAGE_PERMISSION_DENIED]: 403,
  [ErrCode.FUNCTION_NOT_FOUND]: 404,
  [ErrCode.STORAGE_FILE_NOT_EXISTS]: 404,
  [ErrCode.FUNCTION_TIMEOUT]: 504,
};

interface RequestContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  /** Set when the request carries a valid X-Local-Device header. */
  openid?: string;
}

function fileList(body: Record<string, unknown>): unknown[] {
  if (!Array.isArray(body.fileList))
    throw new HttpError(400, ErrCode.INVALID_PARAM, 'fileList must be an array');
  if (body.fileList.length > 50)
    throw new HttpError(400, ErrCode.INVALID_PARAM, 'fileList has more than 50 items');
  return body.fileList;
}

function requireUser(context: RequestContext): string {
  if (!context.openid) {
    throw new HttpError(
      401,
      ErrCode.INVALID_PARAM,
      'this request needs an X-Local-Device header (a logged-in user)',
    );
  }
  return context.openid;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { cloud } = options;
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new Error('startServer: the local cloud listens on 127.0.0.1 only');
  const appid = options.appid ?? DEFAULT_APPID;
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const maxJsonBody = Math.min(MAX_JSON_BODY, maxBody);
  const access = new ClientStorageAccess(options.storageRules);
  const redact = createRedactor({
    repo: REPO_ROOT,
    functions: cloud.functionsRoot,
    data: cloud.dataDir,
    cwd: process.cwd(),
  });
  /** Every failure a client sees: the platform's shape, without paths of this machine. */
  const sendError = (response: ServerResponse, status: number, errCode: number, errMsg: string) =>
    sendJson(response, status, { errCode, errMsg: redact(errMsg) });

  async function jsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
    requireJsonContentType(request);
    return parseJsonObject(await readBody(request, maxJsonBody));
  }

  const log = (...parts: unknown[]) => {
    if (!options.quiet) console.error('[local-cloud]', ...parts);
  };

  /** A device user is a mini-program caller; anyone else is a CloudBase web caller. */
  function callerOf(context: RequestContext): Identity {
    if (context.openid) return { OPENID: context.openid, APPID: appid };
    const webUser = context.request.headers[WEB_USER_HEADER];
    return {
      TCB_SOURCE_IP: peerAddress(context.request),
      ...(isValidWebUserId(webUser) ? { TCB_UUID: webUser } : {}),
    };
  }

  async function callFunction(context: RequestContext, name: string): Promise<void> {
    const body = await jsonBody(context.request);
    const identity = callerOf(context);
    try {
      const result = await cloud.callFunction(name, body.data ?? {}, identity);
      sendJson(context.response, 200, { result });
    } catch (error) {
      if (!(error instanceof CloudSdkError)) throw error;
      const cause = (error as { cause?: unknown }).cause;
      if (error.errCode !== ErrCode.FUNCTION_NOT_FOUND)
        log(`${name} failed:`, cause instanceof Error ? cause : error.errMsg);
      sendError(context.response, STATUS_OF_ERRCODE[error.errCode] ?? 500, error.errCode, error.errMsg);
    }
  }

  /**
   * Raw bytes with `?cloudPath=`, or multipart/form-data as wx.uploadFile sends it
   * (the file part, and `cloudPath` in the query or as a form field).
   */
  async function upload(context: RequestContext): Promise<void> {
    const openid = requireUser(context);
    const body = await readBody(context.request, maxBody);
    const headerType = context.request.headers['content-type'];
    const boundary = multipartBoundary(headerType);
    let cloudPath = context.url.searchParams.get('cloudPath');
    let content = body;
    let declaredType = boundary ? undefined : headerType;
    if (boundary) {
      const parts = parseMultipart(body, boundary);
      const file =
        parts.find((part) => part.filename !== undefined) ?? parts.find((part) => part.name === 'file');
      if (!file) throw new HttpError(400, ErrCode.INVALID_PARAM, 'multipart upload without a file part');
      content = file.content;
      declaredType = file.contentType;
      cloudPath ??= parts.find((part) => part.name === 'cloudPath')?.content.toString('utf8') ?? null;
    }
    try {
      checkCloudPath(cloudPath);
    } catch (error) {
      throw new HttpError(400, ErrCode.INVALID_PARAM, (error as Error).message);
    }
    if (!access.mayWrite(openid, cloudPath, cloud.storage.infoByPath(cloudPath))) {
      throw new HttpError(403, ErrCode.STORAGE_PERMISSION_DENIED, CLIENT_WRITE_DENIED);
    }
    // The file name decides the type; a declared media type helps only for unknown extensions.
    const contentType =
      contentTypeOf(cloudPath) === 'application/octet-stream' &&
      declaredType &&
      /^(image|audio|video|text)\//.test(declaredType)
        ? declaredType
        : undefined;
    sendJson(
      context.response,
      200,
      cloud.storage.upload({ cloudPath, content, ownerOpenid: openid, contentType }),
    );
  }

  function serveFile(context: RequestContext, encodedPath: string): void {
    let cloudPath: string;
    try {
      cloudPath = encodedPath.split('/').map(decodeURIComponent).join('/');
      checkCloudPath(cloudPath);
    } catch (error) {
      throw new HttpError(400, ErrCode.INVALID_PARAM, `bad file path: ${(error as Error).message}`);
    }
    const info = cloud.storage.infoByPath(cloudPath);
    if (!access.mayRead(context.openid, cloudPath, info)) {
      throw new HttpError(403, ErrCode.STORAGE_PERMISSION_DENIED, CLIENT_READ_DENIED);
    }
    const content = info && cloud.storage.readPath(cloudPath);
    if (!info || !content) throw new HttpError(404, ErrCode.STORAGE_FILE_NOT_EXISTS, `no file ${cloudPath}`);
    context.response.writeHead(200, {
      'Content-Type': info.contentType,
      'Content-Length': content.length,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      // Uploaded HTML or SVG must not run scripts on this origin.
      'Content-Security-Policy': 'sandbox',
    });
    context.response.end(content);
  }

  async function route(context: RequestContext): Promise<void> {
    const { request, url } = context;
    const method = request.method ?? 'GET';
    const pathname = url.pathname;
    const allow = (...methods: string[]) => {
      if (!methods.includes(method)) throw new HttpError(405, -1, `${method} is not allowed on ${pathname}`);
    };
    if (pathname === '/health') {
      allow('GET');
      sendJson(context.response, 200, {
        ok: true,
        envId: cloud.envId,
        appid,
        functions: cloud.functionNames(),
      });
    } else if (pathname.startsWith('/functions/')) {
      allow('POST');
      let name: string;
      try {
        name = decodeURIComponent(pathname.slice('/functions/'.length));
      } catch {
        throw new HttpError(400, ErrCode.INVALID_PARAM, 'malformed function name in the URL');
      }
      await callFunction(context, name);
    } else if (pathname === '/storage/upload') {
      allow('POST');
      await upload(context);
    } else if (pathname.startsWith('/storage/files/')) {
      allow('GET');
      serveFile(context, pathname.slice('/storage/files/'.length));
    } else if (pathname === '/storage/temp-url') {
      allow('POST');
      const body = await jsonBody(request);
      const items = cloud.storage.getTempFileURL(fileList(body) as string[]).map((item) => {
        const cloudPath = item.status === 0 ? cloud.storage.cloudPathOf(item.fileID) : undefined;
        if (
          cloudPath === undefined ||
          access.mayRead(context.openid, cloudPath, cloud.storage.infoByPath(cloudPath))
        ) {
          return item;
        }
        return {
          ...item,
          tempFileURL: '',
          status: -1 as const,
          errMsg: 'STORAGE_EXCEED_AUTHORITY: permission denied',
        };
      });
      sendJson(context.response, 200, { fileList: items });
    } else if (pathname === '/storage/delete') {
      allow('POST');
      const openid = requireUser(context);
      const body = await jsonBody(request);
      const items = cloud.storage.deleteFile(fileList(body) as string[], (info) =>
        access.mayWrite(openid, info.cloudPath, info),
      );
      sendJson(context.response, 200, { fileList: items });
    } else {
      throw new HttpError(404, -1, `no such endpoint: ${method} ${pathname}`);
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      setCorsHeaders(request, response);
      refuseForeignRequest(request);
      if (request.method === 'OPTIONS') {
        response.writeHead(204);
        response.end();
        return;
      }
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const context: RequestContext = { request, response, url };
      const device = request.headers[DEVICE_HEADER];
      if (device !== undefined) {
        if (!isValidDeviceId(device)) {
          throw new HttpError(
            400,
            ErrCode.INVALID_PARAM,
            'X-Local-Device must be 4-128 letters, digits, "_" or "-"',
          );
        }
        context.openid = deviceOpenid(appid, device);
      }
      await route(context);
    } catch (error) {
      if (error instanceof HttpError) {
        sendError(response, error.status, error.errCode, error.message);
      } else {
        log('internal error:', error);
        sendError(response, 500, -1, `local cloud internal error: ${describeError(error)}`);
      }
    }
  }

  const server: Server = createServer((request, response) => {
    void handle(request, response);
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host}:${port}`;
  if (options.setPublicUrl !== false) cloud.storage.setPublicUrl(url);
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections?.();
      }),
  };
}

function parseArguments(argv: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!match) throw new Error(`unexpected argument: ${argv[i]}`);
    const value = match[2] ?? argv[i + 1];
    if (match[2] === undefined) i += 1;
    if (value === undefined) throw new Error(`--${match[1]} needs a value`);
    values[match[1]] = value;
  }
  return values;
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  const known = ['port', 'data', 'appid', 'env', 'load'];
  for (const key of Object.keys(args)) {
    if (!known.includes(key))
      throw new Error(`unknown option --${key} (known: ${known.map((k) => `--${k}`).join(' ')})`);
  }
  const port = args.port === undefined ? DEFAULT_PORT : Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number`);
  const dataDir = path.resolve(args.data ?? path.join(REPO_ROOT, '.local-cloud'));
  const load = (args.load ?? 'auto') as LoadMode;
  if (!['auto', 'source', 'built'].includes(load)) throw new Error('--load must be auto, source or built');
  const cloud = new LocalCloud({ dataDir, load, envId: args.env });
  const server = await startServer({ cloud, port, appid: args.appid });
  console.info(`[local-cloud] listening on ${server.url} (data: ${dataDir}, functions: ${load})`);
  console.info(`[local-cloud] functions: ${cloud.functionNames().join(', ') || '(none)'}`);
  const stop = () => {
    void server.close().then(() => {
      cloud.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if ((require as unknown as NodeJS.Require).main === module) {
  main().catch((error: unknown) => {
    console.error(`[local-cloud] ${describeError(error)}`);
    process.exit(1);
  });
}

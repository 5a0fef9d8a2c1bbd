import type { IncomingHttpHeaders, ServerResponse } from 'http';
import { HttpError } from './http-io';

/**
 * What the dev server refuses before routing a request. It serves one developer's
 * machine: the mini-program in WeChat DevTools and pages on localhost. Everything else is
 * refused, so that neither a web page in the developer's browser nor another machine can
 * run functions or write files:
 * - a peer that is not loopback, and any request that came through a proxy (a proxy makes
 *   every remote client look local and share one identity and one IP quota);
 * - a Host other than localhost / 127.0.0.1 / [::1] (DNS rebinding);
 * - a cross-site browser request: an Origin that is not a localhost page, or
 *   `Sec-Fetch-Site: cross-site` (CORS would only hide the answer, the call would run).
 */
export interface GuardedRequest {
  headers: IncomingHttpHeaders;
  socket: { remoteAddress?: string };
}

const PROXY_HEADERS = [
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-real-ip',
  'via',
];
const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;
const LOCAL_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;
const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1)$/;

/** The first header that shows the request came through a proxy, if any. */
export function proxyHeaderOf(headers: IncomingHttpHeaders): string | undefined {
  return PROXY_HEADERS.find((name) => headers[name] !== undefined);
}

/** 127.0.0.0/8 or ::1 (also written as an IPv4-mapped IPv6 address). */
export function isLoopbackAddress(address: string | undefined): boolean {
  return typeof address === 'string' && LOOPBACK.test(address.replace(/^::ffff:/i, ''));
}

/** A page served from this machine (any port), e.g. http://localhost:5173. */
export function isLocalOrigin(origin: unknown): origin is string {
  return typeof origin === 'string' && LOCAL_ORIGIN.test(origin);
}

/** A Host header naming this machine (not a rebound DNS name). */
export function isLocalHostHeader(host: string | undefined): boolean {
  return typeof host === 'string' && LOCAL_HOST.test(host);
}

/** Throws the HttpError (403) that refuses `request`, if any. */
export function refuseForeignRequest(request: GuardedRequest): void {
  const refuse = (reason: string) => new HttpError(403, -1, reason);
  if (!isLoopbackAddress(request.socket.remoteAddress)) {
    throw refuse('the local cloud only answers requests from this machine (loopback)');
  }
  const proxyHeader = proxyHeaderOf(request.headers);
  if (proxyHeader) {
    throw refuse(
      `requests through a proxy are refused (${proxyHeader} header): never expose the local cloud`,
    );
  }
  if (!isLocalHostHeader(request.headers.host)) {
    throw refuse('the local cloud only answers requests addressed to 127.0.0.1 or localhost');
  }
  const { origin } = request.headers;
  if (origin !== undefined && !isLocalOrigin(origin)) {
    throw refuse('cross-site request refused: only pages on localhost / 127.0.0.1 may call the local cloud');
  }
  if (request.headers['sec-fetch-site'] === 'cross-site') {
    throw refuse(
      'cross-site request refused (Sec-Fetch-Site): open the page on the same host name as the local cloud ' +
        '(e.g. both on 127.0.0.1)',
    );
  }
}

/** CORS for pages served from another localhost port; other origins get no CORS headers. */
export function setCorsHeaders(request: GuardedRequest, response: ServerResponse): void {
  const { origin } = request.headers;
  if (!isLocalOrigin(origin)) return;
  response.setHeader('Access-Control-Allow-Origin', origin);
  response.setHeader('Vary', 'Origin');
  response.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  response.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Local-Device, X-Local-Web-User');
  response.setHeader('Access-Control-Max-Age', '600');
}

/**
 * What the preview server refuses, with the local cloud server's rules (see
 * scripts/local-cloud/request-guard.ts): it drives app instances that act as logged-in
 * users, so only this machine may reach it — loopback peers, no proxy, a Host naming this
 * machine (no DNS rebinding), and no cross-site page (an Origin must be the preview's own).
 */
import type { IncomingMessage } from 'http';
import { isLocalHostHeader, isLoopbackAddress, proxyHeaderOf } from '../local-cloud/request-guard';

/** The reason to refuse `request`, or undefined when it may be served. */
export function refusal(request: IncomingMessage): string | undefined {
  if (!isLoopbackAddress(request.socket.remoteAddress))
    return 'the preview only answers this machine (loopback)';
  const proxied = proxyHeaderOf(request.headers);
  if (proxied) return `requests through a proxy are refused (${proxied} header): never expose the preview`;
  const host = request.headers.host;
  if (!host || !isLocalHostHeader(host))
    return 'the preview only answers requests addressed to 127.0.0.1 or localhost';
  const origin = request.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) return 'cross-site request refused';
  if (request.headers['sec-fetch-site'] === 'cross-site')
    return 'cross-site request refused (Sec-Fetch-Site)';
  return undefined;
}

import type { IncomingMessage, ServerResponse } from 'http';

/** Small request/response helpers of the dev server. */

/** A failure answered with an HTTP status and the platform's `{ errCode, errMsg }` body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** How much of an oversized body is still read (and dropped) before the socket is cut. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/** Reads the whole body, refusing more than `limit` bytes with 413 (after draining it). */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const megabytes = `${Math.round((limit / 1024 / 1024) * 10) / 10} MB`;
  const tooLarge = () => new HttpError(413, -501007, `request body too large: the limit is ${megabytes}`);
  const declared = Number(request.headers['content-length']);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    if (Number.isFinite(declared) && declared > limit) failed = true;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) failed = true;
      // Keep reading (and dropping) so the client sees the 413 instead of a reset socket,
      // but not forever.
      if (failed && size > limit + DRAIN_LIMIT) request.destroy();
      if (!failed) chunks.push(chunk);
    });
    request.on('end', () => (failed ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    request.on('error', (error) => reject(failed ? tooLarge() : error));
    request.on('close', () => {
      if (failed) reject(tooLarge());
    });
  });
}

const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?[\w-]+"?\s*)?$/i;

/**
 * Refuses a body that is not declared as JSON (415). A form or text/plain POST is a
 * "simple request" a browser sends cross-site without a preflight: it must never run.
 */
export function requireJsonContentType(request: IncomingMessage): void {
  const type = request.headers['content-type'];
  if (typeof type !== 'string' || !JSON_TYPE.test(type.trim())) {
    throw new HttpError(415, -501007, 'the body must be JSON, sent with Content-Type: application/json');
  }
}

/** Parses a JSON object body; an empty body is `{}`. */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, -501007, `malformed JSON body: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, -501007, 'the JSON body must be an object');
  }
  return value as Record<string, unknown>;
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  response.end(text);
}

/** The peer's IP without the IPv4-mapped prefix. */
export function peerAddress(request: IncomingMessage): string {
  return (request.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}

export interface MultipartPart {
  name?: string;
  filename?: string;
  contentType?: string;
  content: Buffer;
}

/** The boundary of a multipart/form-data content type, if it is one. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return undefined;
  const match = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/** Splits a multipart/form-data body (what wx.uploadFile sends) into its parts. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  if (start < 0) throw new HttpError(400, -501007, 'malformed multipart body: no boundary found');
  for (;;) {
    start += delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) throw new HttpError(400, -501007, 'malformed multipart body: missing closing boundary');
    // Each part: CRLF, headers, CRLF CRLF, content, CRLF.
    const part = body.subarray(start + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) throw new HttpError(400, -501007, 'malformed multipart body: part without headers');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    parts.push({
      name: /\bname="([^"]*)"/i.exec(disposition)?.[1],
      filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1],
      contentType: /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim(),
      content: Buffer.from(part.subarray(headerEnd + 4)),
    });
    start = next;
  }
  return parts;
}

/** @jest-environment node */
import { request as httpRequest } from 'http';
import path from 'path';
import { LocalCloud } from '../../scripts/local-cloud';
import { DEFAULT_APPID, deviceOpenid } from '../../scripts/local-cloud/device-identity';
import { startServer, type RunningServer } from '../../scripts/local-cloud/server';

const fixtures = path.join(__dirname, 'fixtures');

interface Running {
  cloud: LocalCloud;
  server: RunningServer;
}
const running: Running[] = [];
async function serve(options: { functionsRoot?: string; maxBodyBytes?: number } = {}): Promise<Running> {
  const cloud = new LocalCloud({ functionsRoot: options.functionsRoot });
  const server = await startServer({ cloud, port: 0, quiet: true, maxBodyBytes: options.maxBodyBytes });
  const started = { cloud, server };
  running.push(started);
  return started;
}
afterEach(async () => {
  for (const { cloud, server } of running.splice(0)) {
    await server.close();
    cloud.close();
  }
});

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

type PingResponse = { result: { ok: boolean; data: { openid: string; appid: string; visits: number } } };

describe('the dev HTTP server', () => {
  it('runs ping with a stable openid per device', async () => {
    const { server } = await serve();
    const ping = (device: string) =>
      post(`${server.url}/functions/ping`, { data: { echo: 'x' } }, { 'X-Local-Device': device });

    const first = (await ping('device-aaaa')).body as unknown as PingResponse;
    const again = (await ping('device-aaaa')).body as unknown as PingResponse;
    const other = (await ping('device-bbbb')).body as unknown as PingResponse;

    expect(first.result.ok).toBe(true);
    expect(first.result.data.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    expect(first.result.data.openid).toBe(deviceOpenid(DEFAULT_APPID, 'device-aaaa'));
    expect(first.result.data.appid).toBe(DEFAULT_APPID);
    expect(again.result.data).toMatchObject({ openid: first.result.data.openid, visits: 2 });
    expect(other.result.data.openid).not.toBe(first.result.data.openid);
    expect(other.result.data.visits).toBe(1);
  });

  it('makes calls without a device anonymous, with the peer address as CLIENTIP', async () => {
    const { server } = await serve({ functionsRoot: fixtures });
    const { body } = await post(`${server.url}/functions/identity-echo`, { data: {} });
    expect((body.result as { before: unknown }).before).toEqual({ CLIENTIP: '127.0.0.1', ENV: 'local-env' });
  });

  it('answers bad input with clear errors and keeps running', async () => {
    const { server } = await serve({ functionsRoot: fixtures });
    const badJson = await post(`${server.url}/functions/identity-echo`, '{"data": ');
    expect(badJson.status).toBe(400);
    expect(badJson.body.errMsg).toMatch(/^malformed JSON body/);

    const notObject = await post(`${server.url}/functions/identity-echo`, '[1]');
    expect(notObject.status).toBe(400);

    const unknown = await post(`${server.url}/functions/nope`, { data: {} });
    expect(unknown).toMatchObject({ status: 404, body: { errCode: -501000 } });

    const badName = await post(`${server.url}/functions/${encodeURIComponent('../boom')}`, { data: {} });
    expect(badName).toMatchObject({ status: 400, body: { errCode: -501007 } });

    const thrown = await post(`${server.url}/functions/boom`, { data: {} });
    expect(thrown.status).toBe(500);
    expect(thrown.body).toMatchObject({
      errCode: -504002,
      errMsg: expect.stringContaining('the kettle exploded'),
    });

    const badDevice = await post(
      `${server.url}/functions/identity-echo`,
      { data: {} },
      { 'X-Local-Device': 'a b' },
    );
    expect(badDevice.status).toBe(400);

    expect((await fetch(`${server.url}/functions/boom`)).status).toBe(405);
    expect((await fetch(`${server.url}/elsewhere`)).status).toBe(404);
    const health = await fetch(`${server.url}/health`);
    expect(await health.json()).toMatchObject({ ok: true, functions: expect.arrayContaining(['boom']) });
  });

  it('refuses bodies over the limit with 413', async () => {
    const { server } = await serve({ functionsRoot: fixtures, maxBodyBytes: 1024 });
    const big = await post(`${server.url}/functions/identity-echo`, { data: { text: 'x'.repeat(5000) } });
    expect(big.status).toBe(413);
    expect(big.body.errMsg).toContain('too large');
    const small = await post(`${server.url}/functions/identity-echo`, { data: {} });
    expect(small.status).toBe(200);
  });

  it('uploads and serves files, with temp URLs on this server and owner-only writes', async () => {
    const { server, cloud } = await serve();
    const owner = { 'X-Local-Device': 'device-owner' };
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    const upload = (cloudPath: string, headers: Record<string, string>, body: Buffer = bytes) =>
      fetch(`${server.url}/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
        method: 'POST',
        headers,
        body: new Uint8Array(body),
      });

    const uploaded = await upload('avatars/me.png', owner);
    expect(uploaded.status).toBe(200);
    const { fileID } = (await uploaded.json()) as { fileID: string };
    expect(cloud.storage.owner(fileID)).toBe(deviceOpenid(DEFAULT_APPID, 'device-owner'));

    const file = await fetch(`${server.url}/storage/files/avatars/me.png`);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(bytes);

    const temp = await post(`${server.url}/storage/temp-url`, { fileList: [fileID] });
    const [item] = temp.body.fileList as { tempFileURL: string; status: number }[];
    expect(item.status).toBe(0);
    expect(item.tempFileURL).toBe(`${server.url}/storage/files/avatars/me.png`);
    expect(Buffer.from(await (await fetch(item.tempFileURL)).arrayBuffer())).toEqual(bytes);

    expect((await upload('avatars/me.png', {})).status).toBe(401);
    expect((await upload('avatars/me.png', { 'X-Local-Device': 'device-other' })).status).toBe(403);
    expect((await upload('../escape.png', owner)).status).toBe(400);
    expect((await fetch(`${server.url}/storage/files/avatars/none.png`)).status).toBe(404);

    const refused = await post(
      `${server.url}/storage/delete`,
      { fileList: [fileID] },
      { 'X-Local-Device': 'device-other' },
    );
    expect((refused.body.fileList as { status: number }[])[0].status).toBe(-1);
    const deleted = await post(`${server.url}/storage/delete`, { fileList: [fileID] }, owner);
    expect((deleted.body.fileList as { status: number }[])[0].status).toBe(0);
    expect((await fetch(`${server.url}/storage/files/avatars/me.png`)).status).toBe(404);
  });

  it('accepts the multipart form wx.uploadFile sends', async () => {
    const { server, cloud } = await serve();
    const form = new FormData();
    form.append('cloudPath', 'uploads/photo.jpg');
    form.append('file', new Blob([Buffer.from('jpeg data')], { type: 'image/jpeg' }), 'tmp_123.jpg');
    const response = await fetch(`${server.url}/storage/upload`, {
      method: 'POST',
      headers: { 'X-Local-Device': 'device-owner' },
      body: form,
    });
    expect(response.status).toBe(200);
    const { fileID } = (await response.json()) as { fileID: string };
    expect(cloud.storage.read(fileID)?.toString()).toBe('jpeg data');
  });

  it('sends CORS headers to localhost pages only', async () => {
    const { server } = await serve();
    const preflight = (origin: string) =>
      fetch(`${server.url}/functions/ping`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' },
      });
    const local = await preflight('http://localhost:5173');
    expect(local.status).toBe(204);
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(local.headers.get('access-control-allow-headers')).toContain('X-Local-Device');
    const foreign = await preflight('https://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses requests addressed to another host name', async () => {
    const { server } = await serve();
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const request = httpRequest(
        { host: '127.0.0.1', port: server.port, path: '/health', headers: { Host: 'rebound.example' } },
        (response) => {
          response.resume();
          resolve(response.statusCode);
        },
      );
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(403);
  });

  it('listens on 127.0.0.1 only', async () => {
    const cloud = new LocalCloud();
    try {
      await expect(startServer({ cloud, port: 0, host: '0.0.0.0' as '127.0.0.1' })).rejects.toThrow(
        '127.0.0.1 only',
      );
    } finally {
      cloud.close();
    }
    const { server } = await serve();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

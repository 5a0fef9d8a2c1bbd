/** @jest-environment node */
import { request as httpRequest, type OutgoingHttpHeaders } from 'http';
import os from 'os';
import path from 'path';
import { LocalCloud, REPO_ROOT } from '../../scripts/local-cloud';
import { DEFAULT_APPID, deviceOpenid } from '../../scripts/local-cloud/device-identity';
import { isLoopbackAddress, refuseForeignRequest } from '../../scripts/local-cloud/request-guard';
import { startServer, type RunningServer } from '../../scripts/local-cloud/server';

const fixtures = path.join(__dirname, 'fixtures');

interface Running {
  cloud: LocalCloud;
  server: RunningServer;
}
const running: Running[] = [];
async function serve(
  options: { functionsRoot?: string; maxBodyBytes?: number; collections?: string[] } = {},
): Promise<Running> {
  const cloud = new LocalCloud({ functionsRoot: options.functionsRoot, collections: options.collections });
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

/** A request with exactly these headers (fetch would add or refuse some). */
function send(
  server: RunningServer,
  options: { method?: string; path: string; headers?: OutgoingHttpHeaders; body?: string | Buffer },
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        method: options.method ?? 'POST',
        path: options.path,
        headers: { Host: `127.0.0.1:${server.port}`, ...options.headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: Record<string, unknown> = {};
          try {
            body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            body = { text };
          }
          resolve({ status: response.statusCode ?? 0, body });
        });
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

const json = { 'Content-Type': 'application/json' };

type PingResponse = { result: { ok: boolean; data: { openid: string; appid: string; visits: number } } };

describe('the dev HTTP server', () => {
  it('runs ping with a stable openid per device', async () => {
    const { server } = await serve();
    const ping = (device: string) =>
      post(`${server.url}/functions/ping`, { data: { echo: 'x' } }, { 'X-Local-Device': device });
    for (const device of ['device-aaaa', 'device-bbbb']) {
      await post(`${server.url}/functions/login`, { data: {} }, { 'X-Local-Device': device });
    }

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

  it('makes calls without a device web callers: TCB_SOURCE_IP = the peer, TCB_UUID from X-Local-Web-User', async () => {
    const { server } = await serve({ functionsRoot: fixtures, collections: ['notes'] });
    type Echo = { result: { wxContext: unknown; tcbEnv: Record<string, string> } };
    const anonymous = (await post(`${server.url}/functions/web-caller-echo`, { data: {} })).body as Echo;
    expect(anonymous.result.wxContext).toEqual({});
    expect(anonymous.result.tcbEnv).toMatchObject({ TCB_SOURCE_IP: '127.0.0.1', TCB_SOURCE: 'web' });
    expect(anonymous.result.tcbEnv.TCB_UUID).toBeUndefined();

    const named = (
      await post(
        `${server.url}/functions/web-caller-echo`,
        { data: {} },
        { 'X-Local-Web-User': 'web-user_42' },
      )
    ).body as Echo;
    expect(named.result.tcbEnv).toMatchObject({ TCB_UUID: 'web-user_42', TCB_SOURCE_IP: '127.0.0.1' });

    const malformed = (
      await post(`${server.url}/functions/web-caller-echo`, { data: {} }, { 'X-Local-Web-User': 'a b' })
    ).body as Echo;
    expect(malformed.result.tcbEnv.TCB_UUID).toBeUndefined();
  });

  it('answers bad input with clear errors and keeps running', async () => {
    const { server } = await serve({ functionsRoot: fixtures, collections: ['notes'] });
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
    const { server } = await serve({ functionsRoot: fixtures, collections: ['notes'], maxBodyBytes: 1024 });
    const big = await post(`${server.url}/functions/identity-echo`, { data: { text: 'x'.repeat(5000) } });
    expect(big.status).toBe(413);
    expect(big.body.errMsg).toContain('too large');
    const small = await post(`${server.url}/functions/identity-echo`, { data: {} });
    expect(small.status).toBe(200);
  });

  it('uploads and serves files, with temp URLs on this server and owner-only writes', async () => {
    const { server, cloud } = await serve();
    const owner = { 'X-Local-Device': 'device-owner' };
    const ownerOpenid = deviceOpenid(DEFAULT_APPID, 'device-owner');
    const cloudPath = `avatars/${ownerOpenid}/me.png`;
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
    const upload = (target: string, headers: Record<string, string>, body: Buffer = bytes) =>
      fetch(`${server.url}/storage/upload?cloudPath=${encodeURIComponent(target)}`, {
        method: 'POST',
        headers,
        body: new Uint8Array(body),
      });

    const uploaded = await upload(cloudPath, owner);
    expect(uploaded.status).toBe(200);
    const { fileID } = (await uploaded.json()) as { fileID: string };
    expect(cloud.storage.owner(fileID)).toBe(ownerOpenid);

    const file = await fetch(`${server.url}/storage/files/${cloudPath}`);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(bytes);

    const temp = await post(`${server.url}/storage/temp-url`, { fileList: [fileID] });
    const [item] = temp.body.fileList as { tempFileURL: string; status: number }[];
    expect(item.status).toBe(0);
    expect(item.tempFileURL).toBe(`${server.url}/storage/files/${cloudPath}`);
    expect(Buffer.from(await (await fetch(item.tempFileURL)).arrayBuffer())).toEqual(bytes);

    expect((await upload(cloudPath, {})).status).toBe(401);
    expect((await upload(cloudPath, { 'X-Local-Device': 'device-other' })).status).toBe(403);
    expect((await upload('../escape.png', owner)).status).toBe(400);
    expect((await fetch(`${server.url}/storage/files/avatars/${ownerOpenid}/none.png`)).status).toBe(404);

    const refused = await post(
      `${server.url}/storage/delete`,
      { fileList: [fileID] },
      { 'X-Local-Device': 'device-other' },
    );
    expect((refused.body.fileList as { status: number }[])[0].status).toBe(-1);
    const deleted = await post(`${server.url}/storage/delete`, { fileList: [fileID] }, owner);
    expect((deleted.body.fileList as { status: number }[])[0].status).toBe(0);
    expect((await fetch(`${server.url}/storage/files/${cloudPath}`)).status).toBe(404);
  });

  it('accepts the multipart form wx.uploadFile sends', async () => {
    const { server, cloud } = await serve();
    const form = new FormData();
    form.append('cloudPath', `avatars/${deviceOpenid(DEFAULT_APPID, 'device-owner')}/photo.jpg`);
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
    expect(foreign.status).toBe(403);
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

describe('what the dev HTTP server refuses', () => {
  const echo = '/functions/identity-echo';
  const body = JSON.stringify({ data: {} });

  it('refuses cross-site origins (403), also for simple requests, and runs nothing', async () => {
    const { server, cloud } = await serve({ functionsRoot: fixtures, collections: ['notes'] });
    const calls: unknown[] = [];
    cloud.setIoHook((step) => {
      calls.push(step);
    });
    for (const origin of [
      'https://evil.example',
      'http://localhost.evil.example',
      'null',
      'http://127.0.0.1.nip.io',
    ]) {
      const refused = await send(server, {
        path: '/functions/db-at-load',
        headers: { ...json, Origin: origin },
        body,
      });
      expect({ origin, status: refused.status }).toEqual({ origin, status: 403 });
      expect(refused.body.errMsg).toContain('cross-site');
    }
    const simple = await send(server, {
      path: '/functions/db-at-load',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'text/plain' },
      body,
    });
    expect(simple.status).toBe(403);
    expect(calls).toEqual([]);
    expect(await cloud.database.collection('notes').count()).toMatchObject({ total: 0 });

    for (const origin of [
      'http://localhost:5173',
      'http://127.0.0.1:8080',
      'http://[::1]:3000',
      'https://localhost',
    ]) {
      expect((await send(server, { path: echo, headers: { ...json, Origin: origin }, body })).status).toBe(
        200,
      );
    }
  });

  it('refuses Sec-Fetch-Site: cross-site (403) and accepts same-site / same-origin / none', async () => {
    const { server } = await serve({ functionsRoot: fixtures, collections: ['notes'] });
    const withSite = (site: string) =>
      send(server, { path: echo, headers: { ...json, 'Sec-Fetch-Site': site }, body });
    expect((await withSite('cross-site')).status).toBe(403);
    for (const site of ['same-site', 'same-origin', 'none']) expect((await withSite(site)).status).toBe(200);
  });

  it('refuses function calls that are not JSON (415): forms and text/plain need no preflight', async () => {
    const { server, cloud } = await serve({ functionsRoot: fixtures, collections: ['notes'] });
    for (const type of [
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonp',
      undefined,
    ]) {
      const headers = type === undefined ? {} : { 'Content-Type': type };
      const refused = await send(server, { path: '/functions/db-at-load', headers, body });
      expect({ type, status: refused.status }).toEqual({ type, status: 415 });
    }
    expect(await cloud.database.collection('notes').count()).toMatchObject({ total: 0 });
    for (const type of [
      'application/json',
      'application/json; charset=utf-8',
      'Application/JSON;charset="UTF-8"',
    ]) {
      expect((await send(server, { path: echo, headers: { 'Content-Type': type }, body })).status).toBe(200);
    }
    // The JSON storage endpoints too.
    for (const endpoint of ['/storage/temp-url', '/storage/delete']) {
      const refused = await send(server, {
        path: endpoint,
        headers: { 'Content-Type': 'text/plain', 'X-Local-Device': 'device-owner' },
        body: JSON.stringify({ fileList: [] }),
      });
      expect(refused.status).toBe(415);
    }
  });

  it('never stores a cross-site simple upload (no device header: 401; foreign origin: 403)', async () => {
    const { server, cloud } = await serve();
    const boundary = 'evilboundary';
    const form =
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.png"\r\n` +
      `Content-Type: image/png\r\n\r\npng\r\n--${boundary}--\r\n`;
    const headers = { 'Content-Type': `multipart/form-data; boundary=${boundary}` };
    const target = `/storage/upload?cloudPath=${encodeURIComponent('avatars/oVictim/x.png')}`;
    expect((await send(server, { path: target, headers, body: form })).status).toBe(401);
    const foreign = await send(server, {
      path: target,
      headers: { ...headers, Origin: 'https://evil.example' },
      body: form,
    });
    expect(foreign.status).toBe(403);
    expect(cloud.storage.list()).toEqual([]);
  });

  it.each(['Forwarded', 'X-Forwarded-For', 'X-Forwarded-Host', 'X-Forwarded-Proto', 'X-Real-IP', 'Via'])(
    'refuses a request that came through a proxy (%s → 403)',
    async (header) => {
      const { server } = await serve({ functionsRoot: fixtures, collections: ['notes'] });
      const refused = await send(server, {
        path: echo,
        headers: { ...json, 'X-Local-Device': 'device-aaaa', [header]: 'for=203.0.113.9' },
        body,
      });
      expect(refused.status).toBe(403);
      expect(refused.body.errMsg).toContain('proxy');
      expect(
        (await send(server, { method: 'GET', path: '/health', headers: { [header]: '1.2.3.4' } })).status,
      ).toBe(403);
    },
  );

  it('refuses peers that are not this machine', () => {
    const request = (remoteAddress: string | undefined) => ({
      headers: { host: '127.0.0.1:3900' },
      socket: { remoteAddress },
    });
    for (const address of ['127.0.0.1', '127.0.0.2', '::1', '::ffff:127.0.0.1']) {
      expect(isLoopbackAddress(address)).toBe(true);
      expect(() => refuseForeignRequest(request(address))).not.toThrow();
    }
    for (const address of ['10.0.0.2', '192.168.1.5', '::ffff:10.0.0.2', 'fe80::1', '', undefined]) {
      expect(isLoopbackAddress(address)).toBe(false);
      expect(() => refuseForeignRequest(request(address))).toThrow(expect.objectContaining({ status: 403 }));
    }
  });

  it('limits function calls to 1 MB (413) while uploads keep the larger limit', async () => {
    const { server, cloud } = await serve({ functionsRoot: fixtures, collections: ['notes'] });
    const big = await post(`${server.url}${echo}`, { data: { text: 'x'.repeat(1024 * 1024 + 10) } });
    expect(big.status).toBe(413);
    expect(big.body.errMsg).toContain('1 MB');
    expect((await post(`${server.url}${echo}`, { data: { text: 'x'.repeat(900 * 1024) } })).status).toBe(200);

    const openid = deviceOpenid(DEFAULT_APPID, 'device-owner');
    const upload = await fetch(
      `${server.url}/storage/upload?cloudPath=${encodeURIComponent(`avatars/${openid}/big.png`)}`,
      {
        method: 'POST',
        headers: { 'X-Local-Device': 'device-owner' },
        body: new Uint8Array(2 * 1024 * 1024),
      },
    );
    expect(upload.status).toBe(200);
    expect(cloud.storage.list('avatars/')[0].size).toBe(2 * 1024 * 1024);
  });

  it('answers a 300 KB+ profile update with a huge nickname, and refuses one over 1 MB with 413', async () => {
    const { server } = await serve();
    const device = { 'X-Local-Device': 'device-nick' };
    await post(`${server.url}/functions/login`, { data: {} }, device);
    const update = (nickname: string) =>
      post(`${server.url}/functions/user`, { data: { action: 'updateProfile', nickname } }, device);

    const huge = await update('昵'.repeat(110_000)); // about 330 KB of UTF-8
    expect(huge.status).toBe(200);
    expect(huge.body.result).toMatchObject({ ok: false });
    expect((await update('a'.repeat(1_100_000))).status).toBe(413);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it('never reveals paths of this machine in an error', async () => {
    const { server } = await serve({ functionsRoot: fixtures, collections: ['notes'] });
    const secrets = [REPO_ROOT, fixtures, os.tmpdir(), os.homedir(), process.cwd(), '/var/lib/secret'];
    const answers = [
      await post(`${server.url}/functions/leaky`, { data: {} }),
      await post(`${server.url}/functions/nope`, { data: {} }),
      await post(`${server.url}/functions/no-main`, { data: {} }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([500, 404, 500]);
    for (const answer of answers) {
      for (const secret of secrets) expect(answer.body.errMsg).not.toContain(secret);
    }
    expect(answers[0].body.errMsg).toContain('cannot open <');
    expect(answers[1].body.errMsg).toContain('no cloud function "nope"');
  });
});

describe('the storage rule of security/storage.rules.json, enforced for client requests', () => {
  const alice = { 'X-Local-Device': 'device-alice' };
  const bob = { 'X-Local-Device': 'device-bob' };
  const aliceId = deviceOpenid(DEFAULT_APPID, 'device-alice');
  const bobId = deviceOpenid(DEFAULT_APPID, 'device-bob');
  const upload = (server: RunningServer, cloudPath: string, headers: Record<string, string>) =>
    fetch(`${server.url}/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, {
      method: 'POST',
      headers,
      body: new Uint8Array(Buffer.from('png')),
    }).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
    }));

  it('lets a user write and delete only in avatars/<own openid>/', async () => {
    const { server, cloud } = await serve();
    expect((await upload(server, `avatars/${aliceId}/a.png`, alice)).status).toBe(200);

    for (const denied of [
      `avatars/${bobId}/planted.png`,
      `avatars/${aliceId}`,
      `avatars/${aliceId}/x/y.png`,
      'uploads/a.png',
      'a.png',
    ]) {
      const answer = await upload(server, denied, alice);
      expect({ denied, status: answer.status, errCode: answer.body.errCode }).toEqual({
        denied,
        status: 403,
        errCode: -503002,
      });
    }
    expect(cloud.storage.list().map((file) => file.cloudPath)).toEqual([`avatars/${aliceId}/a.png`]);

    const fileID = cloud.storage.fileIdOf(`avatars/${aliceId}/a.png`);
    const bobDeletes = await post(`${server.url}/storage/delete`, { fileList: [fileID] }, bob);
    expect(bobDeletes.body.fileList).toEqual([expect.objectContaining({ status: -1 })]);
    const aliceDeletes = await post(`${server.url}/storage/delete`, { fileList: [fileID] }, alice);
    expect(aliceDeletes.body.fileList).toEqual([expect.objectContaining({ status: 0 })]);
  });

  it('never lets a user overwrite or delete a file the server put into their folder', async () => {
    const { server, cloud } = await serve();
    const { fileID } = cloud.storage.upload({
      cloudPath: `avatars/${aliceId}/server.png`,
      content: Buffer.from('s'),
    });
    expect((await upload(server, `avatars/${aliceId}/server.png`, alice)).status).toBe(403);
    const deletes = await post(`${server.url}/storage/delete`, { fileList: [fileID] }, alice);
    expect(deletes.body.fileList).toEqual([expect.objectContaining({ status: -1 })]);
  });

  it('lets a user upload into their folder even when a file is named like it ("avatars/<C>" then "avatars/<C>/x")', async () => {
    const { server, cloud } = await serve();
    cloud.storage.upload({ cloudPath: `avatars/${aliceId}`, content: Buffer.from('squatter') });
    expect((await upload(server, `avatars/${aliceId}`, bob)).status).toBe(403);
    expect((await upload(server, `avatars/${aliceId}/x.png`, alice)).status).toBe(200);
    expect((await upload(server, `avatars/${aliceId}/y.png`, alice)).status).toBe(200);
  });

  it('refuses path tricks and callers without a user', async () => {
    const { server, cloud } = await serve();
    for (const trick of [
      `avatars/${aliceId}/../${bobId}/x.png`,
      `avatars/${aliceId}/./x.png`,
      `avatars/${aliceId}//x.png`,
      `/avatars/${aliceId}/x.png`,
      `avatars\\${aliceId}\\x.png`,
    ]) {
      expect({ trick, status: (await upload(server, trick, alice)).status }).toEqual({ trick, status: 400 });
    }
    expect((await upload(server, `avatars/${aliceId}/x.png`, {})).status).toBe(401);
    const deletes = await post(`${server.url}/storage/delete`, { fileList: [] });
    expect(deletes.status).toBe(401);
    expect(cloud.storage.list()).toEqual([]);
  });

  it('lets clients read avatars only (files, temp URLs)', async () => {
    const { server, cloud } = await serve();
    await upload(server, `avatars/${aliceId}/a.png`, alice);
    const { fileID: report } = cloud.storage.upload({
      cloudPath: 'reports/r.txt',
      content: Buffer.from('r'),
    });
    expect((await fetch(`${server.url}/storage/files/avatars/${aliceId}/a.png`)).status).toBe(200);
    expect((await fetch(`${server.url}/storage/files/reports/r.txt`)).status).toBe(403);
    const temp = await post(`${server.url}/storage/temp-url`, {
      fileList: [cloud.storage.fileIdOf(`avatars/${aliceId}/a.png`), report],
    });
    expect((temp.body.fileList as { status: number }[]).map((item) => item.status)).toEqual([0, -1]);
  });
});

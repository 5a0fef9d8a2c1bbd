/** @jest-environment node */
import { callFunction, useTransport } from '../../miniprogram/services/cloud';
import { chooseTransport, localHttpTransport } from '../../miniprogram/services/transport';
import { ServiceError } from '../../miniprogram/utils/service-error';
import { LocalCloud } from '../../scripts/local-cloud';
import { startServer, type RunningServer } from '../../scripts/local-cloud/server';
import { installFakeWx } from '../support/fake-wx';
import { deadLocalUrl } from '../support/ports';

/**
 * wx.request for these tests: a real HTTP request to the local server on 127.0.0.1,
 * answering with WeChat's documented shape ({data, statusCode} or fail {errMsg}).
 */
function realRequest(options: WechatMiniprogram.RequestOption): WechatMiniprogram.RequestTask {
  fetch(options.url, {
    method: options.method ?? 'GET',
    headers: options.header as Record<string, string>,
    body: options.data === undefined ? undefined : JSON.stringify(options.data),
  })
    .then(async (response) => {
      const text = await response.text();
      let data: unknown = text;
      try {
        data = JSON.parse(text);
      } catch {
        // not JSON: WeChat hands the string over
      }
      options.success?.({
        data,
        statusCode: response.status,
        header: {},
        cookies: [],
        errMsg: 'request:ok',
      } as never);
    })
    .catch(() =>
      options.fail?.({
        errMsg: 'request:fail errcode:-102 cronet_error_code:-102 error_msg:net::ERR_CONNECTION_REFUSED',
      } as never),
    );
  return {} as WechatMiniprogram.RequestTask;
}

describe('choosing the transport', () => {
  it('uses wx.cloud when a Cloud Development environment is configured', () => {
    expect(chooseTransport({ cloudEnv: 'prod-123', localCloudUrl: 'http://127.0.0.1:3900' }).kind).toBe(
      'wx.cloud',
    );
  });

  it('uses the local runtime for develop builds in DevTools without an environment', () => {
    installFakeWx({ envVersion: 'develop', platform: 'devtools' });
    expect(chooseTransport({ cloudEnv: '', localCloudUrl: 'http://127.0.0.1:3900' }).kind).toBe('local-http');
  });

  it("does not send a phone preview to the developer's 127.0.0.1", async () => {
    installFakeWx({ envVersion: 'develop', platform: 'android' });
    useTransport(chooseTransport({ cloudEnv: '', localCloudUrl: 'http://127.0.0.1:3900' }));
    await expect(callFunction('ping')).rejects.toMatchObject({ code: 'CLOUD_NOT_READY' });
  });

  it('refuses clearly in a release build without an environment', async () => {
    installFakeWx({ envVersion: 'release' });
    const transport = chooseTransport({ cloudEnv: '', localCloudUrl: 'http://127.0.0.1:3900' });
    // Named as what it is (the diagnostics page shows 未配置, not 云开发).
    expect(transport.kind).toBe('unconfigured');
    useTransport(transport);
    await expect(callFunction('ping')).rejects.toEqual(
      new ServiceError(
        'CLOUD_NOT_READY',
        '尚未配置云开发环境：请在 miniprogram/config.ts 的 cloudEnvs 中填写环境 ID（或运行 npm run init）',
      ),
    );
  });
});

describe("the local HTTP transport against `npm start`'s server", () => {
  let cloud: LocalCloud;
  let server: RunningServer;
  beforeEach(async () => {
    cloud = new LocalCloud({ load: 'source' });
    server = await startServer({ cloud, port: 0, quiet: true });
  });
  afterEach(async () => {
    await server.close();
    cloud.close();
  });

  it('calls a function with a stable per-device identity', async () => {
    const fake = installFakeWx();
    fake.wx.request = realRequest as typeof fake.wx.request;
    useTransport(localHttpTransport(server.url));

    // Visits are counted for account holders only: the device logs in first.
    const { openid } = await callFunction<{ openid: string }>('login');
    const first = await callFunction<{ openid: string; visits: number }>('ping');
    const second = await callFunction<{ openid: string; visits: number }>('ping');
    expect(first).toMatchObject({ openid, visits: 1 });
    expect(first.openid).toMatch(/^o[\w-]{27}$/);
    expect(second).toMatchObject({ openid: first.openid, visits: 2 });

    // Another phone (fresh storage) is another user.
    const other = installFakeWx();
    other.wx.request = realRequest as typeof other.wx.request;
    useTransport(localHttpTransport(server.url));
    expect((await callFunction<{ openid: string }>('ping')).openid).not.toBe(first.openid);
  });

  it('turns an unknown function and a dead server into clear errors', async () => {
    const fake = installFakeWx();
    fake.wx.request = realRequest as typeof fake.wx.request;
    useTransport(localHttpTransport(server.url));
    await expect(callFunction('nope')).rejects.toMatchObject({ code: 'FUNCTION_NOT_FOUND' });

    useTransport(localHttpTransport(await deadLocalUrl()));
    await expect(callFunction('ping')).rejects.toEqual(
      new ServiceError('NETWORK', '网络不可用，请检查网络后重试'),
    );
  });
});

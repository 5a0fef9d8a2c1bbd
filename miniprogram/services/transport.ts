import { appConfig } from '../config';
import { ServiceError } from '../utils/service-error';

/**
 * How the app reaches its cloud functions. One interface, two adapters:
 * - wx.cloud (production and any build with `appConfig.cloudEnv` set);
 * - the local cloud runtime over HTTP (`npm start`), for develop builds in DevTools
 *   without a Cloud Development environment (e.g. the tourist appid).
 * Both return the function's own return value; transport failures reject with the
 * platform's error object, which callers turn into a ServiceError.
 */
export interface Transport {
  readonly kind: 'wx.cloud' | 'local-http';
  callFunction(name: string, data: Record<string, unknown>): Promise<unknown>;
}

export function wxCloudTransport(env: string): Transport {
  let initialised = false;
  return {
    kind: 'wx.cloud',
    async callFunction(name, data) {
      if (!initialised) {
        wx.cloud.init({ env, traceUser: true });
        initialised = true;
      }
      const response = await wx.cloud.callFunction({ name, data });
      return (response as { result: unknown }).result;
    },
  };
}

const DEVICE_KEY = 'local-cloud-device';

/** A random id that stands for "this WeChat user" on the local runtime only. */
function localDeviceId(): string {
  const existing = wx.getStorageSync(DEVICE_KEY) as string;
  if (existing) return existing;
  const id = `dev-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  wx.setStorageSync(DEVICE_KEY, id);
  return id;
}

export function localHttpTransport(baseUrl: string): Transport {
  return {
    kind: 'local-http',
    callFunction(name, data) {
      return new Promise((resolve, reject) => {
        wx.request({
          url: `${baseUrl}/functions/${encodeURIComponent(name)}`,
          method: 'POST',
          data: { data },
          header: { 'content-type': 'application/json', 'X-Local-Device': localDeviceId() },
          timeout: 15000,
          success: (res) => {
            const body = res.data as { result?: unknown; errCode?: number; errMsg?: string };
            if (res.statusCode === 200) resolve(body.result);
            else reject({ errCode: body.errCode, errMsg: body.errMsg ?? `HTTP ${res.statusCode}` });
          },
          fail: reject,
        });
      });
    },
  };
}

/** Picks the adapter: wx.cloud when an environment is configured, else the local runtime. */
export function chooseTransport(config = appConfig): Transport {
  if (config.cloudEnv && typeof wx.cloud === 'object') return wxCloudTransport(config.cloudEnv);
  const envVersion = wx.getAccountInfoSync().miniProgram.envVersion;
  if (envVersion === 'develop') return localHttpTransport(config.localCloudUrl);
  return {
    kind: 'wx.cloud',
    callFunction: () =>
      Promise.reject(
        new ServiceError('CLOUD_NOT_READY', '尚未配置云开发环境，请在 config.ts 中填写 cloudEnv'),
      ),
  };
}

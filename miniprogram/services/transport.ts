import { appConfig } from '../config';
import { ServiceError } from '../utils/service-error';
import { clientPlatform } from '../utils/version';

/**
 * How the app reaches its cloud functions. One interface, two adapters:
 * - wx.cloud (production and any build with `appConfig.cloudEnv` set);
 * - the local cloud runtime over HTTP (`npm start`), for develop builds in DevTools
 *   without a Cloud Development environment (e.g. the tourist appid).
 * Both return the function's own return value; transport failures reject with the
 * platform's error object, which callers turn into a ServiceError.
 */
export interface Transport {
  /** `unconfigured`: no cloud env outside DevTools' develop build; every call says so. */
  readonly kind: 'wx.cloud' | 'local-http' | 'unconfigured';
  callFunction(name: string, data: Record<string, unknown>): Promise<unknown>;
  /** Uploads a local temporary file to cloud storage; resolves with its file ID. */
  uploadFile(cloudPath: string, filePath: string): Promise<string>;
  /** Best-effort removal of files this user uploaded. */
  deleteFiles(fileIds: string[]): Promise<void>;
  /** What an <image src> can show for a file ID. */
  fileUrl(fileId: string): string;
}

/** cloud://env.bucket/path -> path */
export function cloudPathOf(fileId: string): string {
  return /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId)?.[1] ?? '';
}

export function wxCloudTransport(env: string): Transport {
  let initialised = false;
  const cloud = () => {
    if (!initialised) {
      wx.cloud.init({ env, traceUser: true });
      initialised = true;
    }
    return wx.cloud;
  };
  return {
    kind: 'wx.cloud',
    async callFunction(name, data) {
      const response = await cloud().callFunction({ name, data });
      return (response as { result: unknown }).result;
    },
    async uploadFile(cloudPath, filePath) {
      const { fileID } = await cloud().uploadFile({ cloudPath, filePath });
      return fileID;
    },
    async deleteFiles(fileIds) {
      if (fileIds.length > 0) await cloud().deleteFile({ fileList: fileIds });
    },
    // <image> shows cloud:// file IDs directly when Cloud Development is enabled.
    fileUrl: (fileId) => fileId,
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

/** The local runtime answers `{ result... }` with 200, or `{ errCode, errMsg }`. */
function localAnswer<T>(
  resolve: (value: T) => void,
  reject: (reason: unknown) => void,
  statusCode: number,
  body: unknown,
): void {
  const parsed = (typeof body === 'string' ? safeJson(body) : body) as {
    errCode?: number;
    errMsg?: string;
  } & T;
  if (statusCode === 200) resolve(parsed);
  else reject({ errCode: parsed?.errCode, errMsg: parsed?.errMsg ?? `HTTP ${statusCode}` });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { errMsg: text };
  }
}

export function localHttpTransport(baseUrl: string): Transport {
  const post = <T>(path: string, data: unknown) =>
    new Promise<T>((resolve, reject) => {
      wx.request({
        url: `${baseUrl}${path}`,
        method: 'POST',
        data: data as WechatMiniprogram.IAnyObject,
        header: { 'content-type': 'application/json', 'X-Local-Device': localDeviceId() },
        timeout: 15000,
        success: (res) => localAnswer(resolve, reject, res.statusCode, res.data),
        fail: reject,
      });
    });
  return {
    kind: 'local-http',
    async callFunction(name, data) {
      return (await post<{ result: unknown }>(`/functions/${encodeURIComponent(name)}`, { data })).result;
    },
    uploadFile(cloudPath, filePath) {
      return new Promise<string>((resolve, reject) => {
        wx.uploadFile({
          url: `${baseUrl}/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`,
          filePath,
          name: 'file',
          header: { 'X-Local-Device': localDeviceId() },
          success: (res) =>
            localAnswer<{ fileID: string }>((body) => resolve(body.fileID), reject, res.statusCode, res.data),
          fail: reject,
        });
      });
    },
    async deleteFiles(fileIds) {
      if (fileIds.length > 0) await post('/storage/delete', { fileList: fileIds });
    },
    fileUrl: (fileId) => (fileId ? `${baseUrl}/storage/files/${cloudPathOf(fileId)}` : ''),
  };
}

/**
 * Picks the adapter: wx.cloud when an environment is configured; the local runtime only
 * for a develop build inside DevTools (a phone cannot reach the developer's 127.0.0.1);
 * otherwise every call says the environment is missing.
 */
export function chooseTransport(config = appConfig): Transport {
  if (config.cloudEnv && typeof wx.cloud === 'object') return wxCloudTransport(config.cloudEnv);
  const envVersion = wx.getAccountInfoSync().miniProgram.envVersion;
  if (envVersion === 'develop' && clientPlatform() === 'devtools')
    return localHttpTransport(config.localCloudUrl);
  const notReady = () =>
    Promise.reject(
      new ServiceError(
        'CLOUD_NOT_READY',
        '尚未配置云开发环境：请在 miniprogram/config.ts 的 cloudEnvs 中填写环境 ID（或运行 npm run init）',
      ),
    );
  return {
    kind: 'unconfigured',
    callFunction: notReady,
    uploadFile: notReady,
    deleteFiles: notReady,
    fileUrl: () => '',
  };
}

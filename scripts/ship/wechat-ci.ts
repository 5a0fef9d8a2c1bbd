/**
 * The one place that talks to WeChat's servers: miniprogram-ci's preview, upload and
 * cloud uploads. Everything before it (build, WeChat's compile, checks) runs for real;
 * the commands receive a `WechatCi` so tests can record what would be sent instead.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The project as miniprogram-ci signs it: the appid and the upload key that belongs to it. */
export interface CiProject {
  appid: string;
  projectPath: string;
  /** The code upload key (PEM text). */
  privateKey: string;
}

export interface PreviewRequest {
  project: CiProject;
  robot: number;
  desc: string;
  /** The QR code comes back as base64 (printed in the terminal and saved as PNG by the caller). */
  qrcodeFormat: 'base64';
  /** Page the QR code opens (app.json's first page when absent). */
  pagePath?: string;
}

export interface UploadRequest {
  project: CiProject;
  robot: number;
  version: string;
  desc: string;
}

export interface FunctionUploadRequest {
  project: CiProject;
  env: string;
  name: string;
  /** The built function folder (index.js + package.json). */
  path: string;
  /** Dependencies are installed in the cloud from the folder's package.json. */
  remoteNpmInstall: true;
}

export interface StaticUploadRequest {
  project: CiProject;
  env: string;
  /** Local folder whose files are uploaded. */
  path: string;
  /** Folder in static hosting ('' = the root). */
  remotePath: string;
}

export interface WechatCi {
  /** Resolves with the QR code image, base64. */
  preview(request: PreviewRequest): Promise<{ qrcodeBase64: string }>;
  upload(request: UploadRequest): Promise<void>;
  uploadFunction(request: FunctionUploadRequest): Promise<void>;
  uploadStaticStorage(request: StaticUploadRequest): Promise<void>;
}

/** miniprogram-ci itself: every call goes to WeChat's servers. */
export function miniprogramCi(): WechatCi {
  // Loaded on the first call: miniprogram-ci is large and announces itself when loaded.
  let loaded: typeof import('miniprogram-ci') | undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = () => (loaded ??= require('miniprogram-ci') as typeof import('miniprogram-ci'));
  const project = ({ appid, projectPath, privateKey }: CiProject) =>
    new (load().Project)({
      appid,
      type: 'miniProgram',
      projectPath,
      privateKey,
      ignores: ['node_modules/**/*'],
    });
  // The compile settings of project.config.json, as DevTools uses them.
  const setting = { useProjectConfig: true };
  return {
    async preview(request) {
      const scratch = mkdtempSync(path.join(os.tmpdir(), 'wechat-preview-'));
      try {
        const qrcodeOutputDest = path.join(scratch, 'qrcode.txt');
        await load().preview({
          project: project(request.project),
          // miniprogram-ci sends every preview as 0.0.1 whatever is given.
          version: '0.0.1',
          desc: request.desc,
          robot: request.robot,
          setting,
          qrcodeFormat: request.qrcodeFormat,
          qrcodeOutputDest,
          pagePath: request.pagePath,
        });
        // Written as a data URI.
        return { qrcodeBase64: readFileSync(qrcodeOutputDest, 'utf8').replace(/^data:[^,]*,/, '') };
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    },
    async upload(request) {
      await load().upload({
        project: project(request.project),
        version: request.version,
        desc: request.desc,
        robot: request.robot,
        setting,
      });
    },
    async uploadFunction(request) {
      await load().cloud.uploadFunction({
        project: project(request.project),
        env: request.env,
        name: request.name,
        path: request.path,
        remoteNpmInstall: request.remoteNpmInstall,
      });
    },
    async uploadStaticStorage(request) {
      await load().cloud.uploadStaticStorage({
        project: project(request.project),
        env: request.env,
        path: request.path,
        remotePath: request.remotePath,
      });
    },
  };
}

/**
 * WeChat's side of miniprogram-ci, recorded: what each command would send, and WeChat's
 * answers (a preview QR code image, or a refusal for chosen calls).
 */
import type {
  FunctionUploadRequest,
  PreviewRequest,
  StaticUploadRequest,
  UploadRequest,
  WechatCi,
} from '../../scripts/ship/wechat-ci';

export interface Recorded {
  preview: PreviewRequest[];
  upload: UploadRequest[];
  uploadFunction: FunctionUploadRequest[];
  uploadStaticStorage: (StaticUploadRequest & { files: Record<string, string> })[];
}

export interface RecordingCi extends WechatCi {
  sent: Recorded;
}

export interface RecordingOptions {
  /** Base64 image WeChat answers a preview with. */
  qrcodeBase64?: string;
  /** WeChat refuses the calls for which this returns a message. */
  refuse?: (call: keyof Recorded, request: { name?: string }) => string | undefined;
  /** Reads the files of an uploaded folder while it still exists. */
  readFolder?: (dir: string) => Record<string, string>;
}

export function recordingCi(options: RecordingOptions = {}): RecordingCi {
  const sent: Recorded = { preview: [], upload: [], uploadFunction: [], uploadStaticStorage: [] };
  const answer = (call: keyof Recorded, request: { name?: string }) => {
    const refusal = options.refuse?.(call, request);
    if (refusal) throw new Error(refusal);
  };
  return {
    sent,
    async preview(request) {
      sent.preview.push(request);
      answer('preview', {});
      return { qrcodeBase64: options.qrcodeBase64 ?? '' };
    },
    async upload(request) {
      sent.upload.push(request);
      answer('upload', {});
    },
    async uploadFunction(request) {
      sent.uploadFunction.push(request);
      answer('uploadFunction', request);
    },
    async uploadStaticStorage(request) {
      sent.uploadStaticStorage.push({ ...request, files: options.readFolder?.(request.path) ?? {} });
      answer('uploadStaticStorage', {});
    },
  };
}

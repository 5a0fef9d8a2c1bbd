/**
 * WeChat's answers to a refused preview, upload or cloud upload, turned into the fix.
 * miniprogram-ci passes the server's message through (e.g. `{"errCode":-10008,
 * "errMsg":"invalid ip: 1.2.3.4, reference: …"}`); the patterns below match those
 * messages as developers report them. Unknown errors keep WeChat's own text.
 */
import { FixableError } from './command';

export interface CiErrorContext {
  appid: string;
  /** Cloud Development environment of a cloud upload. */
  env?: string;
}

const UPLOAD_SETTINGS = '小程序管理后台 → 开发 → 开发管理 → 开发设置 → 小程序代码上传';

const RULES: { test: RegExp; fix: (message: string, context: CiErrorContext) => string }[] = [
  {
    test: /invalid ip|-10008|白名单/i,
    fix: (message) => {
      const ip = /\b(\d{1,3}(?:\.\d{1,3}){3})\b/.exec(message)?.[1];
      return (
        `本机 IP${ip ? ` ${ip}` : ''} 不在代码上传的 IP 白名单中：${UPLOAD_SETTINGS} → IP 白名单，加入这个 IP；` +
        '在 GitHub Actions 等 IP 不固定的机器上运行时关闭 IP 白名单'
      );
    },
  },
  {
    test: /signature|private ?key|签名|密钥/i,
    fix: (_message, { appid }) =>
      `代码上传密钥与 AppID ${appid} 不匹配或已失效（重新生成后旧密钥作废）：在 ${UPLOAD_SETTINGS} 重新下载密钥，` +
      `保存为 private.${appid}.key 或放进环境变量 MINIPROGRAM_PRIVATE_KEY`,
  },
  {
    test: /env(?:ironment)?[^a-z]*(?:not ?(?:exist|found)|invalid)|ResourceNotFound|环境不存在|INVALID_ENV/i,
    fix: (_message, { appid, env }) =>
      `云开发环境 ${env ?? ''} 不存在或不属于 ${appid}：在云开发控制台 → 设置 → 环境设置 查看环境 ID，` +
      '用 npm run init -- --env <环境 ID> 写入，或 npm run deploy -- --env <环境 ID>',
  },
  {
    test: /appid|40013|-10002/i,
    fix: (_message, { appid }) =>
      `WeChat 不接受 AppID ${appid}：确认 project.config.json 的 appid 是你的小程序 AppID（小程序管理后台 → 开发 → 开发管理 → 开发设置），` +
      '用 npm run init -- --appid <AppID> 改正',
  },
];

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The error to show for a failed call to WeChat: the fix, with WeChat's message after it. */
export function explainCiError(error: unknown, context: CiErrorContext): FixableError {
  const message = messageOf(error);
  const rule = RULES.find(({ test }) => test.test(message));
  return new FixableError(
    rule ? `${rule.fix(message, context)}\n（微信返回：${message}）` : `微信返回错误：${message}`,
  );
}

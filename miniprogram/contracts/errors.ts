/**
 * The one list of error codes, each with the Chinese message the user sees when nothing
 * more specific is said. Cloud functions answer with ERROR_CODES; the client adds its own
 * CLIENT_ERROR_CODES (the call failed on the way, or before it). Both sides import this
 * file, so a misspelt code is a type error. A thrower may pass a more specific message
 * (e.g. the field that is wrong); the code never changes meaning.
 */
export const ERROR_CODES = {
  // Common to every function.
  /** A field of the event is missing, of the wrong type or out of range; the message names it. */
  INVALID_ARGUMENT: '请求参数不正确',
  /** No caller identity (not called from the mini-program, or an unknown web caller). */
  UNAUTHENTICATED: '请在微信小程序内使用',
  /** The caller has no account (never logged in, or deleted), or the thing asked for does not exist. */
  NOT_FOUND: '账号不存在，请重新登录',
  /** The account is being deleted. */
  ACCOUNT_DELETING: '账号正在注销，请稍后再试',
  /** The caller may not use this (e.g. a file outside their own folder). */
  FORBIDDEN: '没有权限进行此操作',
  /** Too many calls; the message says when to retry. */
  RATE_LIMITED: '操作太频繁，请稍后再试',
  /** An outage or a bug; `maybeSaved` says whether anything was written. */
  INTERNAL: '服务暂时不可用，请稍后重试',
  // favorites
  /** A per-user limit (e.g. the number of favourites) is reached. */
  LIMIT_EXCEEDED: '已达到数量上限',
  // user
  /** The content check found the nickname unacceptable. */
  NICKNAME_REJECTED: '昵称包含不合适的内容，请换一个',
  /** The content check was unsure about the nickname; it is not used. */
  NICKNAME_REVIEW: '这个昵称暂时无法使用，请换一个试试',
  /** The content check could not be reached; nothing was saved. */
  CONTENT_CHECK_UNAVAILABLE: '昵称检测暂时不可用，请稍后重试',
  /** The getPhoneNumber code is invalid, used or expired (WeChat 40029). */
  PHONE_CODE_INVALID: '手机号授权已失效，请重新获取',
  /** WeChat answered without a usable phone number. */
  PHONE_UNAVAILABLE: '没有获取到手机号，请重新获取',
  // urlscheme (WeChat's errcodes of urlscheme.generate / urllink.generate)
  /** WeChat 40002: the app may not generate links. */
  LINK_NOT_PERMITTED: '当前小程序没有生成链接的权限（仅已认证的国内非个人主体小程序可用）',
  /** WeChat 40165: the page is not in the published version. */
  PAGE_NOT_PUBLISHED: '页面在小程序已发布的版本中不存在，请发布后再生成链接',
  /** WeChat 40212: the query was refused. */
  QUERY_REJECTED: '微信不接受这个 query 参数，请检查其中的字符',
  /** WeChat 44993 / 45009: the daily link quota is used up. */
  DAILY_QUOTA_EXCEEDED: '今天生成的链接数量已达上限（每个小程序每天 50 万条），请明天再试',
  /** WeChat 85079: the app has no published version. */
  APP_NOT_PUBLISHED: '小程序还没有发布线上版本，暂时无法生成链接',
  /** WeChat 85401: the expiry is outside 1 minute .. 30 days. */
  EXPIRY_REJECTED: '微信不接受这个有效期：链接有效期须在 1 分钟到 30 天之间',
  /** WeChat 85402: bad env_version. */
  ENV_VERSION_REJECTED: '微信不接受这个小程序版本：只能是 release、trial 或 develop',
  /** Another WeChat errcode; `wxErrCode` says which. */
  WECHAT_API_ERROR: '微信接口调用失败，请稍后重试',
} as const;

/** Codes only the client produces: the call failed on the way, or never started. */
export const CLIENT_ERROR_CODES = {
  /** No network, or the request failed on the way (the function may have run). */
  NETWORK: '网络不可用，请检查网络后重试',
  /** The function ran past its time limit (wx.cloud -504003). */
  TIMEOUT: '服务响应超时，请稍后重试',
  /** The function is not deployed (wx.cloud -501000). */
  FUNCTION_NOT_FOUND: '服务尚未部署，请先上传云函数',
  /** The Cloud Development environment is missing or not initialised. */
  CLOUD_NOT_READY: '云开发环境未就绪，请检查环境配置',
  /** A file could not be uploaded to cloud storage. */
  UPLOAD_FAILED: '图片上传失败，请稍后重试',
  /** wx.login gave no code. */
  WX_LOGIN_FAILED: '微信登录失败，请稍后重试',
  /** A logout overtook the login. */
  LOGIN_CANCELLED: '登录未完成，请重试',
  /** wx.request refused the local runtime's address (DevTools' domain check, errno 600002). */
  DOMAIN_NOT_ALLOWED:
    '请求被域名校验拦截：本地云运行时（127.0.0.1）不是合法域名。请在开发者工具「详情 → 本地设置」中勾选「不校验合法域名、web-view（业务域名）、TLS 版本以及 HTTPS 证书」，或在 miniprogram/config.ts 中配置云开发环境',
} as const;

/** A code a cloud function may answer with. */
export type ErrorCode = keyof typeof ERROR_CODES;
export type ClientErrorCode = keyof typeof CLIENT_ERROR_CODES;
/** Every code the client may see: the functions' plus its own. */
export type ServiceErrorCode = ErrorCode | ClientErrorCode;

/** The default Chinese message of a code. */
export function errorMessage(code: ServiceErrorCode): string {
  return code in ERROR_CODES ? ERROR_CODES[code as ErrorCode] : CLIENT_ERROR_CODES[code as ClientErrorCode];
}

import cloud from 'wx-server-sdk';

/**
 * Who is calling, read only from the platform (never from `event`).
 * - Mini-program callers: `cloud.getWXContext()` (OPENID, APPID, UNIONID; CLIENTIP is the
 *   phone's IP).
 * - Web callers (the CloudBase web SDK, e.g. the H5 jump page): no openid. CloudBase
 *   presents them the way its own server SDK (@cloudbase/node-sdk `auth.getClientIP()` /
 *   `getUserInfo()`) reads them: `TCB_SOURCE_IP` and `TCB_UUID`, named in
 *   `TCB_CONTEXT_KEYS`, from the function's `context.environment` (JSON) or
 *   `context.environ` ("K=V;K=V") first, else from process.env.
 */
export interface Caller {
  openid?: string;
  appid?: string;
  unionid?: string;
  /** The caller's IP: the phone's (CLIENTIP) or a web caller's (TCB_SOURCE_IP). */
  clientIp?: string;
  /** A web caller's CloudBase user id (anonymous login), when present. */
  webUid?: string;
}

const text = (value: unknown): string | undefined =>
  (typeof value === 'string' || typeof value === 'number') &&
  String(value) !== '' &&
  String(value).length <= 256
    ? String(value)
    : undefined;

/** The variables the platform put into the function's invocation context. */
function contextVariables(context: unknown): Record<string, unknown> {
  const { environment, environ } = (context ?? {}) as { environment?: unknown; environ?: unknown };
  if (typeof environment === 'string') {
    try {
      const parsed = JSON.parse(environment) as unknown;
      if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
    } catch {
      // Fall through to environ.
    }
  }
  const variables: Record<string, unknown> = {};
  if (typeof environ === 'string') {
    for (const pair of environ.split(';')) {
      const at = pair.indexOf('=');
      if (at > 0) variables[pair.slice(0, at)] = pair.slice(at + 1);
    }
  }
  return variables;
}

/** One CloudBase context variable, as @cloudbase/node-sdk reads it (context first, then process.env). */
function cloudbaseVariable(variables: Record<string, unknown>, name: string): string | undefined {
  const keys = text(variables.TCB_CONTEXT_KEYS) ?? process.env.TCB_CONTEXT_KEYS ?? '';
  if (!keys.split(',').includes(name)) return undefined;
  return text(variables[name]) ?? text(process.env[name]);
}

export function readCaller(context?: unknown): Caller {
  const wx = cloud.getWXContext() as Record<string, unknown>;
  const variables = contextVariables(context);
  const caller: Caller = {};
  const openid = text(wx.OPENID);
  const appid = text(wx.APPID);
  const unionid = text(wx.UNIONID);
  // CLIENTIP is documented for mini-program callers; a web caller's address is TCB_SOURCE_IP.
  const clientIp = openid
    ? text(wx.CLIENTIP)
    : (cloudbaseVariable(variables, 'TCB_SOURCE_IP') ?? text(wx.CLIENTIP));
  const webUid = cloudbaseVariable(variables, 'TCB_UUID');
  if (openid) caller.openid = openid;
  if (appid) caller.appid = appid;
  if (unionid) caller.unionid = unionid;
  if (clientIp) caller.clientIp = clientIp;
  if (!openid && webUid) caller.webUid = webUid;
  return caller;
}

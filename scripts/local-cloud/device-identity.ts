import { createHash } from 'crypto';

/**
 * The dev server's stand-in for WeChat's login: a client keeps a random device id and
 * sends it as `X-Local-Device`; the server maps it, per appid, to a stable fake openid
 * shaped like a real one ("o" + 27 characters). Same device, same openid.
 */
export const DEFAULT_APPID = 'wx0000000000000000';
export const DEVICE_HEADER = 'x-local-device';
/**
 * A web page (the H5 jump page) is a CloudBase web caller, not a WeChat user: it may send
 * the anonymous CloudBase user id it keeps in this header; it becomes TCB_UUID.
 */
export const WEB_USER_HEADER = 'x-local-web-user';

const DEVICE_ID = /^[A-Za-z0-9_-]{4,128}$/;

export function isValidDeviceId(deviceId: unknown): deviceId is string {
  return typeof deviceId === 'string' && DEVICE_ID.test(deviceId);
}

/** A web user id as the header carries it: the same shape as a device id. */
export function isValidWebUserId(userId: unknown): userId is string {
  return isValidDeviceId(userId);
}

export function deviceOpenid(appid: string, deviceId: string): string {
  const digest = createHash('sha256').update(`${appid}:${deviceId}`).digest('base64url');
  return `o${digest.slice(0, 27)}`;
}

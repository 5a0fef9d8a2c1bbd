import { definePublicActions } from '../.shared/handler';
import { link } from './link';
import { scheme } from './scheme';

/**
 * Opens the mini-program from outside WeChat (SMS, an external browser, a web page):
 * `scheme` answers a URL Scheme, `link` a URL Link. One file per action.
 *
 * Open to anonymous web callers (the H5 jump page, through the Cloud Development web SDK):
 * the shared entry rate-limits them per client IP, callers from the mini-program per openid.
 */
export { RATE_LIMIT } from './params';
export { WECHAT_ERRORS } from './wechat';

export const main = definePublicActions({ scheme, link });

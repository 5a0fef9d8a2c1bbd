/* global window */
/**
 * Deployment settings of the jump page (edit this file where the page is hosted).
 *
 * Production (Cloud Development static hosting, web SDK with anonymous sign-in):
 *   envId: the cloud environment that hosts the `urlscheme` function;
 *   sdkUrl: where the CloudBase JS SDK (cloudbase.full.js) is loaded from (see README).
 * Local development: endpoint = the local cloud runtime (npm start), e.g.
 * 'http://127.0.0.1:3900'; a `?endpoint=` in the page URL (loopback addresses only)
 * overrides it. With an endpoint the web SDK is never loaded.
 */
window.JUMP_CONFIG = {
  envId: '',
  sdkUrl: '',
  endpoint: '',
  // Optional, defaults in jump.js: functionName, redirectTimeoutMs, expireIntervalDays.
};

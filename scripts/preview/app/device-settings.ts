/**
 * The side panel's network and theme, applied inside an app instance.
 *
 * Network: `offline` is the fake `wx`'s own (cloud calls and wx.login fail as without a
 * connection); `slow` delays every cloud request by SLOW_MS; `failing` makes the server
 * side fail (a cloud function answers errCode -504002, storage requests time out), so the
 * app's own error paths show.
 *
 * Theme: the page styles follow `prefers-color-scheme` (app.json "darkmode"); a browser
 * cannot set that media feature for one frame, so the webview's CSS is rewritten to the
 * chosen theme instead.
 */
import type { CloudMethod, NetworkMode } from '../protocol';
import type { CallCloud } from './cloud-proxy';

export const SLOW_MS = 2500;

/** Requests that go over the network (reading a stored file for an <image> is the renderer's own). */
const NETWORK_METHODS: ReadonlySet<CloudMethod> = new Set([
  'callFunction',
  'upload',
  'getTempFileURL',
  'deleteFile',
]);

function failure(method: CloudMethod): Error {
  const error = new Error(
    method === 'callFunction'
      ? 'functions execute fail (预览侧栏：网络“故障”)'
      : 'request:fail timeout (预览侧栏：网络“故障”)',
  ) as Error & { errCode: number };
  error.errCode = method === 'callFunction' ? -504002 : -1;
  return error;
}

/** The cloud as the chosen network delivers it (read on each request: the mode can change). */
export function networkMode(mode: () => NetworkMode, call: CallCloud): CallCloud {
  return async (method, args) => {
    if (!NETWORK_METHODS.has(method)) return call(method, args);
    const now = mode();
    if (now === 'slow') await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
    if (now === 'failing') throw failure(method);
    return call(method, args);
  };
}

const DARK = /\(\s*prefers-color-scheme\s*:\s*dark\s*\)/g;
const LIGHT = /\(\s*prefers-color-scheme\s*:\s*light\s*\)/g;
// Media features that always / never match in the 375 px wide webview.
const ALWAYS = '(min-width: 0px)';
const NEVER = '(max-width: 0px)';

/** The webview's <head> with `prefers-color-scheme` queries fixed to `theme`. */
export function themedHead(head: string, theme: 'light' | 'dark'): string {
  return head
    .replace(DARK, theme === 'dark' ? ALWAYS : NEVER)
    .replace(LIGHT, theme === 'light' ? ALWAYS : NEVER);
}

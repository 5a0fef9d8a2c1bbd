/**
 * Fault injection on the client's side of the wire: pins a transport that wraps the real
 * one (fake wx.cloud -> local cloud runtime) and makes the next call of one action fail in
 * a chosen way. The real function still runs when the fault says so, so the server's data
 * is exactly what it would be after such a failure.
 */
import type { CloudErrorBody } from '../../miniprogram/contracts/results';
import { currentTransport, useTransport } from '../../miniprogram/services/cloud';

export type Fault =
  /** The function saved, then a later step failed: it answers INTERNAL with maybeSaved. */
  | 'maybe-saved-after-write'
  /** The function failed before writing, but could not tell: INTERNAL with maybeSaved. */
  | 'maybe-saved-no-write'
  /** The function answered a plain error (nothing saved) without running the action. */
  | 'not-saved'
  /** The function saved; the answer was lost on the network. */
  | 'network-after-write'
  /** The request never reached the function. */
  | 'network-no-write'
  /** The function saved and then ran past its time limit (-504003). */
  | 'timeout-after-write'
  /** The function saved and then crashed (-504002). */
  | 'crash-after-write';

/** What the functions answer when a step failed after a write (cloudfunctions/.shared/errors.ts). */
export const MAYBE_SAVED_BODY: CloudErrorBody = {
  code: 'INTERNAL',
  message: '服务暂时不可用，操作可能已完成，请刷新后查看',
  maybeSaved: true,
};
const NOT_SAVED_BODY: CloudErrorBody = { code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' };
const NETWORK = { errMsg: 'cloud.callFunction:fail request:fail -106:net::ERR_INTERNET_DISCONNECTED' };
const TIMEOUT = {
  errCode: -504003,
  errMsg: 'cloud.callFunction:fail -504003 Invoking task timed out after 3 seconds',
};
const CRASH = { errCode: -504002, errMsg: 'cloud.callFunction:fail -504002 functions execute fail' };

export interface InjectedFault {
  /** How many calls the fault has hit so far. */
  readonly hits: number;
}

/**
 * The next `times` calls whose `data.action` is `action` fail as `fault`; every other call
 * goes through. Call after the app (and its transport) is set up; faults stack.
 */
export function injectFault(action: string, fault: Fault, times = 1): InjectedFault {
  const real = currentTransport();
  const state = { hits: 0 };
  useTransport({
    ...real,
    async callFunction(name, data) {
      if (state.hits >= times || data.action !== action) return real.callFunction(name, data);
      state.hits += 1;
      if (fault.endsWith('-after-write')) await real.callFunction(name, data);
      switch (fault) {
        case 'maybe-saved-after-write':
        case 'maybe-saved-no-write':
          return { ok: false, error: MAYBE_SAVED_BODY };
        case 'not-saved':
          return { ok: false, error: NOT_SAVED_BODY };
        case 'network-after-write':
        case 'network-no-write':
          throw NETWORK;
        case 'timeout-after-write':
          throw TIMEOUT;
        case 'crash-after-write':
          throw CRASH;
      }
    },
  });
  return state;
}

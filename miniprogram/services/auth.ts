import type { LoginResult } from '../contracts/results';
import { ServiceError, toServiceError } from '../utils/service-error';
import { callFunction } from './cloud';

export type { LoginResult };

/** A fresh wx.login code (silent, no authorization popup). */
export function wxLoginCode(): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.login({
      success: ({ code }) => {
        if (code) resolve(code);
        else reject(new ServiceError('WX_LOGIN_FAILED'));
      },
      fail: (error) => {
        const network = toServiceError(error);
        reject(network.code === 'NETWORK' ? network : new ServiceError('WX_LOGIN_FAILED'));
      },
    });
  });
}

/** wx.login, then the `login` cloud function, which reads the identity on the server. */
export async function loginWithWeChat(): Promise<LoginResult> {
  const code = await wxLoginCode();
  return callFunction<LoginResult>('login', { code });
}

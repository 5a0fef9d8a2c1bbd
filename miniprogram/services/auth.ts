import type { LoginResult } from '../contracts/results';
import { callFunction } from './cloud';

export type { LoginResult };

/**
 * Login (and the silent refresh of a cached session): the `login` function creates or
 * touches the user's record and answers with the user and their favourites.
 *
 * No wx.login: with Cloud Development the platform attaches the caller's identity to every
 * call (the function reads it with getWXContext()), and a wx.login code could only be
 * exchanged with the AppSecret (code2Session), which this app never needs. Sending one
 * would prove nothing the server can use. (The local dev server identifies a device the
 * same way, by a header the transport adds.)
 */
export function signIn(): Promise<LoginResult> {
  return callFunction<LoginResult>('login', {});
}

import { action } from '../.shared/handler';
import type { ProfileResult } from '../../miniprogram/contracts/results';
import { toPublicUser } from '../.shared/users';

/** The caller's own public profile. */
export const getProfile = action({
  account: 'required',
  run: (_event, { user }): ProfileResult => ({ user: toPublicUser(user) }),
});

import { action } from '../.shared/handler';
import { toPublicUser, type PublicUser } from '../.shared/users';

export interface ProfileResult {
  user: PublicUser;
}

/** The caller's own public profile. */
export const getProfile = action({
  account: 'required',
  run: (_event, { user }): ProfileResult => ({ user: toPublicUser(user) }),
});

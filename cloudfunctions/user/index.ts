import { defineActions } from '../.shared/handler';
import { bindPhone } from './bind-phone';
import { deleteAccount } from './delete-account';
import { getProfile } from './get-profile';
import { updateProfile } from './update-profile';

/**
 * The caller's own profile: read it, change nickname/avatar, bind a phone number, or
 * delete the account with everything stored for it. One file per action.
 */
export const main = defineActions({ getProfile, updateProfile, bindPhone, deleteAccount });

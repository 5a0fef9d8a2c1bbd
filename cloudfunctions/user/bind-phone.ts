import type { ProfileResult } from '../../miniprogram/contracts/results';
import { action } from '../.shared/handler';
import { USERS, toPublicUser } from '../.shared/users';
import { requiredString } from '../.shared/validate';
import { exchangePhoneCode } from './wechat';

/** Binds the phone number behind a getPhoneNumber code (single use: spent by the exchange). */
export const bindPhone = action({
  account: 'required',
  parse: (fields) => ({ code: requiredString(fields, 'code', 256) }),
  async run({ code }, { caller, db, cloud, user }): Promise<ProfileResult> {
    const phone = await exchangePhoneCode(cloud, code);
    const changes = { phoneNumber: phone.purePhoneNumber, phoneCountryCode: phone.countryCode };
    await db
      .collection(USERS)
      .doc(caller.openid)
      .update({ data: { ...changes, updatedAt: db.serverDate() } });
    return { user: toPublicUser({ ...user, ...changes }) };
  },
});

import { randomBytes } from 'node:crypto';
import { OpenApiError, type OpenApiStandIns } from '../openapi';

/**
 * `phonenumber.getPhoneNumber`: exchanges the `code` from
 * `<button open-type="getPhoneNumber">` (base library >= 2.21.2) for
 * `{ phoneInfo: { phoneNumber, purePhoneNumber, countryCode, watermark } }`.
 * As documented, a code is single-use and lives 5 minutes: an unknown, used or expired
 * code answers 40029 (invalid code); too many calls answer 45011 (api minute-quota).
 * The phone's side is played by tests with `issueCode`.
 */
export interface PhoneNumberControls {
  /** What the client's getPhoneNumber button hands over: a fresh code for this number. */
  issueCode(phoneNumber: string, options?: { countryCode?: string; appid?: string }): string;
  /** Makes the next exchange fail with this errcode (e.g. 45011). */
  failNext(errcode: number, errmsg?: string): void;
  readonly exchanged: string[];
}

export const PHONE_CODE_LIFETIME_MS = 5 * 60 * 1000;

interface IssuedCode {
  phoneNumber: string;
  countryCode: string;
  appid: string;
  issuedAt: number;
  used: boolean;
}

export function registerPhoneNumber(openapi: OpenApiStandIns, now: () => number): PhoneNumberControls {
  const codes = new Map<string, IssuedCode>();
  const failures: { errcode: number; errmsg: string }[] = [];
  const controls: PhoneNumberControls = {
    issueCode(phoneNumber, { countryCode = '86', appid = 'wx0000000000000000' } = {}) {
      if (!/^\d{5,15}$/.test(phoneNumber))
        throw new Error(`issueCode: "${phoneNumber}" is not a phone number`);
      const code = randomBytes(32).toString('hex');
      codes.set(code, { phoneNumber, countryCode, appid, issuedAt: now(), used: false });
      return code;
    },
    failNext(errcode, errmsg = errcode === 45011 ? 'api minute-quota reach limit' : 'system error') {
      failures.push({ errcode, errmsg });
    },
    exchanged: [],
  };

  openapi.register('phonenumber.getPhoneNumber', (raw) => {
    const failure = failures.shift();
    if (failure) throw new OpenApiError(failure.errcode, failure.errmsg);
    const { code } = (raw ?? {}) as { code?: unknown };
    if (typeof code !== 'string' || code === '')
      throw new OpenApiError(47001, 'data format error: code is required');
    const issued = codes.get(code);
    if (!issued || issued.used || now() - issued.issuedAt > PHONE_CODE_LIFETIME_MS) {
      throw new OpenApiError(40029, 'invalid code');
    }
    issued.used = true;
    controls.exchanged.push(code);
    const phoneNumber =
      issued.countryCode === '86' ? issued.phoneNumber : `+${issued.countryCode}${issued.phoneNumber}`;
    return {
      phoneInfo: {
        phoneNumber,
        purePhoneNumber: issued.phoneNumber,
        countryCode: issued.countryCode,
        watermark: { timestamp: Math.floor(now() / 1000), appid: issued.appid },
      },
    };
  });
  return controls;
}

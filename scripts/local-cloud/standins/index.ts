import type { OpenApiStandIns } from '../openapi';
import { registerPhoneNumber, type PhoneNumberControls } from './phonenumber';
import { registerSecurity, type SecurityControls } from './security';
import { registerUrlScheme, type UrlSchemeControls } from './urlscheme';

/**
 * The WeChat server APIs (`cloud.openapi.*`) this app's functions call, as local
 * stand-ins that enforce the documented request rules and answer with the documented
 * error codes. Each API family has its own module; a LocalCloud registers them all and
 * exposes their test controls as `cloud.standIns`.
 */
export interface StandInOptions {
  /** The runtime clock, ms. */
  now: () => number;
}

export interface StandIns {
  security: SecurityControls;
  phoneNumber: PhoneNumberControls;
  urlscheme: UrlSchemeControls;
}

export function registerStandIns(openapi: OpenApiStandIns, options: StandInOptions): StandIns {
  return {
    security: registerSecurity(openapi),
    phoneNumber: registerPhoneNumber(openapi, options.now),
    urlscheme: registerUrlScheme(openapi, options.now),
  };
}

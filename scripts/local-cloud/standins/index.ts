import type { OpenApiStandIns } from '../openapi';

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

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StandIns {}

export function registerStandIns(openapi: OpenApiStandIns, options: StandInOptions): StandIns {
  void openapi;
  void options;
  return {};
}

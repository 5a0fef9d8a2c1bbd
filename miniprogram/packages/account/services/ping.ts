import type { PingResult } from '../../../contracts/results';
import { callFunction } from '../../../services/cloud';

export type { PingResult };

/** Round trip to the `ping` cloud function: who the platform says the caller is. */
export function ping(echo?: string): Promise<PingResult> {
  return callFunction<PingResult>('ping', echo === undefined ? {} : { echo });
}

/**
 * Helpers for cloud-function tests: a fresh in-memory LocalCloud per test with a
 * controllable clock, and typed calls returning the project's result shape.
 */
import type { CloudResult } from '../../miniprogram/contracts/results';
import { setClock } from '../../cloudfunctions/.shared/clock';
import { LocalCloud, type Identity } from '../../scripts/local-cloud';

export interface TestCloud {
  readonly cloud: LocalCloud;
  /** The clock the runtime reads (ms); move it with `advance`. */
  now(): number;
  advance(ms: number): void;
  call<T>(name: string, data: unknown, identity: Identity): Promise<CloudResult<T>>;
}

/**
 * Call at the top of a test file: each test gets a fresh in-memory LocalCloud (closed
 * after the test) whose clock starts at `start`; the functions' clock follows it.
 */
export function useTestCloud(start = Date.UTC(2026, 10, 21, 8, 0, 0)): TestCloud {
  let clock = start;
  let cloud: LocalCloud | undefined;
  beforeEach(() => {
    clock = start;
    cloud = new LocalCloud({ now: () => clock, load: 'source' });
    // The functions' own clock (rate-limit windows, sweeps, stale deletions) is the runtime's.
    setClock(() => clock);
  });
  afterEach(() => {
    cloud?.close();
    setClock();
  });
  const current = () => {
    if (!cloud) throw new Error('useTestCloud: no cloud outside a test');
    return cloud;
  };
  return {
    get cloud() {
      return current();
    },
    now: () => clock,
    advance: (ms) => {
      clock += ms;
    },
    call: <T>(name: string, data: unknown, identity: Identity) =>
      current().callFunction(name, data, identity) as Promise<CloudResult<T>>,
  };
}

export const alice: Identity = { OPENID: 'oAlice00000000000000000000000', APPID: 'wx1234567890abcdef' };
export const bob: Identity = { OPENID: 'oBob0000000000000000000000000', APPID: 'wx1234567890abcdef' };
/**
 * An anonymous web caller (the H5 jump page through the CloudBase web SDK), presented as
 * CloudBase presents it: TCB_UUID and TCB_SOURCE_IP, never an OPENID or CLIENTIP.
 */
export const webVisitor: Identity = { TCB_UUID: 'anonWebVisitor0001', TCB_SOURCE_IP: '203.0.113.7' };

/**
 * For tests that need several runtimes (persistence, two instances at once): each
 * LocalCloud made by the returned function is closed after the test.
 */
export function closingAfterEach(): (options?: ConstructorParameters<typeof LocalCloud>[0]) => LocalCloud {
  const clouds: LocalCloud[] = [];
  afterEach(() => {
    for (const cloud of clouds.splice(0)) cloud.close();
  });
  return (options = {}) => {
    const cloud = new LocalCloud(options);
    clouds.push(cloud);
    return cloud;
  };
}

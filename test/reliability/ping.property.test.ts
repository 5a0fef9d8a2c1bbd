/** @jest-environment node */
import fc from 'fast-check';
import { alice, useTestCloud } from '../support/cloud';
import { ALICE, cases, pingEvent } from './arbitraries';
import { PropertyHarness } from './harness';
import { pingEcho } from './rules';

// 1,000 events per test: seconds here, but minutes on a loaded CI machine.
jest.setTimeout(180_000);

const t = useTestCloud();

describe('ping: generated events', () => {
  it('ping (1,000+ events: valid, hostile fields, random)', async () => {
    await new PropertyHarness(t, {
      subject: 'ping',
      fn: 'ping',
      caller: 'alice',
      account: 'optional',
      cases: cases({
        valid: pingEvent,
        fields: ['echo'],
        near: {
          echo: fc.constantFrom(
            'a'.repeat(100),
            'a'.repeat(101),
            '\u{1F600}'.repeat(100),
            '\u{1F600}'.repeat(101),
            'e\u0301'.repeat(50),
            'e\u0301'.repeat(51),
          ),
        },
      }),
      fields: { echo: pingEcho },
      codes: [],
      checkSuccess(data, event, { state, after }) {
        const result = data as Record<string, unknown>;
        const problems: string[] = [];
        const keys = Object.keys(result).sort().join(',');
        const echo = typeof event.echo === 'string' ? event.echo : undefined;
        const expectedKeys = echo === undefined ? 'appid,openid,visits' : 'appid,echo,openid,visits';
        if (keys !== expectedKeys) problems.push(`data has keys ${keys}`);
        if (result.openid !== ALICE || result.appid !== alice.APPID)
          problems.push('openid/appid are not the caller');
        if (result.echo !== echo) problems.push('echo differs from the event');
        const stored = after.collections.pings.find((doc) => doc._id === ALICE);
        const visits = state === 'none' ? 0 : stored?.count;
        if (result.visits !== visits)
          problems.push(`visits ${String(result.visits)}, stored ${String(visits)}`);
        return problems;
      },
    }).run();
  }, 120_000);
});

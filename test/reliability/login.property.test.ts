/** @jest-environment node */
import { ALICE, cases, loginEvent } from './arbitraries';
import { PropertyHarness, publicUserProblems } from './harness';
import { ignoredField } from './rules';
import { useTestCloud } from '../support/cloud';

// 1,000 events per test: seconds here, but minutes on a loaded CI machine.
jest.setTimeout(180_000);

const t = useTestCloud();

describe('login: generated events', () => {
  it('login (1,000+ events: valid, hostile fields, random)', async () => {
    await new PropertyHarness(t, {
      subject: 'login',
      fn: 'login',
      caller: 'alice',
      account: 'login',
      cases: cases({ valid: loginEvent, fields: ['code'] }),
      fields: { code: ignoredField },
      codes: [],
      checkSuccess(data, _event, { state }) {
        const result = data as Record<string, unknown>;
        const problems = publicUserProblems(result.user);
        if (result.openid !== ALICE) problems.push(`openid ${String(result.openid)}`);
        if (result.isNew !== (state === 'none'))
          problems.push(`isNew ${String(result.isNew)} for account ${state}`);
        const keys = Object.keys(result).sort().join(',');
        if (keys !== 'favorites,isNew,openid,user') problems.push(`data has keys ${keys}`);
        // Alice has no favourites in these runs: a list, and an empty one.
        if (!Array.isArray(result.favorites) || result.favorites.length > 0) {
          problems.push(`favorites ${JSON.stringify(result.favorites)}`);
        }
        return problems;
      },
    }).run();
  }, 120_000);
});

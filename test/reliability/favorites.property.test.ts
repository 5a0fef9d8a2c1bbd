/** @jest-environment node */
import fc from 'fast-check';
import { useTestCloud } from '../support/cloud';
import { ALICE, ITEM_IDS, actionNear, cases, favoritesEvent } from './arbitraries';
import { PropertyHarness, itemIdsProblems, type EntryPoint, type RunInfo } from './harness';
import { actionRule, itemId } from './rules';

// 1,000 events per test: seconds here, but minutes on a loaded CI machine.
jest.setTimeout(180_000);

const t = useTestCloud();
const ACTIONS = ['list', 'add', 'remove'] as const;

const itemNear = fc.constantFrom(
  ...ITEM_IDS,
  `${ITEM_IDS[0]} `,
  ITEM_IDS[0].toUpperCase(),
  `${ITEM_IDS[0]}\u200D`,
  `${ITEM_IDS[0]}:x`,
  '__proto__',
  'constructor',
  'toString',
  'x'.repeat(64),
  'x'.repeat(65),
);

/** alice's favourites as stored after the call. */
const stored = ({ after }: RunInfo) =>
  after.collections.favorites.filter((doc) => doc.openid === ALICE).map((doc) => String(doc.itemId));

function entry(action: (typeof ACTIONS)[number]): EntryPoint {
  const withItem = action !== 'list';
  return {
    subject: `favorites.${action}`,
    fn: 'favorites',
    caller: 'alice',
    account: action === 'add' ? 'required' : 'optional',
    cases: cases({
      valid: favoritesEvent(action),
      fields: withItem ? ['action', 'itemId'] : ['action'],
      near: { action: actionNear(ACTIONS), itemId: itemNear },
    }),
    fields: withItem
      ? { action: actionRule([action], ACTIONS), itemId }
      : { action: actionRule([action], ACTIONS) },
    // Any action's codes: an event may name another action than the one under test.
    codes: ['LIMIT_EXCEEDED', 'NOT_FOUND', 'ACCOUNT_DELETING'],
    checkSuccess(data, event, run) {
      const problems = itemIdsProblems(data);
      if (problems.length > 0) return problems;
      const itemIds = (data as { itemIds: string[] }).itemIds;
      const expected = run.state === 'none' ? [] : stored(run);
      if ([...itemIds].sort().join() !== [...expected].sort().join()) {
        problems.push(`answered ${itemIds.join(',')} but alice has ${expected.join(',')}`);
      }
      if (action === 'add' && !itemIds.includes(event.itemId as string))
        problems.push('the added item is missing');
      if (action === 'remove' && itemIds.includes(event.itemId as string))
        problems.push('the removed item is listed');
      return problems;
    },
  };
}

describe('favorites: generated events', () => {
  it.each(ACTIONS)(
    'favorites.%s (1,000+ events: valid, hostile fields, random)',
    async (action) => {
      await new PropertyHarness(t, entry(action)).run();
    },
    120_000,
  );
});

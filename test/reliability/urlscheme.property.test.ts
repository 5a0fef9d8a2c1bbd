/** @jest-environment node */
import { useTestCloud } from '../support/cloud';
import { actionNear, cases, urlschemeEvent, urlschemeNear } from './arbitraries';
import { PropertyHarness, type EntryPoint } from './harness';
import { actionRule, envVersion, expireAt, expireIntervalDays, oneExpiry, pagePath, query } from './rules';

// 1,000 events per test: seconds here, but minutes on a loaded CI machine.
jest.setTimeout(180_000);

const t = useTestCloud();
const ACTIONS = ['scheme', 'link'] as const;
const DAY = 24 * 60 * 60;
const FIELDS = ['action', 'path', 'query', 'envVersion', 'expireIntervalDays', 'expireAt'];

function entry(
  subject: string,
  caller: 'alice' | 'web',
  actions: readonly ('scheme' | 'link')[],
): EntryPoint {
  return {
    subject,
    fn: 'urlscheme',
    caller,
    account: 'public',
    cases: cases({
      valid: urlschemeEvent(actions),
      fields: FIELDS,
      near: { ...urlschemeNear, action: actionNear(ACTIONS) },
    }),
    fields: {
      action: actionRule(ACTIONS, []),
      path: pagePath,
      query,
      envVersion,
      expireIntervalDays,
      expireAt,
    },
    whole: [oneExpiry],
    codes: [
      'UNAUTHENTICATED',
      'RATE_LIMITED',
      'LINK_NOT_PERMITTED',
      'PAGE_NOT_PUBLISHED',
      'QUERY_REJECTED',
      'DAILY_QUOTA_EXCEEDED',
      'APP_NOT_PUBLISHED',
      'EXPIRY_REJECTED',
      'ENV_VERSION_REJECTED',
      'WECHAT_API_ERROR',
    ],
    checkSuccess(data, event, { nowSeconds }) {
      const result = data as Record<string, unknown>;
      const problems: string[] = [];
      const link = event.action === 'link' ? 'urlLink' : 'openlink';
      const keys = Object.keys(result).sort().join();
      if (keys !== ['expireAt', link].sort().join()) problems.push(`data has keys ${keys}`);
      const pattern =
        link === 'urlLink' ? /^https:\/\/wxaurl\.cn\/\w+$/ : /^weixin:\/\/dl\/business\/\?t=\w+$/;
      if (typeof result[link] !== 'string' || !pattern.test(result[link] as string))
        problems.push(`${link} malformed`);
      const days = typeof event.expireIntervalDays === 'number' ? event.expireIntervalDays : 30;
      const expected = typeof event.expireAt === 'number' ? event.expireAt : nowSeconds + days * DAY;
      if (result.expireAt !== expected)
        problems.push(`expireAt ${String(result.expireAt)}, expected ${expected}`);
      return problems;
    },
  };
}

describe('urlscheme: generated events', () => {
  it.each([
    ['urlscheme.scheme', 'alice', ['scheme']],
    ['urlscheme.link', 'alice', ['link']],
    ['urlscheme (anonymous web caller)', 'web', ACTIONS],
  ] as const)(
    '%s (1,000+ events: valid, hostile fields, random)',
    async (subject, caller, actions) => {
      await new PropertyHarness(t, entry(subject, caller, actions)).run();
    },
    120_000,
  );
});

// No @jest-environment docblock: this runs in the project's default (jsdom) environment,
// where page and end-to-end tests will use the local cloud. mingo's package exports
// resolve to an ES module there; the runtime must load its CommonJS build regardless.
import { LocalCloud } from '../../scripts/local-cloud';

describe('LocalCloud in the jsdom test environment', () => {
  it('runs the real ping function and evaluates queries', async () => {
    expect(typeof document).toBe('object');
    const cloud = new LocalCloud();
    try {
      await cloud.callFunction('login', {}, { OPENID: 'o-jsdom' });
      const result = (await cloud.callFunction('ping', {}, { OPENID: 'o-jsdom' })) as {
        data: { visits: number };
      };
      expect(result.data.visits).toBe(1);
      const _ = cloud.database.command;
      const { total } = await cloud.database
        .collection('pings')
        .where({ count: _.gte(1) })
        .count();
      expect(total).toBe(1);
    } finally {
      cloud.close();
    }
  });
});

/**
 * npm run setdata: the core journey through the real pages (launch, browse, login,
 * favourite, profile save, links, logout), printing per step the app's own setData calls
 * (count, bytes, largest) and its cloud calls, and failing on the budgets: no single setData
 * of the app over 2 KB; toggling one favourite sends only the star that changed.
 */
import { articles } from '../../miniprogram/data/articles';
import { launchApp, resetApp, sheet } from '../../test/support/app';
import { currentFakeWx } from '../../test/support/fake-wx';
import { openPage, renderPage } from '../../test/support/render';
import { calls, installSetDataMeter, type SetDataCall } from './meter';

installSetDataMeter();

export const MAX_SETDATA_BYTES = 2 * 1024;

interface Step {
  name: string;
  setData: SetDataCall[];
  cloudCalls: string[];
}

const steps: Step[] = [];

async function step(name: string, play: () => Promise<void>): Promise<Step> {
  const fake = currentFakeWx();
  const before = calls.length;
  const cloudBefore = fake.cloud.calls.length;
  await play();
  const done: Step = {
    name,
    setData: calls.slice(before),
    cloudCalls: fake.cloud.calls.slice(cloudBefore).map((call) => {
      const action = (call.data as { action?: string } | undefined)?.action;
      return action ? `${call.name}.${action}` : call.name;
    }),
  };
  steps.push(done);
  return done;
}

function table(): string {
  const rows = steps.map((s) => {
    const bytes = s.setData.reduce((sum, call) => sum + call.bytes, 0);
    const largest = s.setData.reduce((max, call) => (call.bytes > max.bytes ? call : max), {
      component: '-',
      bytes: 0,
      keys: [],
    } as SetDataCall);
    return `| ${s.name.padEnd(16)} | ${String(s.setData.length).padStart(7)} | ${String(bytes).padStart(8)} | ${`${largest.bytes} (${largest.component})`.padEnd(34)} | ${s.cloudCalls.join(', ') || '-'}`;
  });
  return [
    '| step             | setData | bytes    | largest                            | cloud calls',
    '|------------------|---------|----------|------------------------------------|------------',
    ...rows,
  ].join('\n');
}

afterAll(() => {
  console.info(`setData budget (the app's own calls; budget: ≤ ${MAX_SETDATA_BYTES} bytes each)\n${table()}`);
});

it('the core journey stays within the setData budgets', async () => {
  resetApp();
  const [first, second] = articles;
  const launch = await step('launch (guest)', () => launchApp());
  expect(launch.cloudCalls).toEqual([]);

  let home = await renderPage('pages/home/index');
  await step('browse', async () => {
    home = await renderPage('pages/home/index');
    await home.settle();
    const article = await openPage(`/packages/content/article/index?id=${first.id}`);
    await article.settle();
    article.detach();
    wx.navigateBack({});
  });

  const login = await step('login', async () => {
    await home.tap(`#star-${first.id}`);
    await home.tap(sheet.agree);
    await home.tap(sheet.login);
    await home.settle();
  });
  expect(login.cloudCalls).toEqual(['login', 'favorites.add']);

  const favourite = await step('favourite', async () => {
    await home.tap(`#star-${second.id}`);
    await home.settle();
  });
  // One star changed: the home page sends that star's path, never the whole map or the list.
  const homeWrites = favourite.setData.filter((call) => call.component === 'pages/home/index');
  expect(homeWrites.length).toBeGreaterThan(0);
  for (const call of homeWrites) {
    // Star paths only; `pendingMap` itself only as the emptied in-flight set (a few bytes).
    expect(
      call.keys.every(
        (key) => key.startsWith('favoriteMap.') || key.startsWith('pendingMap.') || key === 'pendingMap',
      ),
    ).toBe(true);
    expect(call.keys).not.toContain('favoriteMap');
    expect(call.bytes).toBeLessThan(100);
  }

  await step('profile save', async () => {
    const profile = await openPage('/packages/account/profile/index');
    await profile.settle();
    await profile.trigger('#nickname', 'input', { value: '旅行者' });
    await profile.trigger('#profile-form', 'submit', { value: { nickname: '旅行者' } });
    await profile.settle();
    profile.detach();
    wx.navigateBack({});
  });

  await step('links', async () => {
    const links = await openPage('/packages/account/links/index');
    await links.tap('#create');
    await links.settle();
    links.detach();
    wx.navigateBack({});
  });

  await step('logout', async () => {
    const mine = await renderPage('pages/mine/index');
    await mine.tap('#logout');
    await mine.settle();
    await home.settle();
  });

  const over = steps.flatMap((s) =>
    s.setData
      .filter((call) => call.bytes > MAX_SETDATA_BYTES)
      .map((call) => `${s.name}: ${call.component} ${call.bytes} bytes`),
  );
  expect(over).toEqual([]);
});

/**
 * The favourites store when answers arrive in an unlucky order: a list answer that left
 * the server before a change must not undo it; a double tap is one change and one toast;
 * opening 我的收藏 right after login asks for nothing more (the login answer brought the list).
 */
import { articles } from '../../miniprogram/data/articles';
import { currentTransport, useTransport } from '../../miniprogram/services/cloud';
import { favoritesStore } from '../../miniprogram/stores/favorites';
import { sessionStore } from '../../miniprogram/stores/session';
import { resetApp, sheet } from '../support/app';
import { currentFakeWx } from '../support/fake-wx';
import { openPage, renderPage } from '../support/render';

const [first, second] = articles;

beforeEach(resetApp);

const actions = () =>
  currentFakeWx().cloud.calls.map(
    (call) => `${call.name}.${(call.data as { action?: string }).action ?? ''}`,
  );

/**
 * The next call of `action` runs on the server at once, but its answer reaches the app
 * only when `release()` is called (a slow network on the way back).
 */
function holdNextAnswer(
  action: string,
  name = 'favorites',
): { release: () => Promise<void>; answered: Promise<void> } {
  const real = currentTransport();
  let deliver: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (deliver = resolve));
  let reached: () => void = () => undefined;
  const answered = new Promise<void>((resolve) => (reached = resolve));
  let used = false;
  useTransport({
    ...real,
    async callFunction(called, data) {
      if (used || called !== name || (data.action ?? '') !== action) return real.callFunction(called, data);
      used = true;
      const answer = await real.callFunction(called, data);
      reached();
      await gate;
      return answer;
    },
  });
  return {
    answered,
    release: async () => {
      deliver();
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

describe('answers in an unlucky order', () => {
  it('a list answer that left the server before an add does not undo the add', async () => {
    await sessionStore.login();
    await favoritesStore.load();
    const list = holdNextAnswer('list');
    const loading = favoritesStore.load();
    await list.answered; // The server listed nothing yet.
    await expect(favoritesStore.toggle(first.id)).resolves.toBe(true);
    expect(favoritesStore.itemIds).toEqual([first.id]);

    await list.release();
    await loading;
    expect(favoritesStore.itemIds).toEqual([first.id]);
  });

  it('the list a refresh brought does not undo a favourite made while it was on its way', async () => {
    await sessionStore.login();
    expect(favoritesStore.loaded).toBe(true); // The login answer brought the (empty) list.
    const refresh = holdNextAnswer('', 'login');
    const refreshing = sessionStore.refresh();
    await refresh.answered; // The server listed nothing yet...
    await favoritesStore.toggle(first.id); // ...while this 收藏 completes.
    await refresh.release();
    await refreshing;
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(favoritesStore.itemIds).toEqual([first.id]);
    expect(favoritesStore.loaded).toBe(true);
  });

  it('an older change answer does not hide a newer change', async () => {
    await sessionStore.login();
    await favoritesStore.load();
    const add = holdNextAnswer('add');
    const adding = favoritesStore.toggle(first.id);
    await add.answered; // Its list: [first].
    await favoritesStore.toggle(second.id); // Its list: [second, first].
    await add.release();
    await adding;
    expect([...favoritesStore.itemIds].sort()).toEqual([first.id, second.id].sort());
  });
});

describe('a double tap on a star', () => {
  it('is one change: the second tap is ignored while the first is on its way', async () => {
    await sessionStore.login();
    await favoritesStore.load();
    const [a, b] = await Promise.all([favoritesStore.toggle(first.id), favoritesStore.toggle(first.id)]);
    expect([a, b]).toEqual([true, undefined]);
    expect(actions().filter((action) => action === 'favorites.add')).toHaveLength(1);
    expect(actions().filter((action) => action === 'favorites.remove')).toHaveLength(0);
    expect(favoritesStore.itemIds).toEqual([first.id]);
  });

  it('on the home page shows one toast, 已收藏, and a busy star meanwhile', async () => {
    await sessionStore.login();
    await favoritesStore.load();
    const page = await renderPage('pages/home/index');
    const add = holdNextAnswer('add');
    await page.tap(`#star-${first.id}`);
    await add.answered;
    await page.settle();
    expect(page.instance.data.pendingMap).toEqual({ [first.id]: true });
    await page.tap(`#star-${first.id}`);
    await page.settle();
    expect(page.text()).not.toContain('已取消收藏');
    await add.release();
    await page.settle();
    expect(page.text()).toContain('已收藏');
    expect(page.text()).not.toContain('已取消收藏');
    expect(actions().filter((action) => action.startsWith('favorites.add'))).toHaveLength(1);
    expect(page.instance.data.favoriteMap).toEqual({ [first.id]: true });
  });
});

describe('我的收藏 after login', () => {
  it('asks for no list: the login answer brought it, and the page shown right after uses it', async () => {
    const mine = await renderPage('pages/mine/index');
    await mine.tap('#login');
    await mine.tap(sheet.agree);
    await mine.tap(sheet.login);
    await mine.settle();
    expect(sessionStore.status).toBe('user');
    const page = await openPage('/packages/account/favorites/index');
    await page.settle();
    expect(actions()).toEqual(['login.']);
    expect(page.text()).toContain('还没有收藏');
  });
});

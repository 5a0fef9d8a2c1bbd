/**
 * The favourites store after a failed add/remove: a "maybe saved" failure is followed by
 * a re-list, and the star follows what the server holds, not a guess.
 */
import { articles } from '../../miniprogram/data/articles';
import { favoritesStore } from '../../miniprogram/stores/favorites';
import { sessionStore } from '../../miniprogram/stores/session';
import { resetApp } from '../support/app';
import { currentFakeWx } from '../support/fake-wx';
import { injectFault, MAYBE_SAVED_BODY } from '../services/faults';

const [first, second] = articles;

beforeEach(resetApp);

const lastActions = (count: number) =>
  currentFakeWx()
    .cloud.calls.slice(-count)
    .map((call) => (call.data as { action?: string } | undefined)?.action);

async function signedIn(): Promise<void> {
  await sessionStore.login();
  await favoritesStore.load();
}

describe('favourites after a "maybe saved" failure', () => {
  it('counts an add as done when the re-list shows it', async () => {
    await signedIn();
    injectFault('add', 'maybe-saved-after-write');
    await expect(favoritesStore.toggle(first.id)).resolves.toBe(true);
    expect(favoritesStore.itemIds).toEqual([first.id]);
    expect(favoritesStore.pending).toEqual([]);
    expect(lastActions(2)).toEqual(['add', 'list']);
  });

  it('says an add did not happen when the re-list does not show it', async () => {
    await signedIn();
    injectFault('add', 'maybe-saved-no-write');
    await expect(favoritesStore.toggle(first.id)).rejects.toMatchObject({ message: '收藏未成功，请重试' });
    expect(favoritesStore.itemIds).toEqual([]);
    expect(lastActions(1)).toEqual(['list']);
  });

  it('counts a remove as done when the re-list no longer shows it', async () => {
    await signedIn();
    await favoritesStore.toggle(first.id);
    await favoritesStore.toggle(second.id);
    injectFault('remove', 'maybe-saved-after-write');
    await expect(favoritesStore.toggle(first.id)).resolves.toBe(false);
    expect(favoritesStore.itemIds).toEqual([second.id]);
  });

  it('says a remove did not happen when the item is still listed', async () => {
    await signedIn();
    await favoritesStore.toggle(first.id);
    injectFault('remove', 'maybe-saved-no-write');
    await expect(favoritesStore.toggle(first.id)).rejects.toMatchObject({
      message: '取消收藏未成功，请重试',
    });
    expect(favoritesStore.itemIds).toEqual([first.id]);
  });

  it('shows the truth after a network failure once the re-list goes through', async () => {
    await signedIn();
    injectFault('add', 'network-after-write');
    await expect(favoritesStore.toggle(first.id)).resolves.toBe(true);
    expect(favoritesStore.itemIds).toEqual([first.id]);
  });

  it("keeps the call's own message when the re-list fails too", async () => {
    await signedIn();
    injectFault('add', 'maybe-saved-after-write');
    injectFault('list', 'network-no-write');
    await expect(favoritesStore.toggle(first.id)).rejects.toMatchObject({
      code: 'INTERNAL',
      message: MAYBE_SAVED_BODY.message,
    });
    expect(favoritesStore.pending).toEqual([]);
  });

  it('does not re-list after a plain refusal (nothing was saved)', async () => {
    await signedIn();
    injectFault('add', 'not-saved');
    const callsBefore = currentFakeWx().cloud.calls.length;
    await expect(favoritesStore.toggle(first.id)).rejects.toMatchObject({
      fromServer: true,
      maybeSaved: false,
    });
    expect(currentFakeWx().cloud.calls.length).toBe(callsBefore);
  });
});

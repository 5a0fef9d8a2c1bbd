import { articles } from '../../../miniprogram/data/articles';
import { FAVORITES_FRESH_MS, favoritesStore } from '../../../miniprogram/stores/favorites';
import { setClock } from '../../../miniprogram/utils/clock';
import { sessionStore } from '../../../miniprogram/stores/session';
import { resetApp, sheet } from '../../support/app';
import { currentFakeWx } from '../../support/fake-wx';
import { openPage } from '../../support/render';
import { injectFault } from '../../services/faults';

beforeEach(resetApp);

describe('favorites page', () => {
  it('tells a guest (deep link) why it is empty and offers login, not a broken page', async () => {
    const page = await openPage('/packages/account/favorites/index');
    expect(page.text()).toContain('登录后可查看你收藏的文章');
    await page.tap('#login');
    expect(page.text()).toContain('登录后继续');

    await page.tap(sheet.agree);
    await page.tap(sheet.login);
    await page.settle();
    expect(page.text()).toContain('还没有收藏');
  });

  it("lists the user's favourites, newest first", async () => {
    await sessionStore.login();
    await favoritesStore.toggle(articles[0].id);
    await favoritesStore.toggle(articles[2].id);
    const page = await openPage('/packages/account/favorites/index');

    const text = page.text();
    expect(text.indexOf(articles[2].title)).toBeGreaterThanOrEqual(0);
    expect(text.indexOf(articles[2].title)).toBeLessThan(text.indexOf(articles[0].title));
    expect(text).not.toContain(articles[1].title);
  });

  it('shows the load error with a retry that works', async () => {
    await sessionStore.login();
    await favoritesStore.toggle(articles[0].id);
    // Later: the list is no longer fresh, so showing the page asks for it again.
    setClock(() => Date.now() + FAVORITES_FRESH_MS + 1);
    const fake = currentFakeWx();
    fake.network.offline = true;
    const page = await openPage('/packages/account/favorites/index');
    expect(page.text()).toContain('网络不可用');

    fake.network.offline = false;
    await page.tap('#retry');
    await page.settle();
    expect(page.text()).toContain(articles[0].title);
  });
});

describe('favourites when the server answers "maybe saved"', () => {
  it('re-lists, so the star and the favourites page show what the server holds', async () => {
    await sessionStore.login();
    const article = await openPage(`/packages/content/article/index?id=${articles[0].id}`);
    injectFault('add', 'maybe-saved-after-write');
    await article.tap('#favorite');
    await article.settle();
    expect(article.instance.data.favorited).toBe(true);
    expect(article.text()).toContain('已收藏');

    const page = await openPage('/packages/account/favorites/index');
    expect(page.text()).toContain(articles[0].title);
  });

  it('says the add failed and leaves the star off when the re-list does not show it', async () => {
    await sessionStore.login();
    const article = await openPage(`/packages/content/article/index?id=${articles[0].id}`);
    injectFault('add', 'maybe-saved-no-write');
    await article.tap('#favorite');
    await article.settle();
    expect(article.instance.data).toMatchObject({ favorited: false, busy: false });
    expect(article.text()).toContain('收藏未成功，请重试');

    const page = await openPage('/packages/account/favorites/index');
    expect(page.text()).not.toContain(articles[0].title);
  });
});

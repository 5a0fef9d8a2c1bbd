import { articles } from '../../../miniprogram/data/articles';
import { favoritesStore } from '../../../miniprogram/stores/favorites';
import { sessionStore } from '../../../miniprogram/stores/session';
import { resetApp, sheet, sheetOpen } from '../../support/app';
import { currentFakeWx } from '../../support/fake-wx';
import { openPage, renderPage } from '../../support/render';

const article = articles[1];

beforeEach(resetApp);

describe('article page', () => {
  it('renders the article for a guest, opened from the home list', async () => {
    const home = await renderPage('pages/home/index');
    await home.tap(`#article-${article.id}`);
    const fake = currentFakeWx();
    expect(fake.router.stack.at(-1)).toMatchObject({
      route: 'packages/content/article/index',
      options: { id: article.id },
    });

    const page = await renderPage('packages/content/article/index', { id: article.id });
    expect(page.text()).toContain(article.title);
    for (const paragraph of article.paragraphs) expect(page.text()).toContain(paragraph);
    expect(page.text()).toContain('收藏');
    expect(page.text()).not.toContain('登录后继续');
  });

  it('opens from a link whose id is percent-encoded (WeChat passes the query undecoded)', async () => {
    const encoded = [...article.id].map((char) => `%${char.charCodeAt(0).toString(16)}`).join('');
    const page = await openPage(`/packages/content/article/index?id=${encoded}`);
    expect(page.text()).toContain(article.title);
  });

  it('shows a clear empty state for an unknown id, with a way home', async () => {
    const page = await openPage('/packages/content/article/index?id=nope');
    expect(page.text()).toContain('内容不存在或已下线');
    await page.tap('#back-home');
    expect(currentFakeWx().router.stack.map((entry) => entry.route)).toEqual(['pages/home/index']);
  });

  it('a guest tapping 收藏 is asked to log in; declining keeps the page as it was', async () => {
    const page = await openPage(`/packages/content/article/index?id=${article.id}`);
    await page.tap('#favorite');
    expect(page.text()).toContain('登录后即可收藏这篇文章');

    await page.tap(sheet.cancel);
    expect(sheetOpen(page)).toBe(false);
    expect(page.instance.data.favorited).toBe(false);
    expect(sessionStore.status).toBe('guest');
    expect(currentFakeWx().router.stack.at(-1)?.route).toBe('packages/content/article/index');
  });

  it('after login the favourite completes and the button shows 已收藏', async () => {
    const page = await openPage(`/packages/content/article/index?id=${article.id}`);
    await page.tap('#favorite');
    await page.tap(sheet.agree);
    await page.tap(sheet.login);
    await page.settle();

    expect(favoritesStore.itemIds).toEqual([article.id]);
    expect(page.instance.data.favorited).toBe(true);
    expect(page.text()).toContain('已收藏');
  });

  it('keeps the favourite off and says why when the server cannot be reached', async () => {
    await sessionStore.login();
    const page = await openPage(`/packages/content/article/index?id=${article.id}`);
    currentFakeWx().network.offline = true;
    await page.tap('#favorite');
    await page.settle();

    expect(page.instance.data.favorited).toBe(false);
    expect(page.text()).toContain('网络不可用，请检查网络后重试');
    expect(page.instance.data.busy).toBe(false);
  });

  it('shares the article it shows, with no callbacks', async () => {
    const page = await openPage(`/packages/content/article/index?id=${article.id}`);
    expect(page.instance.onShareAppMessage()).toEqual({
      title: article.title,
      path: `/packages/content/article/index?id=${article.id}`,
    });
    expect(page.instance.onShareTimeline()).toEqual({ title: article.title, query: `id=${article.id}` });
  });
});

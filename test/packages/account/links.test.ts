import { readFileSync } from 'fs';
import path from 'path';
import appJson from '../../../miniprogram/app.json';
import { pagesOf } from '../../../cloudfunctions/.shared/app-pages';
import { linkTargets } from '../../../miniprogram/packages/account/data/link-targets';
import { sessionStore } from '../../../miniprogram/stores/session';
import { launchApp, resetApp, server, sheet, sheetOpen } from '../../support/app';
import { currentFakeWx } from '../../support/fake-wx';
import { miniprogramRoot, openPage, query, type Rendered } from '../../support/render';

beforeEach(resetApp);

async function openAsUser(): Promise<Rendered> {
  currentFakeWx().privacy.agreed = true;
  await sessionStore.login();
  return openPage('/packages/account/links/index');
}

/** What a TDesign component emits when the user changes it. */
async function emit(page: Rendered, path: string, event: string, detail: unknown) {
  const node = query(page.component, path) as unknown as {
    instance: { triggerEvent(n: string, d: unknown): void };
  };
  node.instance.triggerEvent(event, detail);
  await page.settle();
}

describe('links page', () => {
  it('says that a link opened by one user can afterwards be opened only by that user', async () => {
    const page = await openAsUser();
    expect(page.text()).toContain('一条链接被一位用户打开后，只能再由这位用户打开');
  });

  it('offers only pages that exist in app.json', () => {
    for (const target of linkTargets) expect(pagesOf(appJson)).toContain(target.path);
  });

  it('creates a URL Scheme to the chosen page with the chosen expiry, and shows when it ends', async () => {
    const page = await openAsUser();
    await page.tap('#target-article');
    await emit(page, '#days', 'change', { value: 3 });
    await page.tap('#create');
    await page.settle();

    const link = page.instance.data.link;
    expect(link.url).toMatch(/^weixin:\/\/dl\/business\/\?t=\w+$/);
    expect(page.text()).toContain(link.url);
    expect(page.text()).toContain('失效时间');
    // The copy-failure hint says "long-press to copy": the link must be selectable text.
    // (The rendered DOM drops the attribute: read it from the template that drew the node.)
    expect(query(page.component, '#link-url')?.dom?.textContent).toBe(link.url);
    expect(readFileSync(path.join(miniprogramRoot, 'packages/account/links/index.wxml'), 'utf8')).toMatch(
      /<text[^>]*id="link-url"[^>]*user-select/,
    );
    expect(server().standIns.urlscheme.requests.at(-1)).toMatchObject({
      api: 'urlscheme.generate',
      params: {
        expireType: 1,
        expireInterval: 3,
        jumpWxa: { path: 'packages/content/article/index', query: 'id=guest-first', envVersion: 'release' },
      },
    });
  });

  it('creates a URL Link when that type is chosen', async () => {
    const page = await openAsUser();
    await emit(page, '#kind', 'change', { value: 'link' });
    await page.tap('#create');
    await page.settle();
    expect(page.instance.data.link.url).toMatch(/^https:\/\/wxaurl\.cn\/\w+/);
  });

  it("shows WeChat's refusal as a clear message and stays usable", async () => {
    const page = await openAsUser();
    server().standIns.urlscheme.failNext(85079);
    await page.tap('#create');
    await page.settle();
    expect(page.instance.data.link).toBeNull();
    expect(page.instance.data.error).toMatch(/[\u4e00-\u9fa5]/);
    expect(page.text()).toContain(page.instance.data.error);

    await page.tap('#create');
    await page.settle();
    expect(page.instance.data.error).toBe('');
    expect(page.instance.data.link).not.toBeNull();
  });

  it('shows a network failure clearly', async () => {
    const page = await openAsUser();
    currentFakeWx().network.offline = true;
    await page.tap('#create');
    await page.settle();
    expect(page.text()).toContain('网络不可用，请检查网络后重试');
  });

  it('copies the link through the privacy popup', async () => {
    const fake = currentFakeWx();
    await launchApp();
    await sessionStore.login();
    const page = await openPage('/packages/account/links/index');
    await page.tap('#create');
    await page.settle();

    await page.tap('#copy');
    expect(fake.clipboard.data).toBe('');
    expect(page.text()).toContain('为了复制链接');
    fake.privacy.userTapsAgree('agree-privacy');
    await page.trigger('#privacy-popup >> #agree-privacy', 'agreeprivacyauthorization', {
      errMsg: 'agreePrivacyAuthorization:ok',
    });
    await page.settle();
    expect(fake.clipboard.data).toBe(page.instance.data.link.url);
  });

  it('gives a guest a reason and a login button instead of the form, and no popup', async () => {
    const page = await openPage('/packages/account/links/index');
    expect(page.text()).toContain('登录后可生成打开小程序的链接');
    expect(sheetOpen(page)).toBe(false);
    expect(page.has('#create')).toBe(false);

    await page.tap('#login');
    await page.tap(sheet.agree);
    await page.tap(sheet.login);
    await page.settle();
    expect(page.has('#create')).toBe(true);
  });
});

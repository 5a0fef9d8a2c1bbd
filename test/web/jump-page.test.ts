/** @jest-environment node */
/**
 * The H5 jump page (web/jump.html) in headless Chromium against the local cloud runtime:
 * the page is served from one local port, the runtime's HTTP server from another, and the
 * page asks the real `urlscheme` function (anonymous web caller, TCB_SOURCE_IP) for a scheme.
 *
 * Needs /usr/bin/chromium (apt-get install chromium fonts-noto-cjk) or CHROMIUM_PATH.
 * Without it the tests are skipped, unless REQUIRE_BROWSER=1 (CI), which makes them fail.
 */
import { existsSync, readFileSync, statSync } from 'fs';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { LocalCloud } from '../../scripts/local-cloud';
import { startServer, type RunningServer } from '../../scripts/local-cloud/server';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/chromium';
import { assertChromium, describeInBrowser } from '../support/browser';
import { deadLocalUrl } from '../support/ports';

const WEB_ROOT = path.resolve(__dirname, '../../web');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Serves web/ as static hosting would (GET only, files inside the folder only). */
async function serveWeb(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const file = path.join(WEB_ROOT, path.normalize(pathname));
    if (!file.startsWith(WEB_ROOT + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/**
 * Every attempt of the page to leave for a weixin:// URL. Chromium reports an external
 * protocol navigation as a requested navigation (CDP) and, depending on the version, as a
 * request that is then aborted; either counts. Chromium may swallow later attempts to the
 * same URL in one context, so tests assert on the first one.
 */
async function watchSchemeNavigations(context: BrowserContext, page: Page): Promise<string[]> {
  const seen: string[] = [];
  const record = (url: string) => {
    if (url.startsWith('weixin://') && !seen.includes(url)) seen.push(url);
  };
  const cdp = await context.newCDPSession(page);
  await cdp.send('Page.enable');
  cdp.on('Page.frameRequestedNavigation', (event: { url: string }) => record(event.url));
  page.on('request', (request) => record(request.url()));
  page.on('framenavigated', (frame) => record(frame.url()));
  return seen;
}

async function until<T>(read: () => T | undefined, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describeInBrowser('H5 jump page tests')('H5 jump page (headless Chromium)', () => {
  let browser: Browser;
  let web: { url: string; server: Server };
  let cloud: LocalCloud;
  let runtime: RunningServer;
  let context: BrowserContext;

  beforeAll(async () => {
    assertChromium();
    browser = await chromium.launch({
      executablePath: chromiumPath(),
      args: ['--headless', ...CHROMIUM_ARGS],
    });
    web = await serveWeb();
  });
  afterAll(async () => {
    await browser?.close();
    if (web) await new Promise((resolve) => web.server.close(resolve));
  });

  beforeEach(async () => {
    cloud = new LocalCloud({ load: 'source' });
    runtime = await startServer({ cloud, port: 0, quiet: true });
    context = await browser.newContext({ locale: 'zh-CN' });
  });
  afterEach(async () => {
    await context.close();
    await runtime.close();
    cloud.close();
  });

  const pageUrl = (params: Record<string, string>) =>
    `${web.url}/jump.html?${new URLSearchParams({ endpoint: runtime.url, ...params })}`;

  async function open(params: Record<string, string>) {
    const page = await context.newPage();
    const navigations = await watchSchemeNavigations(context, page);
    await page.goto(pageUrl(params));
    return { page, navigations };
  }

  it('asks the urlscheme function for a fresh scheme and redirects to it', async () => {
    const { page, navigations } = await open({
      path: 'packages/content/article/index',
      query: 'id=a1&from=sms',
      env: 'trial',
    });

    const attempted = await until(() => navigations[0], 'the redirect to weixin://');
    const [generated] = cloud.standIns.urlscheme.generated;
    expect(attempted).toBe(generated.url);
    expect(attempted).toMatch(/^weixin:\/\/dl\/business\/\?t=[A-Za-z0-9]+$/);
    expect(generated).toMatchObject({
      kind: 'scheme',
      path: 'packages/content/article/index',
      query: 'id=a1&from=sms',
      envVersion: 'trial',
      caller: { TCB_SOURCE_IP: '127.0.0.1' },
    });
    expect(generated.expireAt - Math.floor(generated.createdAt / 1000)).toBe(24 * 60 * 60);

    // Still on the page ~2 s later (no WeChat here): a link the user can tap.
    await page.waitForSelector('body[data-state="fallback"]', { timeout: 5000 });
    expect(await page.textContent('#message')).toBe('未能自动打开微信，请点击下方按钮打开小程序。');
    expect(await page.isVisible('#open')).toBe(true);
    expect(await page.getAttribute('#open', 'href')).toBe(generated.url);
    expect(await page.isVisible('#retry')).toBe(true);
    expect(page.url()).toContain('/jump.html');
  });

  it('shows the function error with a retry button, and retries with a fresh scheme', async () => {
    cloud.standIns.urlscheme.failNext(44993);
    const { page, navigations } = await open({ path: 'pages/home/index' });

    await page.waitForSelector('body[data-state="error"]');
    expect(await page.textContent('#title')).toBe('暂时无法打开小程序');
    expect(await page.textContent('#message')).toBe(
      '今天生成的链接数量已达上限（每个小程序每天 50 万条），请明天再试',
    );
    expect(await page.isVisible('#retry')).toBe(true);
    expect(await page.isVisible('#open')).toBe(false);
    expect(navigations).toEqual([]);

    await page.click('#retry');
    const attempted = await until(() => navigations[0], 'the redirect after retrying');
    expect(attempted).toBe(cloud.standIns.urlscheme.generated[0].url);
  });

  it('shows validation errors as text, never as markup', async () => {
    const { page, navigations } = await open({ path: '<img src=x onerror=alert(1)>', query: 'a=<b>' });
    await page.waitForSelector('body[data-state="error"]');
    expect(await page.textContent('#message')).toMatch(/^参数 path 必须是小程序的页面之一/);
    expect(await page.$('main img, main b')).toBeNull();
    expect(cloud.standIns.urlscheme.requests).toEqual([]);
    expect(navigations).toEqual([]);
  });

  it('reports an unreachable service with a retry button', async () => {
    const { page } = await open({ endpoint: await deadLocalUrl() });
    await page.waitForSelector('body[data-state="error"]');
    expect(await page.textContent('#message')).toBe('网络连接失败，请检查网络后重试');
    expect(await page.isVisible('#retry')).toBe(true);
  });

  it('ignores an endpoint that is not a loopback address (and then needs the web SDK config)', async () => {
    const { page } = await open({ endpoint: 'https://attacker.example' });
    await page.waitForSelector('body[data-state="error"]');
    expect(await page.textContent('#message')).toMatch(/^页面配置不完整/);
    expect(cloud.standIns.urlscheme.requests).toEqual([]);
  });

  it('asks WeChat users to open the page in a browser, without generating a scheme', async () => {
    await context.close();
    context = await browser.newContext({
      userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) MicroMessenger/8.0.50',
    });
    const { page } = await open({ path: 'pages/home/index' });
    await page.waitForSelector('body[data-state="wechat"]');
    expect(await page.textContent('#title')).toBe('请在浏览器中打开');
    expect(cloud.standIns.urlscheme.requests).toEqual([]);
  });
});

/**
 * One long-lived headless Chromium (Debian's package, driven by playwright-core; nothing
 * is downloaded) that photographs composed documents at 375x812 CSS px, device scale 2.
 */
import { existsSync } from 'fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Theme } from './app-config';
import { CHROMIUM_ARGS, chromiumPath } from '../chromium';
import { VIEWPORT } from './compose';

export class Camera {
  private readonly idle: Page[];
  private readonly waiting: ((page: Page) => void)[] = [];

  private constructor(
    private readonly browser: Browser,
    pages: Page[],
  ) {
    this.idle = [...pages];
  }

  /** The Chromium version drawing the pictures, e.g. '156.0.8078.79'. */
  get version(): string {
    return this.browser.version();
  }

  /** Starts Chromium with `tabs` reusable tabs (shots run in parallel, one per tab). */
  static async open(tabs = 2): Promise<Camera> {
    const executablePath = chromiumPath();
    if (!existsSync(executablePath)) {
      throw new Error(
        `Chromium not found at ${executablePath}: run \`bash scripts/screenshots/setup.sh\` (or set CHROMIUM_PATH)`,
      );
    }
    const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({
        viewport: { width: VIEWPORT.width, height: VIEWPORT.height },
        deviceScaleFactor: VIEWPORT.deviceScaleFactor,
        reducedMotion: 'reduce',
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      // Offline like the rest of the pipeline: remote fonts and images fail at once.
      await context.route(/^https?:/, (route) => route.abort());
      const pages = await Promise.all(Array.from({ length: Math.max(1, tabs) }, () => context.newPage()));
      return new Camera(browser, pages);
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  private acquire(): Promise<Page> {
    const page = this.idle.pop();
    return page ? Promise.resolve(page) : new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(page: Page): void {
    const next = this.waiting.shift();
    if (next) next(page);
    else this.idle.push(page);
  }

  /**
   * A PNG of the document, with the page's prefers-color-scheme set to `theme` and the
   * webview (the document's iframe) scrolled by `scroll`.
   */
  async shoot(html: string, theme: Theme, scroll?: 'bottom' | number): Promise<Buffer> {
    const page = await this.acquire();
    try {
      await page.emulateMedia({ colorScheme: theme });
      await page.setContent(html, { waitUntil: 'load' });
      for (const frame of page.frames()) {
        await frame.evaluate(() => document.fonts.ready.then(() => undefined));
      }
      const webview = page.frames().find((frame) => frame !== page.mainFrame());
      if (scroll !== undefined && webview) {
        await webview.evaluate((by) => {
          const root = document.scrollingElement ?? document.documentElement;
          root.scrollTop = by === 'bottom' ? root.scrollHeight : by;
        }, scroll);
      }
      return await page.screenshot({ type: 'png', animations: 'disabled', caret: 'hide', scale: 'device' });
    } finally {
      this.release(page);
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

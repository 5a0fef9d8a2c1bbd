/**
 * Shared steps of the live-preview browser tests: open a tab on the preview, find the app's
 * elements inside the phone's webview, wait for what the app shows.
 */
import type { BrowserContext, FrameLocator, Page } from 'playwright-core';

export const FIRST = '#star-guest-first';
export const SECOND = '#star-avatar-nickname';

export interface Tab {
  page: Page;
  webview: FrameLocator;
  /** Console errors and page errors of the preview page (the tests expect none). */
  problems: string[];
}

/** Opens the preview in a context and waits for the home page; console errors are collected. */
export async function openPreview(context: BrowserContext, url: string): Promise<Tab> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.goto(url);
  const webview = page.frameLocator('#webview');
  await webview.locator(FIRST).waitFor({ timeout: 60_000 });
  return { page, webview, problems };
}

/** Whether the article's star shows it saved (the app's `star--on` class, prefixed by simulate). */
export function starIsOn(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((star) => {
    const doc = (document.getElementById('webview') as HTMLIFrameElement).contentDocument;
    return Boolean(doc?.querySelector(star)?.className.includes('star--on'));
  }, selector);
}

export async function waitForStar(page: Page, selector: string, on: boolean): Promise<void> {
  await page.waitForFunction(
    ([star, wanted]) => {
      const doc = (document.getElementById('webview') as HTMLIFrameElement).contentDocument;
      return Boolean(doc?.querySelector(star as string)?.className.includes('star--on')) === wanted;
    },
    [selector, on] as const,
    { timeout: 20_000 },
  );
}

export const button = (webview: FrameLocator, text: string) =>
  webview.locator('wx-button', { hasText: text });

/** Ticks the login panel's agreement (the checkbox: its 44 px hit area covers its label). */
export const tickAgreement = (webview: FrameLocator) =>
  webview.locator('[role="checkbox"]', { hasText: '我已阅读并同意' }).click();

/** The page title WeChat draws in the navigation bar. */
export const waitForTitle = (page: Page, title: string) =>
  page.locator('.nav-title', { hasText: title }).first().waitFor();

/** A tabBar item. */
export const openTab = (page: Page, text: string) => page.locator('.tab-item', { hasText: text }).click();

/** A guest taps 收藏 on an article, agrees and logs in: the favourite is saved. */
export async function favouriteAsNewUser(tab: Tab, star: string): Promise<void> {
  const { page, webview } = tab;
  await webview.locator(star).click();
  await button(webview, '微信登录').waitFor();
  await tickAgreement(webview);
  await button(webview, '微信登录').click();
  await waitForStar(page, star, true);
}

/** 我的 → 登录 (agreeing to the terms): a logged-in user on 我的. */
export async function loginFromMine(tab: Tab): Promise<void> {
  const { page, webview } = tab;
  await openTab(page, '我的');
  await waitForTitle(page, '我的');
  await button(webview, '登录').first().click();
  await tickAgreement(webview);
  await button(webview, '微信登录').click();
  await button(webview, '退出登录').waitFor();
}

/** Polls `read` until `accept` says yes (10 s), and returns the last value. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  let value = await read();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

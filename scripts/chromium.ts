/**
 * Where the browser is and how it starts (kept apart from playwright-core, which cannot be
 * loaded in jest's jsdom: tests ask here whether Chromium is installed).
 */
import { existsSync } from 'fs';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** Headless flags that keep Chromium off the network, plus font settings that keep pictures identical run to run. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--font-render-hinting=none',
  '--disable-lcd-text',
  '--force-color-profile=srgb',
  '--hide-scrollbars',
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
}

export function hasChromium(): boolean {
  return existsSync(chromiumPath());
}

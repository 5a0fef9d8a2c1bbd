/**
 * The set-up the preview's own scripts share (benchmark, README picture): an in-memory
 * LocalCloud, the preview server with a booted app instance, Debian's Chromium; everything
 * closed afterwards, and the process exits with the script's code.
 */
import { chromium, type Browser } from 'playwright-core';
import { LocalCloud } from '../local-cloud';
import { CHROMIUM_ARGS, chromiumPath, hasChromium } from '../chromium';
import { startPreview, type RunningPreview } from './server';

export interface PreviewInBrowser {
  preview: RunningPreview;
  browser: Browser;
  /** From starting the server until an app instance was booted and waiting, ms. */
  bootMs: number;
}

export function runInBrowser(name: string, script: (context: PreviewInBrowser) => Promise<number>): void {
  const main = async (): Promise<number> => {
    if (!hasChromium()) {
      console.error(`${name}: no Chromium at ${chromiumPath()}: run \`bash scripts/screenshots/setup.sh\``);
      return 2;
    }
    const cloud = new LocalCloud({ load: 'source' });
    const started = Date.now();
    const preview = await startPreview({ cloud, port: 0, log: () => undefined });
    await preview.sessions.warm();
    const bootMs = Date.now() - started;
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    try {
      return await script({ preview, browser, bootMs });
    } finally {
      await browser.close();
      await preview.close();
      cloud.close();
    }
  };
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}

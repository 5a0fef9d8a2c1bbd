/**
 * Browser tests run in Debian's headless Chromium (bash scripts/screenshots/setup.sh).
 * Without it they are skipped with a notice, unless REQUIRE_BROWSER=1 (CI): then a
 * missing browser is a failure.
 */
import { chromiumPath, hasChromium } from '../../scripts/chromium';

export const browserRequired = process.env.REQUIRE_BROWSER === '1';

/** `describe` when the browser can run (or must), else `describe.skip` with a notice. */
export function describeInBrowser(suite: string): jest.Describe {
  if (hasChromium() || browserRequired) return describe;
  console.warn(
    `${suite} skipped: no Chromium at ${chromiumPath()} (install it with ` +
      '`bash scripts/screenshots/setup.sh`; REQUIRE_BROWSER=1 makes this a failure)',
  );
  return describe.skip;
}

/** Throws the setup hint when the browser is required but missing. */
export function assertChromium(): void {
  if (!hasChromium()) {
    throw new Error(`REQUIRE_BROWSER=1 but ${chromiumPath()} is missing: bash scripts/screenshots/setup.sh`);
  }
}

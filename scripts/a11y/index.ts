/**
 * npm run a11y [-- --captures <dir>] [-- --only <part>]: see check.ts.
 */
import { main } from './check';

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`a11y: ${(error as Error).stack ?? String(error)}`);
    process.exit(2);
  },
);

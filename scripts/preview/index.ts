/**
 * `npm start` (after the build): the local cloud runtime on http://127.0.0.1:3900 (for
 * WeChat DevTools) and the live preview on http://127.0.0.1:3901, sharing one LocalCloud
 * whose data persists in .local-cloud/. Editing a file under miniprogram/ or
 * cloudfunctions/ rebuilds the functions when they changed and restarts the open tabs'
 * apps on the page they show.
 *
 *   npx tsx scripts/preview/index.ts [--port 3901] [--cloud-port 3900] [--data .local-cloud]
 */
import { spawn } from 'child_process';
import path from 'path';
import { parseArgs } from 'util';
import { LocalCloud, REPO_ROOT } from '../local-cloud';
import { DEFAULT_PORT, startServer } from '../local-cloud/server';
import { buildFunctions } from '../build';
import { DEFAULT_PREVIEW_PORT, startPreview } from './server';
import { watchSources } from './watch';

/** Opens the address in the desktop's browser when there is one (never fails). */
function openBrowser(url: string): void {
  if (process.env.CI || process.env.PREVIEW_NO_OPEN) return;
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  try {
    spawn(command, [url], { stdio: 'ignore', detached: true })
      .on('error', () => undefined)
      .unref();
  } catch {
    // No browser to open: the printed address is enough.
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: String(DEFAULT_PREVIEW_PORT) },
      'cloud-port': { type: 'string', default: String(DEFAULT_PORT) },
      data: { type: 'string', default: path.join(REPO_ROOT, '.local-cloud') },
    },
    strict: true,
  });
  const port = Number(values.port);
  const cloudPort = Number(values['cloud-port']);
  const dataDir = path.resolve(values.data);
  const cloud = new LocalCloud({ dataDir, load: 'auto' });
  const runtime = await startServer({ cloud, port: cloudPort });
  console.info(`[local-cloud] listening on ${runtime.url} (data: ${dataDir})`);
  const preview = await startPreview({ cloud, port, dataDir, buildFunctions: () => buildFunctions() });
  console.info(`[preview] 小程序预览 / live preview: ${preview.url}  (open it in a browser; Ctrl+C stops)`);
  openBrowser(preview.url);
  // One reload at a time; changes made during a reload make one more.
  let reloading: Promise<void> = Promise.resolve();
  const watcher = watchSources(REPO_ROOT, (change) => {
    reloading = reloading
      .then(() => preview.reload(change))
      .catch((error: unknown) => {
        console.error(`[preview] reload failed: ${error instanceof Error ? error.message : String(error)}`);
      });
  });
  const stop = () => {
    watcher.close();
    void Promise.all([preview.close(), runtime.close()]).finally(() => {
      cloud.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`[preview] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

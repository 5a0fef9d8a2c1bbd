/**
 * Watches the app's sources for the preview: a change under miniprogram/ (pages,
 * components, styles, stores…) or cloudfunctions/ is reported once the edits settle
 * (editors write a file in several steps), with what changed. Generated files are ignored:
 * the npm build (miniprogram_npm), each function's bundle and package.json (written by the
 * build itself), dependencies, editor swap files.
 */
import { watch, type FSWatcher } from 'fs';
import path from 'path';

export type SourceKind = 'app' | 'functions';

export interface SourceChange {
  kinds: Set<SourceKind>;
  /** Paths relative to the project root, sorted. */
  files: string[];
}

const IGNORED = [
  /(^|\/)node_modules\//,
  /(^|\/)miniprogram_npm(\/|$)/,
  /^cloudfunctions\/[^/.][^/]*\/(index\.js|package\.json)$/,
  /(^|\/)\.[^/]*\.swp$/,
  /~$/,
  /(^|\/)\.DS_Store$/,
  /\.tmp$/,
];

/** Whether a changed file (relative to the root, `/`-separated) is a source the preview runs. */
export function isSource(relative: string): boolean {
  return (
    (relative.startsWith('miniprogram/') || relative.startsWith('cloudfunctions/')) &&
    !IGNORED.some((pattern) => pattern.test(relative))
  );
}

export function watchSources(
  root: string,
  onChange: (change: SourceChange) => void,
  settleMs = 300,
): { close(): void } {
  let pending: Set<string> = new Set();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const files = [...pending].sort();
    pending = new Set();
    const kinds = new Set<SourceKind>(
      files.map((file) => (file.startsWith('cloudfunctions/') ? 'functions' : 'app')),
    );
    onChange({ kinds, files });
  };
  const watchers: FSWatcher[] = [];
  for (const folder of ['miniprogram', 'cloudfunctions']) {
    const watcher = watch(path.join(root, folder), { recursive: true }, (_event, name) => {
      if (!name) return;
      const relative = `${folder}/${String(name).split(path.sep).join('/')}`;
      if (!isSource(relative)) return;
      pending.add(relative);
      clearTimeout(timer);
      timer = setTimeout(flush, settleMs);
    });
    watcher.on('error', () => undefined);
    watchers.push(watcher);
  }
  return {
    close() {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
    },
  };
}

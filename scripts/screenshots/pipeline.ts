/**
 * The shooting step (Node): composes each capture into a phone-sized document, photographs
 * it with one Chromium, writes `<out>/<id>.png`, compares with the baselines, and writes
 * the contact sheet. Modes: `render` (compare for information), `check` (a difference
 * fails, with a diff picture in `<out>/diff/`), `update` (refresh the baselines).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'fs';
import path from 'path';
import { readAppConfig, resolveWindow } from './app-config';
import type { Camera } from './browser';
import { composeDocument } from './compose';
import { contactSheet, STATUS_TEXT, type Shot, type ShotStatus } from './contact-sheet';
import type { Capture } from './model';
import {
  compareImages,
  decodePng,
  encodePalettePng,
  paletteImage,
  DEFAULT_TOLERANCE,
  type Tolerance,
} from './png';

export type Mode = 'render' | 'check' | 'update';

export interface ShootOptions {
  mode: Mode;
  outDir: string;
  baselineDir: string;
  tolerance?: Tolerance;
  /** True when every declared state was captured (no --only): stale baselines are handled. */
  complete: boolean;
  concurrency?: number;
  log?: (line: string) => void;
}

export interface ShootReport {
  shots: Shot[];
  /** Baselines of states that are no longer declared (complete runs only). */
  stale: string[];
  /** check: every picture matches its baseline and no baseline is stale. */
  ok: boolean;
  problems: string[];
  ms: number;
}

async function inPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

function pngsIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.png')) : [];
}

export async function shootAll(
  captures: readonly Capture[],
  camera: Camera,
  options: ShootOptions,
): Promise<ShootReport> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const config = readAppConfig();
  const diffDir = path.join(options.outDir, 'diff');
  mkdirSync(options.outDir, { recursive: true });
  for (const file of pngsIn(options.outDir)) unlinkSync(path.join(options.outDir, file));
  rmSync(diffDir, { recursive: true, force: true });
  if (options.mode === 'update') mkdirSync(options.baselineDir, { recursive: true });

  const problems: string[] = [];
  const shots = new Map<string, Shot>();
  await inPool(captures, options.concurrency ?? 2, async (capture) => {
    const composed = composeDocument(capture, config);
    for (const name of composed.missingIcons)
      problems.push(`${capture.id}: no SVG for TDesign icon "${name}"`);
    const picture = paletteImage(decodePng(await camera.shoot(composed.html, capture.theme, capture.scroll)));
    const png = encodePalettePng(picture);
    const file = `${capture.id}.png`;
    writeFileSync(path.join(options.outDir, file), png);

    const baselineFile = path.join(options.baselineDir, file);
    const pageTitle = resolveWindow(config, capture.route, 'light').title;
    const shot: Shot = { capture, pageTitle, file, status: 'rendered' };
    if (!existsSync(baselineFile)) {
      if (options.mode === 'update') {
        writeFileSync(baselineFile, png);
        shot.status = 'new';
      } else if (options.mode === 'check') {
        shot.status = 'missing-baseline';
      }
    } else {
      const comparison = compareImages(decodePng(readFileSync(baselineFile)), picture.image, tolerance);
      shot.diffPixels = comparison.diffPixels || undefined;
      if (comparison.same) {
        shot.status = 'same';
      } else if (options.mode === 'update') {
        writeFileSync(baselineFile, png);
        shot.status = 'updated';
      } else {
        shot.status = 'changed';
      }
      if (comparison.diff && shot.status !== 'updated' && shot.status !== 'same') {
        mkdirSync(diffDir, { recursive: true });
        writeFileSync(path.join(diffDir, file), comparison.diff);
        shot.diffFile = `diff/${file}`;
      }
    }
    shots.set(capture.id, shot);
  });

  const ordered = captures.map((capture) => shots.get(capture.id)).filter((shot): shot is Shot => !!shot);
  const declared = new Set(captures.map((capture) => `${capture.id}.png`));
  const stale = options.complete ? pngsIn(options.baselineDir).filter((file) => !declared.has(file)) : [];
  if (options.mode === 'update') {
    for (const file of stale) unlinkSync(path.join(options.baselineDir, file));
  }

  const shown = (file: string) => path.relative(process.cwd(), file) || file;
  for (const shot of ordered) {
    const where = shot.diffFile ? ` → ${shown(path.join(options.outDir, shot.diffFile))}` : '';
    if (shot.status === 'changed') log(`  changed  ${shot.capture.id}: ${shot.diffPixels} px differ${where}`);
    if (shot.status === 'missing-baseline') log(`  no baseline  ${shot.capture.id} (run with --update)`);
    if (shot.status === 'updated') log(`  updated  ${shot.capture.id} (${shot.diffPixels} px)`);
    if (shot.status === 'new') log(`  new      ${shot.capture.id}`);
  }
  for (const file of stale) {
    log(
      `  ${options.mode === 'update' ? 'removed' : 'stale'}  ${shown(path.join(options.baselineDir, file))} (no such state)`,
    );
  }

  const failed = ordered.filter((shot) => shot.status === 'changed' || shot.status === 'missing-baseline');
  const ok = options.mode !== 'check' || (failed.length === 0 && stale.length === 0);
  const counts = new Map<string, number>();
  for (const shot of ordered) counts.set(shot.status, (counts.get(shot.status) ?? 0) + 1);
  counts.delete('rendered');
  const summary = [
    `${ordered.length} 个页面状态，每张 750×1624（375×812 CSS 像素，2 倍屏）`,
    ...[...counts].map(([status, count]) => `${STATUS_TEXT[status as ShotStatus]} ${count}`),
    ...(stale.length > 0 ? [`多余的基线 ${stale.length}`] : []),
    `基线：${path.relative(path.dirname(options.outDir), options.baselineDir) || options.baselineDir}`,
  ].join(' · ');
  writeFileSync(path.join(options.outDir, 'index.html'), contactSheet(ordered, summary));
  return { shots: ordered, stale, ok, problems, ms: Date.now() - started };
}

import { execFileSync } from 'child_process';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import path from 'path';

/**
 * What drew the baselines. Text drawing changes between Chromium releases (Debian ships
 * new ones as security updates) and font versions; when --check finds differences, a
 * different renderer is the first thing to suspect, so it is named.
 */
export interface Renderer {
  chromium: string;
  fontsNotoCjk: string;
}

const FILE = 'renderer.json';

function fontsVersion(): string {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Version}', 'fonts-noto-cjk'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export function currentRenderer(chromium: string): Renderer {
  return { chromium, fontsNotoCjk: fontsVersion() };
}

export function saveRenderer(baselineDir: string, renderer: Renderer): void {
  writeFileSync(path.join(baselineDir, FILE), `${JSON.stringify(renderer, null, 2)}\n`);
}

/** A sentence naming what differs from the baselines' renderer, or '' when nothing does. */
export function rendererDifference(baselineDir: string, renderer: Renderer): string {
  const file = path.join(baselineDir, FILE);
  if (!existsSync(file)) return '';
  const recorded = JSON.parse(readFileSync(file, 'utf8')) as Renderer;
  const parts: string[] = [];
  if (recorded.chromium !== renderer.chromium)
    parts.push(`Chromium ${recorded.chromium} -> ${renderer.chromium}`);
  if (recorded.fontsNotoCjk !== renderer.fontsNotoCjk) {
    parts.push(`fonts-noto-cjk ${recorded.fontsNotoCjk} -> ${renderer.fontsNotoCjk}`);
  }
  return parts.length ? `the baselines were drawn by another renderer (${parts.join(', ')})` : '';
}

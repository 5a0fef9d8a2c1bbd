/** @jest-environment node */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { isSource, watchSources, type SourceChange } from '../../scripts/preview/watch';

describe('preview source watcher', () => {
  it('reloads for the app’s and the functions’ sources, not for what the build writes', () => {
    expect(isSource('miniprogram/pages/home/index.wxml')).toBe(true);
    expect(isSource('miniprogram/app.json')).toBe(true);
    expect(isSource('cloudfunctions/user/update-profile.ts')).toBe(true);
    expect(isSource('cloudfunctions/.shared/handler.ts')).toBe(true);
    expect(isSource('cloudfunctions/user/config.json')).toBe(true);
    // Written by `npm run build` (a reload would rebuild them again, forever).
    expect(isSource('cloudfunctions/user/index.js')).toBe(false);
    expect(isSource('cloudfunctions/user/package.json')).toBe(false);
    expect(isSource('miniprogram/miniprogram_npm/tdesign-miniprogram/button/button.js')).toBe(false);
    expect(isSource('cloudfunctions/user/node_modules/x/index.js')).toBe(false);
    expect(isSource('miniprogram/pages/home/.index.wxml.swp')).toBe(false);
    expect(isSource('miniprogram/pages/home/index.wxml~')).toBe(false);
    expect(isSource('scripts/preview/server.ts')).toBe(false);
  });

  it('reports one change per burst of edits, saying which kind', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'preview-watch-'));
    mkdirSync(path.join(root, 'miniprogram', 'pages', 'home'), { recursive: true });
    mkdirSync(path.join(root, 'cloudfunctions', 'user'), { recursive: true });
    const changes: SourceChange[] = [];
    const watcher = watchSources(root, (change) => changes.push(change), 150);
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      writeFileSync(path.join(root, 'miniprogram', 'pages', 'home', 'index.wxml'), '<view/>');
      writeFileSync(path.join(root, 'miniprogram', 'pages', 'home', 'index.wxss'), '.a{}');
      writeFileSync(path.join(root, 'cloudfunctions', 'user', 'index.js'), '// built');
      const deadline = Date.now() + 5000;
      while (changes.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(changes).toHaveLength(1);
      expect([...changes[0].kinds]).toEqual(['app']);
      expect(changes[0].files).toEqual([
        'miniprogram/pages/home/index.wxml',
        'miniprogram/pages/home/index.wxss',
      ]);

      writeFileSync(path.join(root, 'cloudfunctions', 'user', 'get-profile.ts'), 'export {}');
      while (changes.length === 1 && Date.now() < deadline + 5000)
        await new Promise((r) => setTimeout(r, 50));
      expect([...changes[1].kinds]).toEqual(['functions']);
    } finally {
      watcher.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

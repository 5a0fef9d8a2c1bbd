/**
 * `npm run screenshots -- --check` end to end on one page-state: the capture in-process
 * (as the capture step does it), then the real CLI shooting that capture with Chromium.
 * Unchanged code passes; a changed style fails and leaves a diff picture.
 *
 * Needs /usr/bin/chromium (bash scripts/screenshots/setup.sh): skipped without it, unless
 * REQUIRE_BROWSER=1 (CI), which turns a missing browser into a failure.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import os from 'os';
import path from 'path';
import { projectRoot } from '../../scripts/screenshots/app-config';
import { captureState, declaredStates, type DeclaredState } from '../../scripts/screenshots/capture';
import { chromiumPath } from '../../scripts/chromium';
import { composeDocument } from '../../scripts/screenshots/compose';
import { MANIFEST, type Capture, type CaptureManifest } from '../../scripts/screenshots/model';
import { runNodeCli } from '../../scripts/screenshots/node-process';
import { decodePng } from '../../scripts/screenshots/png';
import { assertChromium, describeInBrowser } from '../support/browser';
import { load } from '../support/render';

function run(args: string[]): Promise<{ code: number; output: string }> {
  return runNodeCli('tsx/cli', [path.join(projectRoot, 'scripts/screenshots/index.ts'), ...args]);
}

function writeCaptures(dir: string, captures: Capture[]): string {
  mkdirSync(dir, { recursive: true });
  const manifest: CaptureManifest = { createdAt: new Date(0).toISOString(), captures, failures: [] };
  writeFileSync(path.join(dir, MANIFEST), JSON.stringify(manifest));
  return dir;
}

/** The same state, with one rule added to the page's stylesheet as simulate injected it. */
function withStyleChange(declared: DeclaredState, rule: string): DeclaredState {
  const open = declared.state.open;
  return {
    ...declared,
    state: {
      ...declared.state,
      async open(context) {
        const page = await (open ? open(context) : Promise.reject(new Error('no open')));
        const style = document.head.querySelector(`style[id="${load(declared.route)}"]`);
        if (!style) throw new Error('no page stylesheet');
        style.textContent = `${style.textContent ?? ''}\n${rule}`;
        return page;
      },
    },
  };
}

describeInBrowser('screenshot check tests')('npm run screenshots -- --check', () => {
  let work: string;
  let unchanged: Capture;
  let changed: Capture;

  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'screenshots-check-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it(`finds Chromium at ${chromiumPath()}`, () => {
    assertChromium();
  });

  it('captures the guest home page, with the navigation bar and the tabBar around it', async () => {
    const home = declaredStates().find((state) => state.id === 'home--guest') as DeclaredState;
    unchanged = await captureState(home);
    changed = await captureState(
      withStyleChange(home, '.main--intro-title{color:#c0ffee;padding-top:40px;}'),
    );
    expect(unchanged.html).toContain('先浏览，再登录');
    expect(changed.css).toContain('#c0ffee');
    expect(unchanged.css).not.toContain('#c0ffee');

    const composed = composeDocument(unchanged);
    expect(composed.title).toBe('首页');
    expect(composed.html).toContain('class="tab-bar"');
    expect(composed.html).toContain('tab-item tab-item--selected');
    expect(composed.html).toContain('class="capsule');
    expect(composed.missingIcons).toEqual([]);
  });

  it('passes on unchanged code and fails with a diff picture when a style changes', async () => {
    const baselines = path.join(work, 'baselines');
    const unchangedDir = writeCaptures(path.join(work, 'unchanged'), [unchanged]);
    const changedDir = writeCaptures(path.join(work, 'changed'), [changed]);

    const update = await run([
      '--captures',
      unchangedDir,
      '--update',
      '--baselines',
      baselines,
      '--out',
      path.join(work, 'out1'),
    ]);
    expect(update).toMatchObject({ code: 0 });
    const baseline = decodePng(readFileSync(path.join(baselines, 'home--guest.png')));
    expect([baseline.width, baseline.height]).toEqual([750, 1624]);

    // Both checks at once (they only read the baselines).
    const [same, differs] = await Promise.all([
      run([
        '--captures',
        unchangedDir,
        '--check',
        '--baselines',
        baselines,
        '--out',
        path.join(work, 'out2'),
      ]),
      run(['--captures', changedDir, '--check', '--baselines', baselines, '--out', path.join(work, 'out3')]),
    ]);
    expect(same.output).toContain('check: 1 same');
    expect(same.code).toBe(0);
    expect(existsSync(path.join(work, 'out2', 'diff'))).toBe(false);
    expect(existsSync(path.join(work, 'out2', 'index.html'))).toBe(true);

    expect(differs.output).toMatch(/changed {2}home--guest: \d+ px differ/);
    expect(differs.code).toBe(1);
    const diff = decodePng(readFileSync(path.join(work, 'out3', 'diff', 'home--guest.png')));
    expect([diff.width, diff.height]).toEqual([750 * 3 + 32, 1624]);
    // The baseline is left alone by --check.
    expect(decodePng(readFileSync(path.join(baselines, 'home--guest.png'))).data.equals(baseline.data)).toBe(
      true,
    );
  }, 60000);
});

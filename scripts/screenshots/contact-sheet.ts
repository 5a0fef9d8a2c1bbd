/**
 * screenshots/index.html: every picture of the run, grouped by page in app.json order,
 * with the state's caption and, when baselines were compared, what changed.
 */
import type { Capture } from './model';

export type ShotStatus = 'rendered' | 'same' | 'changed' | 'new' | 'updated' | 'missing-baseline';

export interface Shot {
  capture: Capture;
  /** The page's title in app.json / its json (section heading). */
  pageTitle: string;
  /** Picture file, relative to the contact sheet. */
  file: string;
  status: ShotStatus;
  diffPixels?: number;
  /** Diff picture, relative to the contact sheet. */
  diffFile?: string;
}

export const STATUS_TEXT: Record<ShotStatus, string> = {
  rendered: '',
  same: '与基线一致',
  changed: '与基线不同',
  new: '新增',
  updated: '已更新基线',
  'missing-baseline': '没有基线',
};

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function contactSheet(shots: readonly Shot[], summary: string): string {
  const groups = new Map<string, Shot[]>();
  for (const shot of shots) groups.set(shot.capture.route, [...(groups.get(shot.capture.route) ?? []), shot]);
  const sections = [...groups].map(([route, group]) => {
    const cards = group.map((shot) => {
      const { capture } = shot;
      const status = STATUS_TEXT[shot.status];
      const badge = status
        ? `<span class="badge badge--${shot.status}">${escapeHtml(status)}${
            shot.diffPixels ? ` · ${shot.diffPixels} px` : ''
          }</span>`
        : '';
      const diff = shot.diffFile ? ` · <a href="${escapeHtml(shot.diffFile)}">差异图</a>` : '';
      const theme = capture.theme === 'dark' ? '<span class="badge">深色</span>' : '';
      return `<figure id="${escapeHtml(capture.id)}">
<a href="${escapeHtml(shot.file)}"><img src="${escapeHtml(shot.file)}" width="250" height="541" alt="${escapeHtml(capture.caption)}"></a>
<figcaption><b>${escapeHtml(capture.state)}</b> ${theme}${badge}<br>${escapeHtml(capture.caption)}<br><code>${escapeHtml(capture.id)}.png</code>${diff}</figcaption>
</figure>`;
    });
    const title = group[0]?.pageTitle ?? '';
    return `<section><h2>${escapeHtml(title)} <code>${escapeHtml(route)}</code></h2><div class="grid">${cards.join('\n')}</div></section>`;
  });
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>界面截图</title>
<style>
body{margin:0;padding:24px 32px;font:14px/1.5 -apple-system,'PingFang SC','Noto Sans CJK SC',sans-serif;color:#1f1f1f;background:#f3f3f3}
h1{font-size:22px;margin:0 0 4px}
.summary{color:#666;margin:0 0 16px}
h2{font-size:17px;margin:28px 0 12px}
h2 code{font-size:13px;color:#888;font-weight:400}
.grid{display:flex;flex-wrap:wrap;gap:20px}
figure{margin:0;width:250px}
img{display:block;width:250px;height:auto;border-radius:14px;box-shadow:0 2px 10px rgba(0,0,0,.12);background:#fff}
figcaption{margin-top:8px;font-size:13px;color:#444}
code{font-size:12px;color:#888}
.badge{display:inline-block;padding:0 6px;margin-left:4px;border-radius:4px;font-size:12px;background:#e7e7e7;color:#444}
.badge--changed,.badge--missing-baseline{background:#fff0ed;color:#d54941}
.badge--same{background:#e3f9e9;color:#008858}
.badge--new,.badge--updated{background:#f2f3ff;color:#0052d9}
</style></head><body>
<h1>界面截图 / Screenshots</h1>
<p class="summary">${escapeHtml(summary)}</p>
${sections.join('\n')}
</body></html>
`;
}

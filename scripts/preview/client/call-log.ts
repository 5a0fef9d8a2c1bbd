import type { LogEntry } from '../protocol';

/** One line of the side panel's call log: a `wx` API, or a cloud call with what it sent and got. */
export type LogEntryView = LogEntry;

const time = (at: number) => new Date(at).toTimeString().slice(0, 8);

export function logItem(entry: LogEntryView): HTMLLIElement {
  const item = document.createElement('li');
  item.dataset.kind = entry.kind;
  if (entry.ok !== undefined) item.dataset.ok = String(entry.ok);
  const stamp = document.createElement('span');
  stamp.className = 'time';
  stamp.textContent = time(entry.at);
  if (entry.kind === 'wx') {
    item.append(stamp, `wx.${entry.name}`);
    return item;
  }
  const details = document.createElement('details');
  const summary = document.createElement('summary');
  summary.append(stamp, `☁ ${entry.name} ${entry.ok ? '✓' : '✗'} ${entry.ms ?? 0} ms`);
  const body = document.createElement('div');
  body.textContent = `→ ${entry.request ?? ''}\n← ${entry.answer ?? ''}`;
  body.style.whiteSpace = 'pre-wrap';
  details.append(summary, body);
  item.append(details);
  return item;
}

/**
 * The browser side of the preview (bundled by server.ts): draws each frame the server
 * sends into the phone, and sends back what the user does — a tap on a page element (its
 * `data-p` number), typing, the navigation bar's buttons, a tabBar item, the capsule's
 * menu, an answer to WeChat's dialogs (a picture from the file picker included). The side
 * panel changes the device's settings and shows the call log.
 */
import { MAX_PICTURE_BYTES } from '../event-input';
import { WEBVIEW_EXTRA } from '../shell-page';
import { logItem, type LogEntryView } from './call-log';

interface Frame {
  seq: number;
  route: string;
  path: string;
  title: string;
  variables: string;
  webview: { top: number; height: number; head?: string; body: string };
  chrome: string;
}

type UserEvent = Record<string, unknown> & { type: string };

interface PreviewState {
  seq: number;
  route: string;
  session: string;
  ended: boolean;
  frameAt: number;
  /** What the app last copied (also written to the browser's clipboard when allowed). */
  clipboard: string;
}

const state: PreviewState = { seq: 0, route: '', session: '', ended: false, frameAt: 0, clipboard: '' };
(window as unknown as { __preview: PreviewState }).__preview = state;

const phone = document.getElementById('phone') as HTMLElement;
const chrome = document.getElementById('chrome') as HTMLElement;
const webview = document.getElementById('webview') as HTMLIFrameElement;
const status = document.getElementById('status') as HTMLElement;
const control = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const picture = control<HTMLInputElement>('picture');
const log = control<HTMLOListElement>('log');
const DEVICE_KEY = 'preview-device';
const PATH_KEY = 'preview-path';

function newDeviceId(): string {
  const id = Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
  sessionStorage.setItem(DEVICE_KEY, id);
  return id;
}

function deviceId(): string {
  return sessionStorage.getItem(DEVICE_KEY) ?? newDeviceId();
}

function setStatus(text: string, kind: string): void {
  status.textContent = text;
  status.dataset.state = kind;
}

let sending: Promise<unknown> = Promise.resolve();
/** Posts to the session (`events`, `launch`, `reset`), one request after another. */
function post(action: string, body: unknown): void {
  if (!state.session || state.ended) return;
  const url = `/api/sessions/${state.session}/${action}`;
  sending = sending.then(() =>
    fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
      .then(async (response) => {
        if (!response.ok)
          setStatus(
            `操作失败：${((await response.json()) as { error?: string }).error ?? response.status}`,
            'ended',
          );
      })
      .catch(() => setStatus('与预览服务器的连接已断开', 'ended')),
  );
}

const sendEvent = (event: UserEvent) => post('events', { event });

// Nodes of the webview belong to its window: instanceof against this window's classes fails.
const nodeOf = (target: EventTarget | null): number | undefined => {
  const node = target as Node | null;
  const element = node?.nodeType === 1 ? (node as Element) : (node?.parentElement ?? null);
  const marked = element?.closest('[data-p]');
  return marked ? Number(marked.getAttribute('data-p')) : undefined;
};

function pageDocument(): Document | null {
  return webview.contentDocument;
}

/** Replaces the page, keeping the focused field (and what is being typed) and the scroll position. */
function drawPage(doc: Document, frame: Frame): void {
  if (frame.webview.head !== undefined)
    doc.head.innerHTML = `${frame.webview.head}<style>${WEBVIEW_EXTRA}</style>`;
  const active = doc.activeElement as HTMLInputElement | null;
  const focused = active && active.classList.contains('wx-input__field') ? nodeOf(active) : undefined;
  const typing =
    focused !== undefined
      ? { value: active!.value, start: active!.selectionStart, end: active!.selectionEnd }
      : undefined;
  const scroll = (doc.scrollingElement ?? doc.documentElement).scrollTop;
  const sameRoute = frame.route === state.route;
  doc.body.innerHTML = frame.webview.body;
  if (sameRoute) (doc.scrollingElement ?? doc.documentElement).scrollTop = scroll;
  if (focused !== undefined && typing) {
    const field = doc.querySelector(`[data-p="${focused}"] .wx-input__field`) as HTMLInputElement | null;
    if (field) {
      field.value = typing.value;
      field.focus();
      field.setSelectionRange(typing.start, typing.end);
    }
  }
}

function draw(frame: Frame): void {
  const doc = pageDocument();
  if (!doc) return;
  phone.setAttribute('style', frame.variables);
  webview.style.top = `${frame.webview.top}px`;
  webview.style.height = `${frame.webview.height}px`;
  chrome.innerHTML = frame.chrome;
  drawPage(doc, frame);
  document.title = `${frame.title || '小程序'} · 预览`;
  state.seq = frame.seq;
  state.route = frame.route;
  state.frameAt = performance.now();
  sessionStorage.setItem(PATH_KEY, frame.path);
  phone.dataset.route = frame.route;
  phone.dataset.seq = String(frame.seq);
}

function listenToPage(doc: Document): void {
  doc.addEventListener('click', (event) => {
    const node = nodeOf(event.target);
    if (node !== undefined) sendEvent({ type: 'tap', node, frame: state.seq });
  });
  const field = (event: Event) => {
    const target = event.target as HTMLInputElement;
    return target.classList?.contains('wx-input__field')
      ? { node: nodeOf(target), frame: state.seq, value: target.value }
      : undefined;
  };
  doc.addEventListener('input', (event) => {
    const typed = field(event);
    if (typed?.node !== undefined) sendEvent({ type: 'input', ...typed });
  });
  doc.addEventListener('focusin', (event) => {
    const typed = field(event);
    if (typed?.node !== undefined) sendEvent({ type: 'focus', ...typed });
  });
  doc.addEventListener('focusout', (event) => {
    const typed = field(event);
    if (typed?.node !== undefined) sendEvent({ type: 'blur', ...typed });
  });
  doc.addEventListener('keydown', (event) => {
    const typed = field(event);
    if (event.key === 'Enter' && typed?.node !== undefined && (event.target as Element).tagName === 'INPUT') {
      sendEvent({ type: 'confirm', ...typed });
    }
  });
}

chrome.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const nav = target?.closest('[data-nav]');
  const tab = target?.closest('[data-tab]');
  const answer = target?.closest('[data-answer]')?.getAttribute('data-answer');
  if (nav) {
    const button = nav.getAttribute('data-nav');
    sendEvent(button === 'menu' ? { type: 'menu' } : { type: 'nav', button });
  } else if (tab) sendEvent({ type: 'tab', route: tab.getAttribute('data-tab') });
  else if (answer === 'file') picture.click();
  else if (answer) sendEvent({ type: 'native', answer });
});

/** A picture from the file picker answers the avatar sheet. */
picture.addEventListener('change', () => {
  const file = picture.files?.[0];
  picture.value = '';
  if (!file) return;
  if (file.size > MAX_PICTURE_BYTES) {
    setStatus(`图片太大（${Math.ceil(file.size / 1024)} KB），请选择 2 MB 以内的图片`, 'live');
    return;
  }
  const ext = (/\.(\w+)$/.exec(file.name)?.[1] ?? file.type.split('/')[1] ?? 'png').toLowerCase();
  const reader = new FileReader();
  reader.onload = () => {
    const base64 = String(reader.result).replace(/^data:[^,]*,/, '');
    sendEvent({ type: 'native', answer: 'file', file: { ext, base64 } });
  };
  reader.onerror = () => setStatus('读取图片失败，请换一张', 'live');
  reader.readAsDataURL(file);
});

/** WeChat wrote the clipboard: so does the browser, when the page may (focus, permission). */
function copy(text: string): void {
  state.clipboard = text;
  const fallback = () => {
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  };
  if (navigator.clipboard) navigator.clipboard.writeText(text).catch(fallback);
  else fallback();
}

interface DeviceView {
  settings: { sdkVersion: string; platform: string; theme: string; network: string };
  privacyAgreed: boolean;
}

const settingControls = {
  sdkVersion: control<HTMLSelectElement>('sdk-version'),
  platform: control<HTMLSelectElement>('platform'),
  theme: control<HTMLSelectElement>('theme'),
  network: control<HTMLSelectElement>('network'),
};
const privacyAgreed = control<HTMLInputElement>('privacy-agreed');

function showDevice(device: DeviceView): void {
  for (const [name, select] of Object.entries(settingControls)) {
    select.value = device.settings[name as keyof DeviceView['settings']];
  }
  privacyAgreed.checked = device.privacyAgreed;
  document.body.classList.toggle('theme-dark', device.settings.theme === 'dark');
  document.body.classList.toggle('theme-light', device.settings.theme !== 'dark');
}

for (const name of ['sdkVersion', 'platform'] as const) {
  settingControls[name].addEventListener('change', () =>
    post('launch', { settings: { [name]: settingControls[name].value } }),
  );
}
for (const name of ['theme', 'network'] as const) {
  settingControls[name].addEventListener('change', () =>
    sendEvent({ type: 'live', settings: { [name]: settingControls[name].value } }),
  );
}
privacyAgreed.addEventListener('change', () =>
  sendEvent({ type: 'live', settings: { privacyAgreed: privacyAgreed.checked } }),
);
control('reset-device').addEventListener('click', () => post('reset', {}));
control('clear-log').addEventListener('click', () => log.replaceChildren());

let source: EventSource | undefined;

function connect(): void {
  const path = sessionStorage.getItem(PATH_KEY);
  const query = new URLSearchParams({ device: deviceId(), ...(path ? { path } : {}) });
  const events = new EventSource(`/api/connect?${query}`);
  source = events;
  const data = <T>(event: Event) => JSON.parse((event as MessageEvent<string>).data) as T;
  events.addEventListener('session', (event) => {
    state.session = data<{ id: string }>(event).id;
    setStatus('已连接：点击手机里的内容即可操作', 'live');
  });
  events.addEventListener('frame', (event) => {
    draw(data<Frame>(event));
    if (status.dataset.state === 'restarting') setStatus('已重新启动', 'live');
  });
  events.addEventListener('device', (event) => showDevice(data<DeviceView>(event)));
  events.addEventListener('clipboard', (event) => copy(data<{ text: string }>(event).text));
  events.addEventListener('log', (event) => {
    log.append(logItem(data<LogEntryView>(event)));
    while (log.childElementCount > 300) log.firstElementChild?.remove();
    log.lastElementChild?.scrollIntoView({ block: 'nearest' });
  });
  events.addEventListener('notice', (event) => setStatus(data<{ text: string }>(event).text, 'ended'));
  events.addEventListener('restarting', (event) =>
    setStatus(`正在重新启动小程序（${data<{ reason: string }>(event).reason}）…`, 'restarting'),
  );
  events.addEventListener('end', (event) => {
    state.ended = true;
    events.close();
    const reason = data<{ reason: string }>(event).reason;
    setStatus(
      reason === 'idle'
        ? '长时间未操作，预览已结束：刷新页面重新开始'
        : `预览已结束（${reason}）：刷新页面重新开始`,
      'ended',
    );
  });
  events.onerror = () => {
    if (source !== events) return;
    if (!state.ended) setStatus('与预览服务器的连接已断开：服务器重启后刷新页面', 'ended');
    state.ended = true;
    events.close();
  };
}

/** Another device: another WeChat user, a first launch (the old tab's session ends). */
control('new-device').addEventListener('click', () => {
  newDeviceId();
  sessionStorage.removeItem(PATH_KEY);
  source?.close();
  state.session = '';
  state.ended = false;
  log.replaceChildren();
  setStatus('正在启动小程序…', 'connecting');
  connect();
});

/** The webview is an empty same-origin frame written once; frames replace its head and body. */
function start(): void {
  const doc = pageDocument();
  if (!doc) return;
  doc.open();
  doc.write('<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head><body></body></html>');
  doc.close();
  listenToPage(doc);
  connect();
}

start();

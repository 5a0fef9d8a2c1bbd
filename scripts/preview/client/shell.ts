/**
 * The browser side of the preview (bundled by server.ts): draws each frame the server
 * sends into the phone, and sends back what the user does — a tap on a page element (its
 * `data-p` number), typing, the navigation bar's buttons, a tabBar item, a modal's answer.
 */
import { WEBVIEW_EXTRA } from '../shell-page';

interface Frame {
  seq: number;
  route: string;
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
}

const state: PreviewState = { seq: 0, route: '', session: '', ended: false, frameAt: 0 };
(window as unknown as { __preview: PreviewState }).__preview = state;

const phone = document.getElementById('phone') as HTMLElement;
const chrome = document.getElementById('chrome') as HTMLElement;
const webview = document.getElementById('webview') as HTMLIFrameElement;
const status = document.getElementById('status') as HTMLElement;

function deviceId(): string {
  const key = 'preview-device';
  let id = sessionStorage.getItem(key);
  if (!id) {
    id = Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) =>
      byte.toString(16).padStart(2, '0'),
    ).join('');
    sessionStorage.setItem(key, id);
  }
  return id;
}

function setStatus(text: string, kind: string): void {
  status.textContent = text;
  status.dataset.state = kind;
}

let sending: Promise<unknown> = Promise.resolve();
function sendEvent(event: UserEvent): void {
  if (!state.session || state.ended) return;
  const url = `/api/sessions/${state.session}/events`;
  sending = sending.then(() =>
    fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ event }),
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
  const answer = target?.closest('[data-answer]');
  if (nav) sendEvent({ type: 'nav', button: nav.getAttribute('data-nav') });
  else if (tab) sendEvent({ type: 'tab', route: tab.getAttribute('data-tab') });
  else if (answer) sendEvent({ type: 'modal', answer: answer.getAttribute('data-answer') });
});

function connect(): void {
  const source = new EventSource(`/api/connect?device=${deviceId()}`);
  source.addEventListener('session', (event) => {
    state.session = (JSON.parse((event as MessageEvent<string>).data) as { id: string }).id;
    setStatus('已连接：点击手机里的内容即可操作', 'live');
  });
  source.addEventListener('frame', (event) =>
    draw(JSON.parse((event as MessageEvent<string>).data) as Frame),
  );
  source.addEventListener('end', (event) => {
    state.ended = true;
    source.close();
    const reason = (JSON.parse((event as MessageEvent<string>).data) as { reason: string }).reason;
    setStatus(
      reason === 'idle'
        ? '长时间未操作，预览已结束：刷新页面重新开始'
        : `预览已结束（${reason}）：刷新页面重新开始`,
      'ended',
    );
  });
  source.onerror = () => {
    if (!state.ended) setStatus('与预览服务器的连接已断开：服务器重启后刷新页面', 'ended');
    state.ended = true;
    source.close();
  };
}

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

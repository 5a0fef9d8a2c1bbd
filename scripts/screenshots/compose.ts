/**
 * Builds the HTML Chromium photographs: WeChat's chrome (status bar, navigation bar and
 * capsule, tabBar, home indicator, native toast/modal) around an iframe that plays the
 * page's webview, so `position: fixed`, `100vh` and safe-area insets behave as on a phone.
 */
import { readFileSync } from 'fs';
import path from 'path';
import {
  readAppConfig,
  resolveTabBar,
  resolveWindow,
  miniprogramRoot,
  type AppConfig,
  type ResolvedTabBar,
} from './app-config';
import { iconCss } from './icons';
import type { Capture, NativeUi } from './model';

export const VIEWPORT = { width: 375, height: 812, deviceScaleFactor: 2 } as const;
const STATUS_BAR = 44;
const NAV_BAR = 44;
const TAB_BAR = 49;
const HOME_AREA = 34;

const read = (file: string) => readFileSync(path.join(__dirname, file), 'utf8');
const stylesheets = { base: read('wx-base.css'), v2: read('wx-base-v2.css'), chrome: read('chrome.css') };

/**
 * The families phones have (PingFang SC on iOS, the system fonts TDesign and app.wxss name)
 * all resolve to Noto Sans CJK SC, the one CJK font installed here: pictures do not depend
 * on fontconfig's choice of fallback.
 */
const FONT_FAMILIES = [
  'PingFang SC',
  '-apple-system',
  '-apple-system-font',
  'BlinkMacSystemFont',
  'Helvetica Neue',
  'Helvetica',
  'Microsoft YaHei',
  'Arial',
  'Arial Regular',
  'Arial Medium',
  'Segoe UI',
  'Roboto',
];
const FONTS = FONT_FAMILIES.flatMap((family) => [
  `@font-face{font-family:'${family}';font-weight:100 499;src:local('Noto Sans CJK SC'),local('NotoSansCJKsc-Regular');}`,
  `@font-face{font-family:'${family}';font-weight:500 900;src:local('Noto Sans CJK SC Bold'),local('NotoSansCJKsc-Bold');}`,
]).join('\n');

/** Pictures are still frames: no animation, transition, caret or scrollbar. */
const STILL = `*,*::before,*::after{animation:none!important;transition:none!important;caret-color:transparent!important;}
::-webkit-scrollbar{display:none;}`;

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** WeChat's env(safe-area-inset-*) for the webview, as variables the page's CSS reads. */
function withSafeArea(css: string): string {
  return css.replace(
    /(?:env|constant)\(\s*safe-area-inset-(top|right|bottom|left)\s*(?:,[^()]*(?:\([^()]*\)[^()]*)*)?\)/g,
    (_all, side: string) => `var(--wx-safe-area-inset-${side})`,
  );
}

/** What is drawn in and around one page: the capture's fields the phone needs. */
export type PhoneFrame = Pick<
  Capture,
  'route' | 'theme' | 'navButton' | 'navigationBar' | 'html' | 'css' | 'icons' | 'native'
>;

/** The webview's `<head>` content: fonts, safe-area insets, WeChat's base styles, the page's CSS, icons. */
function webviewHead(
  frame: PhoneFrame,
  config: AppConfig,
  insets: { top: number; bottom: number },
  still: boolean,
) {
  const icons = iconCss(frame.icons, frame.css);
  const variables = `:root{--wx-safe-area-inset-top:${insets.top}px;--wx-safe-area-inset-bottom:${insets.bottom}px;--wx-safe-area-inset-left:0px;--wx-safe-area-inset-right:0px;}`;
  const head = `<meta charset="utf-8">
<style>${FONTS}\n${variables}\n${stylesheets.base}\n${config.styleV2 ? stylesheets.v2 : ''}</style>
<style>${withSafeArea(frame.css)}</style>
<style>${icons.css}\n${still ? STILL : ''}</style>
`;
  return { head, missingIcons: icons.missing };
}

const STATUS_ICONS = `<div class="status-icons">
<svg width="18" height="12" viewBox="0 0 18 12"><rect x="0" y="8" width="3" height="4" rx="1"/><rect x="5" y="5.5" width="3" height="6.5" rx="1"/><rect x="10" y="3" width="3" height="9" rx="1"/><rect x="15" y="0" width="3" height="12" rx="1"/></svg>
<svg width="16" height="12" viewBox="0 0 16 12"><path d="M8 2.3c2.3 0 4.4.9 6 2.4l1.2-1.3A10.4 10.4 0 0 0 8 .5 10.4 10.4 0 0 0 .8 3.4L2 4.7a8.6 8.6 0 0 1 6-2.4zm0 3.6c1.3 0 2.5.5 3.4 1.3l1.2-1.3A6.8 6.8 0 0 0 8 4.1c-1.8 0-3.4.7-4.6 1.8l1.2 1.3c.9-.8 2.1-1.3 3.4-1.3zM8 9.5 9.9 8A2.9 2.9 0 0 0 8 7.4c-.7 0-1.4.2-1.9.6L8 9.5z"/></svg>
<svg width="27" height="13" viewBox="0 0 27 13"><rect x="0.5" y="0.5" width="22" height="12" rx="3.5" fill="none" stroke="currentColor" opacity="0.4"/><rect x="2" y="2" width="19" height="9" rx="2"/><path d="M24 4.5v4c.8-.3 1.3-1.1 1.3-2s-.5-1.7-1.3-2z" opacity="0.45"/></svg>
</div>`;

const BACK_ICON = `<svg width="12" height="22" viewBox="0 0 12 22" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M10.5 1.5 1.5 11l9 9.5"/></svg>`;
const HOME_ICON = `<svg width="22" height="22" viewBox="0 0 22 22" stroke-width="1.6" stroke-linejoin="round"><path d="M3 9.5 11 3l8 6.5V19H13.5v-5.5h-5V19H3z"/></svg>`;
const MORE_ICON = `<svg width="22" height="8" viewBox="0 0 22 8" fill="currentColor"><circle cx="3.5" cy="4" r="2"/><circle cx="11" cy="4" r="3"/><circle cx="18.5" cy="4" r="2"/></svg>`;
const CLOSE_ICON = `<svg width="20" height="20" viewBox="0 0 20 20"><circle cx="10" cy="10" r="8" fill="none" stroke="currentColor" stroke-width="1.7"/><circle cx="10" cy="10" r="3.2" fill="currentColor"/></svg>`;
const SUCCESS_ICON = `<svg width="40" height="40" viewBox="0 0 40 40" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"><path d="M8 21l8 8L32 12"/></svg>`;
const ERROR_ICON = `<svg width="40" height="40" viewBox="0 0 40 40" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round"><circle cx="20" cy="20" r="16"/><path d="M20 11v11"/><path d="M20 28v.5"/></svg>`;
const LOADING_ICON = `<svg width="40" height="40" viewBox="0 0 40 40" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round"><path d="M20 4a16 16 0 1 1-16 16" opacity="0.9"/><path d="M4 20A16 16 0 0 1 20 4" opacity="0.3"/></svg>`;

function fileDataUrl(relative: string | undefined): string | undefined {
  if (!relative) return undefined;
  try {
    const content = readFileSync(path.join(miniprogramRoot, relative.replace(/^\/+/, '')));
    const mime = relative.endsWith('.svg')
      ? 'image/svg+xml'
      : relative.endsWith('.jpg')
        ? 'image/jpeg'
        : 'image/png';
    return `data:${mime};base64,${content.toString('base64')}`;
  } catch {
    return undefined;
  }
}

function tabBarHtml(tabBar: ResolvedTabBar, route: string): string {
  const items = tabBar.items.map((item) => {
    const selected = item.pagePath === route;
    const icon = fileDataUrl(selected ? (item.selectedIconPath ?? item.iconPath) : item.iconPath);
    const classes = ['tab-item', selected ? 'tab-item--selected' : '', icon ? '' : 'tab-item--text-only'];
    const image = icon ? `<img class="tab-icon" src="${escapeHtml(icon)}" alt="">` : '';
    return `<div class="${classes.filter(Boolean).join(' ')}" data-tab="${escapeHtml(item.pagePath)}">${image}<div class="tab-text">${escapeHtml(item.text)}</div></div>`;
  });
  return `<div class="tab-bar">${items.join('')}</div>`;
}

function sheetHtml(native: Extract<NativeUi, { kind: 'sheet' }>): string {
  const title = native.title ? `<div class="sheet-title">${escapeHtml(native.title)}</div>` : '';
  const items = native.items.map((item, index) => {
    const style = item.color ? ` style="color:${escapeHtml(item.color)}"` : '';
    const detail = item.detail ? `<div class="sheet-detail">${escapeHtml(item.detail)}</div>` : '';
    return `<div class="sheet-item" role="button" data-answer="${escapeHtml(item.answer ?? `item:${index}`)}"${style}>${escapeHtml(item.text)}${detail}</div>`;
  });
  return `<div class="native-mask native-mask--dim native-mask--bottom" data-answer="cancel"><div class="sheet" data-answer="">${title}${items.join('')}
<div class="sheet-gap"></div><div class="sheet-item sheet-cancel" role="button" data-answer="cancel">${escapeHtml(native.cancelText)}</div></div></div>`;
}

function shareHtml(native: Extract<NativeUi, { kind: 'share' }>): string {
  const image = native.imageUrl
    ? `<img class="share-image" src="${escapeHtml(native.imageUrl)}" alt="">`
    : '<div class="share-image share-image--page"></div>';
  return `<div class="native-mask native-mask--dim native-mask--bottom" data-answer="cancel"><div class="sheet" data-answer="">
<div class="sheet-title">发送给朋友</div><div class="share-card"><div class="share-title">${escapeHtml(native.title)}</div>${image}
<div class="share-path">${escapeHtml(native.path)}</div></div>
<div class="sheet-item" role="button" data-answer="confirm">发送</div>
<div class="sheet-gap"></div><div class="sheet-item sheet-cancel" role="button" data-answer="cancel">取消</div></div></div>`;
}

function settingsHtml(native: Extract<NativeUi, { kind: 'settings' }>): string {
  const rows = native.rows.length
    ? native.rows
        .map(
          (row) =>
            `<div class="settings-row"><div>${escapeHtml(row.label)}</div><div class="settings-switch${row.granted ? ' settings-switch--on' : ''}" role="switch" aria-checked="${row.granted}" aria-label="${escapeHtml(row.label)}" data-answer="toggle:${escapeHtml(row.scope)}"></div></div>`,
        )
        .join('')
    : '<div class="settings-empty">该小程序暂未获取你的任何权限</div>';
  return `<div class="settings-page"><div class="settings-nav"><div class="nav-button" role="button" aria-label="返回" data-answer="confirm">${BACK_ICON}</div><div class="nav-title">设置</div></div>
<div class="settings-caption">允许小程序使用</div><div class="settings-list">${rows}</div></div>`;
}

function nativeHtml(native: NativeUi | undefined): string {
  if (!native) return '';
  if (native.kind === 'sheet') return sheetHtml(native);
  if (native.kind === 'share') return shareHtml(native);
  if (native.kind === 'settings') return settingsHtml(native);
  if (native.kind === 'modal') {
    const title = native.title ? `<div class="modal-title">${escapeHtml(native.title)}</div>` : '';
    const content = native.content ? `<div class="modal-content">${escapeHtml(native.content)}</div>` : '';
    const cancel = native.showCancel
      ? `<div class="modal-button" data-answer="cancel">${escapeHtml(native.cancelText)}</div>`
      : '';
    return `<div class="native-mask native-mask--dim"><div class="modal"><div class="modal-body">${title}${content}</div>
<div class="modal-footer">${cancel}<div class="modal-button modal-button--confirm" data-answer="confirm">${escapeHtml(native.confirmText)}</div></div></div></div>`;
  }
  const icon =
    native.kind === 'loading'
      ? LOADING_ICON
      : native.icon === 'success'
        ? SUCCESS_ICON
        : native.icon === 'error'
          ? ERROR_ICON
          : native.icon === 'loading'
            ? LOADING_ICON
            : '';
  return `<div class="native-mask"><div class="toast${icon ? '' : ' toast--text'}">${icon}<div class="toast-title">${escapeHtml(native.title)}</div></div></div>`;
}

export interface Composed {
  /** The outer document (chrome) with the page in an iframe's srcdoc. */
  html: string;
  title: string;
  missingIcons: string[];
}

/**
 * The pieces of a phone showing a page (shared with the live preview, which keeps the
 * outer document and replaces the pieces on each update).
 */
export interface PhoneParts {
  title: string;
  /** CSS variables of `.phone` (window, navigation bar and tabBar colours). */
  variables: string;
  /** The webview's place: below the navigation bar, above the tabBar. */
  webview: { top: number; height: number; head: string; body: string };
  /** Everything drawn over the webview: status bar, navigation bar, capsule, tabBar, native UI, home indicator. */
  chrome: string;
  missingIcons: string[];
}

export function phoneParts(
  frame: PhoneFrame,
  config: AppConfig = readAppConfig(),
  options: { still?: boolean } = {},
): PhoneParts {
  const window = resolveWindow(config, frame.route, frame.theme);
  const tabBar = resolveTabBar(config, frame.route, frame.theme);
  const override = frame.navigationBar ?? {};
  const title = override.title ?? window.title;
  const navBg = override.backgroundColor || window.navigationBarBackgroundColor;
  const navFg = override.frontColor
    ? override.frontColor
    : window.navigationBarTextStyle === 'black'
      ? '#000000'
      : '#ffffff';
  const whiteText = navFg.toLowerCase() === '#ffffff' || navFg.toLowerCase() === '#fff';
  const custom = window.navigationStyle === 'custom';

  const top = custom ? 0 : STATUS_BAR + NAV_BAR;
  const bottom = tabBar ? TAB_BAR + HOME_AREA : 0;
  const head = webviewHead(
    frame,
    config,
    { top: custom ? STATUS_BAR : 0, bottom: tabBar ? 0 : HOME_AREA },
    options.still ?? true,
  );

  const navButton = frame.navButton === 'back' ? BACK_ICON : frame.navButton === 'home' ? HOME_ICON : '';
  const navBar = custom
    ? ''
    : `<div class="nav-bar">${navButton ? `<div class="nav-button" data-nav="${frame.navButton}">${navButton}</div>` : ''}<div class="nav-title">${escapeHtml(title)}</div></div>`;
  const dark = frame.theme === 'dark';
  const variables = [
    `--window-bg:${window.backgroundColor}`,
    `--nav-bg:${navBg}`,
    `--nav-fg:${navFg}`,
    `--tab-bg:${tabBar?.backgroundColor ?? 'transparent'}`,
    `--tab-color:${tabBar?.color ?? 'inherit'}`,
    `--tab-selected:${tabBar?.selectedColor ?? 'inherit'}`,
    `--tab-border:${tabBar?.borderStyle === 'white' ? 'rgba(255,255,255,0.33)' : 'rgba(0,0,0,0.33)'}`,
    `--indicator:${dark ? 'rgba(255,255,255,0.85)' : 'rgba(0,0,0,0.9)'}`,
  ].join(';');

  const chrome = `<div class="status-bar${custom ? ' status-bar--custom' : ''}"><div class="status-time">9:41</div>${STATUS_ICONS}</div>
${navBar}
<div class="capsule${whiteText ? ' capsule--white' : ''}"><div class="capsule-half" data-nav="menu">${MORE_ICON}</div><div class="capsule-divider"></div><div class="capsule-half">${CLOSE_ICON}</div></div>
${tabBar ? tabBarHtml(tabBar, frame.route) : ''}
${nativeHtml(frame.native)}
<div class="home-indicator"></div>`;
  return {
    title,
    variables,
    webview: {
      top,
      height: VIEWPORT.height - top - bottom,
      head: head.head,
      body: `<page>${frame.html}</page>`,
    },
    chrome,
    missingIcons: head.missingIcons,
  };
}

/** The stylesheet of the outer document (fonts and WeChat's chrome). */
export function chromeStyles(): string {
  return `${FONTS}\n${stylesheets.chrome}`;
}

/** The complete picture of one captured state, as an HTML document. */
export function composeDocument(capture: Capture, config: AppConfig = readAppConfig()): Composed {
  const parts = phoneParts(capture, config);
  const webview = `<!doctype html><html lang="zh-CN"><head>${parts.webview.head}</head><body>${parts.webview.body}</body></html>`;
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>${escapeHtml(capture.id)}</title>
<style>${chromeStyles()}</style>
</head><body class="theme-${capture.theme}"><div class="phone" style="${parts.variables}">
<iframe class="webview" style="top:${parts.webview.top}px;height:${parts.webview.height}px" srcdoc="${escapeHtml(webview)}"></iframe>
${parts.chrome}
</div></body></html>`;
  return { html, title: parts.title, missingIcons: parts.missingIcons };
}

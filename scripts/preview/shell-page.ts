/**
 * The preview page: WeChat's chrome styles (the screenshots' chrome.css), an empty phone
 * the client script fills with frames, the side panel (device settings, call log), and a
 * note on what the preview is not.
 */
import { BASE_LIBRARIES, PLATFORMS } from './protocol';

const PLATFORM_NAMES: Record<(typeof PLATFORMS)[number], string> = {
  ios: 'iOS',
  android: 'Android',
  windows: 'Windows 微信',
  mac: 'Mac 微信',
  devtools: '开发者工具',
};

const options = (values: readonly string[], label: (value: string) => string = (value) => value) =>
  values.map((value) => `<option value="${value}">${label(value)}</option>`).join('');
const LAYOUT = `
html, body { width: auto; height: auto; min-height: 100%; overflow: auto; }
html { background: #e9ebef; min-height: 100vh; }
body.preview { margin: 0; background: #e9ebef; font-family: 'PingFang SC', sans-serif; color: #333; }
.preview-layout { display: flex; gap: 32px; align-items: flex-start; justify-content: center; padding: 24px; }
.preview-layout .phone { flex: none; border-radius: 36px; box-shadow: 0 0 0 10px #1f1f1f, 0 12px 40px rgba(0,0,0,.35); }
.preview-side { width: 280px; font-size: 13px; line-height: 1.6; }
.preview-side h1 { font-size: 16px; margin: 0 0 8px; }
.preview-status { margin: 8px 0; padding: 6px 10px; border-radius: 6px; background: #fff; }
.preview-status[data-state="ended"] { background: #fff3f0; color: #c5432c; }
.phone-chrome .nav-button, .phone-chrome .tab-item, .phone-chrome .modal-button,
.phone-chrome [data-answer], .phone-chrome [data-nav] { cursor: pointer; }
.preview-side section { margin: 12px 0; padding: 10px 12px; border-radius: 8px; background: #fff; }
.preview-side h2 { display: flex; justify-content: space-between; align-items: center; font-size: 14px; margin: 0 0 8px; }
.preview-side label { display: flex; justify-content: space-between; align-items: center; gap: 8px; margin: 6px 0; }
.preview-side select { width: 160px; min-height: 28px; }
.preview-side button { min-height: 28px; cursor: pointer; }
.preview-side .buttons { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 8px; }
.preview-log { list-style: none; margin: 0; padding: 0; max-height: 320px; overflow: auto; font: 12px/1.5 ui-monospace, monospace; }
.preview-log li { padding: 2px 0; border-top: 1px solid #f0f0f0; word-break: break-all; }
.preview-log li[data-ok="false"] { color: #c5432c; }
.preview-log summary { cursor: pointer; }
.preview-log .time { color: #767676; margin-right: 4px; }
`;

/** Styles the client puts into the webview: the preview's real text fields inside wx-input. */
export const WEBVIEW_EXTRA = `
.wx-input__field { all: unset; display: block; box-sizing: border-box; width: 100%; min-height: 1.4em;
  font: inherit; color: inherit; text-align: inherit; line-height: inherit; cursor: text; }
/* The frames are still pictures (no animations), but a field being typed in shows its caret. */
.wx-input__field { caret-color: auto !important; }
textarea.wx-input__field { white-space: pre-wrap; }
.wx-input__field::placeholder { color: #808080; }
wx-view, wx-button, wx-label, wx-image, wx-text { cursor: default; }
[data-p] { -webkit-tap-highlight-color: transparent; }
`;

export function shellPage(chromeCss: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<title>小程序预览</title>
<style>${chromeCss}</style>
<style>${LAYOUT}</style>
</head><body class="preview theme-light">
<div class="preview-layout">
  <div class="phone" id="phone">
    <iframe class="webview" id="webview" title="页面"></iframe>
    <div class="phone-chrome" id="chrome"></div>
  </div>
  <div class="preview-side">
    <h1>小程序预览</h1>
    <div class="preview-status" id="status" data-state="connecting" role="status">正在启动小程序…</div>
    <section aria-label="设备">
      <h2>设备</h2>
      <label>基础库 <select id="sdk-version">${options(BASE_LIBRARIES)}</select></label>
      <label>平台 <select id="platform">${options(PLATFORMS, (value) => PLATFORM_NAMES[value as keyof typeof PLATFORM_NAMES])}</select></label>
      <label>主题 <select id="theme"><option value="light">浅色</option><option value="dark">深色</option></select></label>
      <label>网络 <select id="network"><option value="normal">正常</option><option value="offline">离线</option><option value="slow">慢速（每次请求 2.5 秒）</option><option value="failing">故障（服务端出错）</option></select></label>
      <label><span>已同意隐私保护指引</span><input type="checkbox" id="privacy-agreed"></label>
      <div class="buttons">
        <button type="button" id="new-device">换一台新设备</button>
        <button type="button" id="reset-device">清除本机数据</button>
      </div>
    </section>
    <section aria-label="调用记录">
      <h2>调用记录 <button type="button" id="clear-log">清空</button></h2>
      <ol class="preview-log" id="log"></ol>
    </section>
    <p>这是本机 Node.js 里运行的真实小程序代码（官方 WXML 编译器、TDesign 组件、本地云运行时），
    画面由与截图相同的渲染器画出。一个浏览器标签页就是一台设备；数据保存在 <code>.local-cloud/</code>。
    修改 <code>miniprogram/</code> 或 <code>cloudfunctions/</code> 下的文件后会自动重新加载，并回到当前页面。</p>
    <p><strong>不能代替真机：</strong>不是微信客户端；字体不同；地图、视频、画布、键盘等原生组件不画；
    内容安全检测、手机号、链接生成都是本地替身；没有动画。</p>
  </div>
</div>
<input type="file" id="picture" accept="image/png,image/jpeg,image/gif,image/webp" hidden>
<script src="/preview.js"></script>
</body></html>`;
}

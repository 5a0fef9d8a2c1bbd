/**
 * The preview page: WeChat's chrome styles (the screenshots' chrome.css), an empty phone
 * the client script fills with frames, and a note on what the preview is not.
 */
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
.phone-chrome .nav-button, .phone-chrome .tab-item, .phone-chrome .modal-button { cursor: pointer; }
`;

/** Styles the client puts into the webview: the preview's real text fields inside wx-input. */
export const WEBVIEW_EXTRA = `
.wx-input__field { all: unset; display: block; box-sizing: border-box; width: 100%; min-height: 1.4em;
  font: inherit; color: inherit; text-align: inherit; line-height: inherit; cursor: text; }
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
    <div class="preview-status" id="status" data-state="connecting">正在启动小程序…</div>
    <p>这是本机 Node.js 里运行的真实小程序代码（官方 WXML 编译器、TDesign 组件、本地云运行时），
    画面由与截图相同的渲染器画出。一个浏览器标签页就是一台设备；数据保存在 <code>.local-cloud/</code>。</p>
    <p><strong>不能代替真机：</strong>不是微信客户端；字体不同；地图、视频、画布、键盘等原生组件不画；
    内容安全检测、手机号、链接生成都是本地替身；没有动画。</p>
  </div>
</div>
<script src="/preview.js"></script>
</body></html>`;
}

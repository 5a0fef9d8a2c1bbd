/* global window, document, navigator, fetch, setTimeout, clearTimeout, URL, URLSearchParams */
/**
 * The H5 jump page (SMS, external browsers): reads the target page from its own URL
 * (`?path=packages/content/article/index&query=id%3Da1&env=trial`), asks the `urlscheme` cloud
 * function for a fresh URL Scheme and sends the browser to it. Generating on open keeps
 * the app's daily quota for people who actually open the page.
 *
 * Transport: the local cloud runtime over HTTP when an endpoint is configured (local
 * development), else the Cloud Development web SDK with anonymous sign-in (production).
 * Everything shown comes from constants or from the function's messages, always set
 * with textContent (never parsed as HTML).
 */
(function () {
  'use strict';

  var DEFAULTS = {
    envId: '',
    sdkUrl: '',
    endpoint: '',
    functionName: 'urlscheme',
    // How long the page waits for WeChat to open before it offers a button.
    redirectTimeoutMs: 2000,
    // A scheme from this page is used at once: ask for the shortest life (1 day).
    expireIntervalDays: 1,
  };
  var SCHEME = /^weixin:\/\/dl\/business\/\?t=[A-Za-z0-9_-]+$/;
  var LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])$/;

  var config = Object.assign({}, DEFAULTS, window.JUMP_CONFIG || {});
  var params = new URLSearchParams(window.location.search);
  var elements = {
    title: document.getElementById('title'),
    message: document.getElementById('message'),
    open: document.getElementById('open'),
    retry: document.getElementById('retry'),
  };
  var openlink = '';
  var fallbackTimer;
  var attempt = 0;

  /** An endpoint from the page URL is honoured only on loopback (a link cannot point the page elsewhere). */
  function loopbackEndpoint(value) {
    if (!value) return '';
    try {
      var url = new URL(value);
      return /^https?:$/.test(url.protocol) && LOOPBACK.test(url.hostname) ? url.origin : '';
    } catch {
      return '';
    }
  }
  config.endpoint = loopbackEndpoint(params.get('endpoint')) || config.endpoint;

  function show(state, title, message, buttons) {
    document.body.setAttribute('data-state', state);
    elements.title.textContent = title;
    elements.message.textContent = message;
    // A link (not a script) opens WeChat on a tap: the surest user gesture for a scheme.
    elements.open.href = buttons && buttons.open ? openlink : '#';
    elements.open.hidden = !(buttons && buttons.open);
    elements.retry.hidden = !(buttons && buttons.retry);
  }

  /** A failure whose message can be shown to the user as is. */
  function JumpError(message) {
    this.message = message;
  }
  JumpError.prototype = Object.create(Error.prototype);
  JumpError.prototype.name = 'JumpError';

  /** The local runtime's `POST /functions/<name>` ({ result } or { errCode, errMsg }). */
  function callLocal(data) {
    var url = config.endpoint.replace(/\/+$/, '') + '/functions/' + encodeURIComponent(config.functionName);
    return fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ data: data }),
    }).then(
      function (response) {
        return response.json().then(
          function (body) {
            if (body && 'result' in body) return body.result;
            throw new JumpError('服务暂时不可用，请稍后重试');
          },
          function () {
            throw new JumpError('服务返回了无法识别的内容，请稍后重试');
          },
        );
      },
      function () {
        throw new JumpError('网络连接失败，请检查网络后重试');
      },
    );
  }

  var sdkPromise;
  function loadSdk() {
    if (window.cloudbase) return Promise.resolve(window.cloudbase);
    if (!config.sdkUrl || !config.envId) {
      return Promise.reject(new JumpError('页面配置不完整（缺少云开发环境或 Web SDK 地址），请联系运营人员'));
    }
    sdkPromise =
      sdkPromise ||
      new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = config.sdkUrl;
        script.onload = function () {
          if (window.cloudbase) resolve(window.cloudbase);
          else reject(new JumpError('云开发 Web SDK 加载异常，请稍后重试'));
        };
        script.onerror = function () {
          sdkPromise = undefined;
          reject(new JumpError('云开发 Web SDK 加载失败，请检查网络后重试'));
        };
        document.head.appendChild(script);
      });
    return sdkPromise;
  }

  /** Production: the CloudBase web SDK, signed in anonymously (v2 or v1 API). */
  function callCloud(data) {
    return loadSdk()
      .then(function (cloudbase) {
        var app = cloudbase.init({ env: config.envId });
        var auth = app.auth({ persistence: 'local' });
        var state = typeof auth.getLoginState === 'function' ? auth.getLoginState() : null;
        return Promise.resolve(state)
          .then(function (loginState) {
            if (loginState) return undefined;
            return typeof auth.signInAnonymously === 'function'
              ? auth.signInAnonymously()
              : auth.anonymousAuthProvider().signIn();
          })
          .then(function () {
            return app.callFunction({ name: config.functionName, data: data });
          });
      })
      .then(
        function (response) {
          return response && response.result;
        },
        function (error) {
          if (error instanceof JumpError) throw error;
          throw new JumpError('暂时无法连接服务，请稍后重试');
        },
      );
  }

  function requestScheme() {
    var data = {
      action: 'scheme',
      path: params.get('path') || '',
      query: params.get('query') || '',
      expireIntervalDays: config.expireIntervalDays,
    };
    if (params.get('env')) data.envVersion = params.get('env');
    return (config.endpoint ? callLocal(data) : callCloud(data)).then(function (result) {
      if (!result || typeof result !== 'object') throw new JumpError('服务暂时不可用，请稍后重试');
      if (result.ok !== true) {
        var message = result.error && typeof result.error.message === 'string' ? result.error.message : '';
        throw new JumpError(message || '生成链接失败，请稍后重试');
      }
      var link = result.data && result.data.openlink;
      if (typeof link !== 'string' || !SCHEME.test(link))
        throw new JumpError('收到的链接格式不正确，请稍后重试');
      return link;
    });
  }

  function offerButton(message) {
    clearTimeout(fallbackTimer);
    show('fallback', '打开小程序', message, { open: true, retry: true });
  }

  function start() {
    attempt += 1;
    var current = attempt;
    clearTimeout(fallbackTimer);
    openlink = '';
    show('loading', '正在打开小程序', '正在获取打开链接，请稍候…');
    requestScheme().then(
      function (link) {
        if (current !== attempt) return;
        openlink = link;
        show('redirecting', '正在打开微信', '即将跳转到微信，请在弹窗中选择“打开”。');
        fallbackTimer = setTimeout(function () {
          offerButton('未能自动打开微信，请点击下方按钮打开小程序。');
        }, config.redirectTimeoutMs);
        window.location.href = openlink;
      },
      function (error) {
        if (current !== attempt) return;
        var message = error instanceof JumpError ? error.message : '出了点问题，请稍后重试';
        show('error', '暂时无法打开小程序', message, { retry: true });
      },
    );
  }

  elements.retry.addEventListener('click', start);

  // WeChat opened: the page goes to the background, so no fallback is needed.
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') {
      clearTimeout(fallbackTimer);
    } else if (openlink && document.body.getAttribute('data-state') === 'redirecting') {
      offerButton('如果没有打开微信，请点击下方按钮重试。');
    }
  });

  if (/MicroMessenger/i.test(navigator.userAgent)) {
    // URL Schemes do not work inside WeChat's own browser.
    show('wechat', '请在浏览器中打开', '请点击右上角“…”，选择“在浏览器打开”，再打开小程序。');
  } else {
    start();
  }
})();

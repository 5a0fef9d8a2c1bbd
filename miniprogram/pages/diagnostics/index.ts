import { currentTransport } from '../../services/cloud';
import { ping, type PingResult } from '../../services/ping';
import { maskIdentifier } from '../../utils/mask';
import { ServiceError } from '../../utils/service-error';

Component({
  data: {
    transport: '',
    transportHint: '',
    pinging: false,
    pingResult: null as PingResult | null,
    /** The openid the server saw, masked: a screen (or a screenshot) must not show it whole. */
    openidMasked: '',
    pingError: '',
  },
  methods: {
    onLoad() {
      const kind = currentTransport().kind;
      this.setData({
        transport: kind === 'wx.cloud' ? '云开发' : '本地云运行时',
        transportHint:
          kind === 'wx.cloud' ? '请求经 wx.cloud 发往云开发环境' : '请求发往 npm start 启动的本地云运行时',
      });
    },

    /** Calls the `ping` cloud function on the user's tap and shows who the server sees. */
    async onPing(): Promise<void> {
      if (this.data.pinging) return;
      this.setData({ pinging: true, pingError: '' });
      try {
        const pingResult = await ping();
        this.setData({ pingResult, openidMasked: maskIdentifier(pingResult.openid) });
      } catch (error) {
        const message = error instanceof ServiceError ? error.message : '服务暂时不可用，请稍后重试';
        this.setData({ pingError: message });
      } finally {
        this.setData({ pinging: false });
      }
    },
  },
});

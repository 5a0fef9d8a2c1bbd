import { currentTransport } from '../../../services/cloud';
import type { Transport } from '../../../services/transport';
import { ping } from '../services/ping';
import { maskIdentifier } from '../utils/mask';
import { ServiceError } from '../../../utils/service-error';
import type { DiagnosticsData } from './type';

/** How each transport is named on this page. */
const TRANSPORTS: Record<Transport['kind'], { name: string; hint: string }> = {
  'wx.cloud': { name: '云开发', hint: '请求经 wx.cloud 发往云开发环境' },
  'local-http': { name: '本地云运行时', hint: '请求发往 npm start 启动的本地云运行时' },
  unconfigured: {
    name: '未配置',
    hint: '请在 miniprogram/config.ts 的 cloudEnvs 中填写环境 ID，或运行 npm run init',
  },
};

const initialData: DiagnosticsData = {
  transport: '',
  transportHint: '',
  pinging: false,
  pingResult: null,
  openidMasked: '',
  pingError: '',
};

Component({
  data: initialData,
  methods: {
    onLoad() {
      const { name, hint } = TRANSPORTS[currentTransport().kind];
      this.setData({ transport: name, transportHint: hint });
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

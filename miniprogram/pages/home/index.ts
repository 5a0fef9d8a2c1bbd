import { ping, type PingResult } from '../../services/ping';
import { ServiceError } from '../../utils/service-error';

Component({
  data: {
    pinging: false,
    pingResult: null as PingResult | null,
    pingError: '',
  },
  methods: {
    /** Calls the `ping` cloud function on the user's tap and shows who the server sees. */
    async onPing() {
      if (this.data.pinging) return;
      this.setData({ pinging: true, pingError: '' });
      try {
        const pingResult = await ping();
        this.setData({ pingResult });
      } catch (error) {
        const message = error instanceof ServiceError ? error.message : '服务暂时不可用，请稍后重试';
        this.setData({ pingError: message });
      } finally {
        this.setData({ pinging: false });
      }
    },
  },
});

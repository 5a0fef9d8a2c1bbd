import { bindPhone } from '../services/profile';
import { sessionStore } from '../../../stores/session';
import { toast } from '../../../ui/toast';
import { clientCapabilities } from './capabilities';

/**
 * 个人资料's phone binding: `<button open-type="getPhoneNumber">` answers with a single-use
 * code (base library >= 2.21.2; below it the page does not show the button), which the
 * `user` function exchanges for the number.
 */
export const phoneBinding = Behavior({
  data: { phoneBusy: false },
  methods: {
    async onGetPhoneNumber(event: WechatMiniprogram.GetPhoneNumberEvent): Promise<void> {
      // Below 2.21.2 the page hides the button: no `code` comes back there.
      if (!clientCapabilities().phoneNumberCode) return;
      // One binding at a time: a second event (double tap, a re-delivered event) would spend
      // another single-use code, or the same one twice.
      if (this.data.phoneBusy) return;
      const { code, errMsg } = event.detail;
      if (!code) {
        if (!/deny|cancel/i.test(errMsg)) toast(this, '暂时无法获取手机号，请稍后重试', 'error');
        return;
      }
      this.setData({ phoneBusy: true });
      try {
        sessionStore.setUser(await bindPhone(code, sessionStore.user));
        toast(this, '手机号已绑定');
      } catch (error) {
        toast(this, (error as Error).message, 'error');
      } finally {
        this.setData({ phoneBusy: false });
      }
    },
  },
});

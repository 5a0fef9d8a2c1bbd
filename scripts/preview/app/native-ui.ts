/**
 * WeChat's own UI in the preview: the fake `wx` records showToast / showLoading (as in the
 * tests); showModal is replaced so that it waits for the user's answer in the browser.
 * `current()` is what the phone draws over the page now (modal, else loading, else a toast
 * still within its duration).
 */
import type { FakeWx } from '../../../test/support/fake-wx';
import { respond } from '../../../test/support/fake-wx/async';
import type { NativeUi } from '../../screenshots/model';

type Options = Record<string, unknown>;

interface OpenModal {
  ui: Extract<NativeUi, { kind: 'modal' }>;
  answer(choice: 'confirm' | 'cancel'): void;
}

const text = (value: unknown, fallback: string) => (value === undefined ? fallback : String(value));

export class NativeLayer {
  private readonly modals: OpenModal[] = [];
  private toastUntil = 0;
  private toastCount = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly fake: FakeWx,
    /** Called when what is drawn changes on its own (a toast expiring). */
    private readonly changed: () => void,
  ) {
    const api = fake.wx as unknown as Record<string, (options?: Options) => unknown>;
    const sink = { callbackErrors: fake.callbackErrors as unknown[] };
    api.showModal = (options?: Options) => {
      fake.calls.push('showModal');
      return respond(sink, 'showModal', options, () => {
        const o = options ?? {};
        const showCancel = o.showCancel !== false;
        return new Promise<Record<string, unknown>>((resolve) => {
          this.modals.push({
            ui: {
              kind: 'modal',
              title: text(o.title, ''),
              content: text(o.content, ''),
              showCancel,
              cancelText: text(o.cancelText, '取消'),
              confirmText: text(o.confirmText, '确定'),
            },
            answer: (choice) => resolve({ confirm: choice === 'confirm', cancel: choice === 'cancel' }),
          });
          this.changed();
        });
      });
    };
  }

  /** The user answered the modal on top. */
  answerModal(choice: 'confirm' | 'cancel'): void {
    const modal = this.modals.shift();
    if (!modal) return;
    modal.answer(modal.ui.showCancel ? choice : 'confirm');
  }

  current(now = Date.now()): NativeUi | undefined {
    if (this.modals[0]) return this.modals[0].ui;
    const { loading, toasts } = this.fake.ui;
    if (loading) return { kind: 'loading', title: loading.title };
    if (toasts.length !== this.toastCount) {
      this.toastCount = toasts.length;
      const toast = toasts.at(-1);
      this.toastUntil = toast ? now + (toast.duration ?? 1500) : 0;
      clearTimeout(this.timer);
      if (toast) this.timer = setTimeout(this.changed, this.toastUntil - now + 5);
    }
    const toast = toasts.at(-1);
    if (toast && now < this.toastUntil) {
      return { kind: 'toast', title: toast.title, icon: toast.icon ?? 'success', image: toast.image };
    }
    return undefined;
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

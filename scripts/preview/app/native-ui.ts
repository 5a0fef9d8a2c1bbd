/**
 * WeChat's own UI in the preview. The fake `wx` records showToast / showLoading (as in the
 * tests); what waits for the user is replaced here so that it waits for the browser:
 * showModal, showActionSheet, openSetting, and the sheets WeChat opens for a button's
 * open-type (the avatar picker, the phone-number sheet, the share panel). `current()` is
 * what the phone draws over the page now: the oldest open dialog, else loading, else a
 * toast still within its duration.
 */
import { SCOPE_LABELS } from '../../../miniprogram/packages/account/utils/permissions';
import type { FakeWx } from '../../../test/support/fake-wx';
import { respond, wxFail } from '../../../test/support/fake-wx/async';
import type { NativeUi } from '../../screenshots/model';
import type { ChosenFile, NativeAnswer } from '../protocol';

type Options = Record<string, unknown>;

interface OpenDialog {
  ui: NativeUi;
  /** Plays the user's answer; false keeps the dialog open (a settings switch, a stray answer). */
  answer(answer: NativeAnswer, file?: ChosenFile): boolean;
}

/** What the share panel shows: onShareAppMessage's answer, with WeChat's defaults filled in. */
export interface ShareCard {
  title: string;
  path: string;
  imageUrl?: string;
}

const text = (value: unknown, fallback: string) => (value === undefined ? fallback : String(value));

/** The sheet's item index in an answer (`item:2`), or undefined. */
function itemIndex(answer: NativeAnswer, count: number): number | undefined {
  const match = /^item:(\d+)$/.exec(answer);
  const index = match ? Number(match[1]) : -1;
  return index >= 0 && index < count ? index : undefined;
}

export class NativeLayer {
  private readonly dialogs: OpenDialog[] = [];
  /** WeChat's own toasts (内容已复制), which the app's toast records do not hold. */
  private systemToastShown: { title: string; until: number } | undefined;
  private toastUntil = 0;
  private toastCount = 0;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    private readonly fake: FakeWx,
    /** What the user granted or refused (getSetting / openSetting), kept on the device. */
    private readonly authSetting: Record<string, boolean>,
    /** Called when what is drawn changes on its own (a dialog opening, a toast expiring). */
    private readonly changed: () => void,
  ) {
    const api = fake.wx as unknown as Record<string, (options?: Options) => unknown>;
    const sink = { callbackErrors: fake.callbackErrors as unknown[] };
    /** An API that resolves when the user answers its dialog (`settle` returns false to keep it open). */
    const waitFor = <T>(
      name: string,
      options: Options | undefined,
      ui: NativeUi,
      settle: (
        dialog: OpenDialog,
        choice: NativeAnswer,
        done: (value: T) => void,
        fail: (errMsg: string) => void,
      ) => boolean,
    ) => {
      fake.calls.push(name);
      return respond(
        sink,
        name,
        options,
        () =>
          new Promise<T>((resolve, reject) => {
            const dialog: OpenDialog = {
              ui,
              answer: (choice) => settle(dialog, choice, resolve, (errMsg) => reject(wxFail(errMsg))),
            };
            this.open(dialog);
          }),
      );
    };

    api.showModal = (options?: Options) => {
      const o = options ?? {};
      const showCancel = o.showCancel !== false;
      return waitFor<Record<string, unknown>>(
        'showModal',
        options,
        {
          kind: 'modal',
          title: text(o.title, ''),
          content: text(o.content, ''),
          showCancel,
          cancelText: text(o.cancelText, '取消'),
          confirmText: text(o.confirmText, '确定'),
        },
        (_dialog, choice, done) => {
          if (choice !== 'confirm' && choice !== 'cancel') return false;
          const confirm = choice === 'confirm' || !showCancel;
          done({ confirm, cancel: !confirm });
          return true;
        },
      );
    };

    api.showActionSheet = (options?: Options) => {
      const items = Array.isArray(options?.itemList) ? (options.itemList as unknown[]).map(String) : [];
      if (items.length === 0 || items.length > 6) {
        fake.calls.push('showActionSheet');
        return respond(sink, 'showActionSheet', options, () => {
          throw wxFail('showActionSheet:fail parameter error: itemList should have 1 to 6 items');
        });
      }
      const color = typeof options?.itemColor === 'string' ? options.itemColor : undefined;
      return waitFor<{ tapIndex: number }>(
        'showActionSheet',
        options,
        {
          kind: 'sheet',
          title: typeof options?.alertText === 'string' ? options.alertText : undefined,
          items: items.map((item) => ({ text: item, color })),
          cancelText: '取消',
        },
        (_dialog, choice, done, fail) => {
          const index = itemIndex(choice, items.length);
          if (index !== undefined) done({ tapIndex: index });
          else if (choice === 'cancel') fail('showActionSheet:fail cancel');
          else return false;
          return true;
        },
      );
    };

    api.getSetting = (options?: Options) => {
      fake.calls.push('getSetting');
      return respond(sink, 'getSetting', options, () => ({ authSetting: { ...this.authSetting } }));
    };

    api.openSetting = (options?: Options) =>
      waitFor<{ authSetting: Record<string, boolean> }>(
        'openSetting',
        options,
        this.settingsUi(),
        (dialog, choice, done) => {
          const toggled = /^toggle:(scope\.[\w.]+)$/.exec(choice)?.[1];
          if (toggled && toggled in this.authSetting) {
            this.authSetting[toggled] = !this.authSetting[toggled];
            dialog.ui = this.settingsUi();
            return false;
          }
          if (choice !== 'confirm' && choice !== 'cancel') return false;
          done({ authSetting: { ...this.authSetting } });
          return true;
        },
      );

    // WeChat confirms a copy with its own toast.
    const setClipboardData = api.setClipboardData.bind(api);
    api.setClipboardData = (options?: Options) => {
      const o = options ?? {};
      const confirm = () => this.systemToast('内容已复制');
      const result = setClipboardData({
        ...o,
        ...(typeof o.success === 'function' ||
        typeof o.fail === 'function' ||
        typeof o.complete === 'function'
          ? {
              success: (res: unknown) => (
                confirm(),
                (o.success as ((r: unknown) => void) | undefined)?.(res)
              ),
            }
          : {}),
      });
      if (result instanceof Promise) return result.then((res: unknown) => (confirm(), res));
      return result;
    };
  }

  /**
   * The avatar picker of `<button open-type="chooseAvatar">`: WeChat's avatar, a picture
   * from the browser (the file picker), or cancel. `chosen` gets the picture's bytes.
   */
  chooseAvatar(sample: () => Buffer, chosen: (file: { content: Buffer; ext: string }) => void): void {
    this.open({
      ui: {
        kind: 'sheet',
        items: [
          { text: '用微信头像' },
          { text: '从相册选择', detail: '在电脑上选择一张图片', answer: 'file' },
        ],
        cancelText: '取消',
      },
      answer: (choice, file) => {
        if (choice === 'item:0') chosen({ content: sample(), ext: 'png' });
        else if (choice === 'file' && file)
          chosen({ content: Buffer.from(file.base64, 'base64'), ext: file.ext });
        else if (choice !== 'cancel') return false;
        return true;
      },
    });
  }

  /** The phone-number sheet of `<button open-type="getPhoneNumber">`. */
  phoneNumber(masked: string, answered: (allowed: boolean) => void): void {
    this.open({
      ui: {
        kind: 'sheet',
        title: '申请获取并验证你的手机号',
        items: [{ text: masked, detail: '微信绑定号码' }],
        cancelText: '不允许',
      },
      answer: (choice) => {
        if (choice !== 'item:0' && choice !== 'cancel') return false;
        answered(choice === 'item:0');
        return true;
      },
    });
  }

  /** The share panel with the card the page returned; undefined: the page does not share. */
  share(card: ShareCard | undefined): void {
    if (!card) {
      this.open({
        ui: { kind: 'sheet', title: '当前页面未开启转发', items: [], cancelText: '关闭' },
        answer: (choice) => choice === 'cancel',
      });
      return;
    }
    this.open({
      ui: { kind: 'share', ...card },
      answer: (choice) => {
        if (choice !== 'confirm' && choice !== 'cancel') return false;
        if (choice === 'confirm') this.systemToast('已发送（预览不会真的发送）');
        return true;
      },
    });
  }

  /** The user answered the dialog on top (an answer that does not fit it leaves it open). */
  answer(choice: NativeAnswer, file?: ChosenFile): void {
    const dialog = this.dialogs[0];
    if (!dialog) return;
    if (dialog.answer(choice, file)) this.dialogs.shift();
    this.changed();
  }

  current(now = Date.now()): NativeUi | undefined {
    if (this.dialogs[0]) return this.dialogs[0].ui;
    const { loading, toasts } = this.fake.ui;
    if (loading) return { kind: 'loading', title: loading.title };
    if (toasts.length !== this.toastCount) {
      this.toastCount = toasts.length;
      const toast = toasts.at(-1);
      this.toastUntil = toast ? now + (toast.duration ?? 1500) : 0;
      this.wakeAt(this.toastUntil, now);
    }
    const own = this.systemToastShown;
    if (own && now < own.until) return { kind: 'toast', title: own.title, icon: 'success' };
    const toast = toasts.at(-1);
    if (toast && now < this.toastUntil) {
      return { kind: 'toast', title: toast.title, icon: toast.icon ?? 'success', image: toast.image };
    }
    return undefined;
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private open(dialog: OpenDialog): void {
    this.dialogs.push(dialog);
    this.changed();
  }

  private settingsUi(): NativeUi {
    const rows = Object.entries(this.authSetting)
      .filter(([scope]) => scope in SCOPE_LABELS)
      .map(([scope, granted]) => ({ scope, label: SCOPE_LABELS[scope], granted }));
    return { kind: 'settings', rows };
  }

  private systemToast(title: string, now = Date.now()): void {
    this.systemToastShown = { title, until: now + 1500 };
    this.wakeAt(now + 1500, now);
    this.changed();
  }

  /** Draws again when a toast expires. */
  private wakeAt(at: number, now: number): void {
    if (at <= now) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.changed();
      },
      at - now + 5,
    );
    this.timers.add(timer);
  }
}

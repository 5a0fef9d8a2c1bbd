import { respond, wxFail, type CallbackErrorSink } from './async';

/** Interaction APIs recorded for assertions, with the user's answers configurable. */
export interface ToastRecord {
  title: string;
  icon?: string;
  image?: string;
  duration?: number;
  mask?: boolean;
}

export interface ModalRecord {
  title?: string;
  content?: string;
  showCancel?: boolean;
  cancelText?: string;
  confirmText?: string;
  editable?: boolean;
  answer: 'confirm' | 'cancel';
}

export interface LoadingRecord {
  title: string;
  mask?: boolean;
}

export interface ActionSheetRecord {
  itemList: string[];
  answer: number | 'cancel';
}

export interface FakeUi {
  readonly toasts: ToastRecord[];
  readonly modals: ModalRecord[];
  /** How the user answers every showModal (a modal without cancel button is always confirmed). */
  modalAnswer: 'confirm' | 'cancel';
  /** What the user typed in an editable modal. */
  modalInput: string;
  /** The loading toast currently shown, or null. */
  readonly loading: LoadingRecord | null;
  readonly loadings: LoadingRecord[];
  readonly actionSheets: ActionSheetRecord[];
  /** The index the user taps in every showActionSheet, or 'cancel'. */
  actionSheetAnswer: number | 'cancel';
}

export class Ui implements FakeUi {
  readonly toasts: ToastRecord[] = [];
  readonly modals: ModalRecord[] = [];
  modalAnswer: 'confirm' | 'cancel' = 'confirm';
  modalInput = '';
  loading: LoadingRecord | null = null;
  readonly loadings: LoadingRecord[] = [];
  readonly actionSheets: ActionSheetRecord[] = [];
  actionSheetAnswer: number | 'cancel' = 0;

  constructor(private readonly sink: CallbackErrorSink) {}

  api(): Record<string, (options?: never) => unknown> {
    type Options = Record<string, unknown>;
    const text = (value: unknown): string | undefined => (value === undefined ? undefined : String(value));
    return {
      showToast: (options?: Options) =>
        respond(this.sink, 'showToast', options, () => {
          const o = options ?? {};
          this.toasts.push({
            title: String(o.title ?? ''),
            icon: text(o.icon),
            image: text(o.image),
            duration: typeof o.duration === 'number' ? o.duration : undefined,
            mask: typeof o.mask === 'boolean' ? o.mask : undefined,
          });
          // A toast replaces the loading toast (they share one native view).
          this.loading = null;
          return {};
        }),
      hideToast: (options?: Options) => respond(this.sink, 'hideToast', options, () => ({})),
      showLoading: (options?: Options) =>
        respond(this.sink, 'showLoading', options, () => {
          const o = options ?? {};
          const record: LoadingRecord = { title: String(o.title ?? '') };
          if (typeof o.mask === 'boolean') record.mask = o.mask;
          this.loading = record;
          this.loadings.push(record);
          return {};
        }),
      hideLoading: (options?: Options) =>
        respond(this.sink, 'hideLoading', options, () => {
          this.loading = null;
          return {};
        }),
      showModal: (options?: Options) =>
        respond(this.sink, 'showModal', options, () => {
          const o = options ?? {};
          const showCancel = o.showCancel !== false;
          const answer = showCancel ? this.modalAnswer : 'confirm';
          this.modals.push({
            title: text(o.title),
            content: text(o.content),
            showCancel,
            cancelText: text(o.cancelText),
            confirmText: text(o.confirmText),
            editable: o.editable === true ? true : undefined,
            answer,
          });
          const res: Record<string, unknown> = { confirm: answer === 'confirm', cancel: answer === 'cancel' };
          if (o.editable === true) res.content = answer === 'confirm' ? this.modalInput : '';
          return res;
        }),
      showActionSheet: (options?: Options) =>
        respond(this.sink, 'showActionSheet', options, () => {
          const itemList = Array.isArray(options?.itemList)
            ? (options?.itemList as unknown[]).map(String)
            : [];
          const answer = this.actionSheetAnswer;
          this.actionSheets.push({ itemList, answer });
          if (answer === 'cancel') throw wxFail('showActionSheet:fail cancel');
          return { tapIndex: answer };
        }),
    };
  }
}

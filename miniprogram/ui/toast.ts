import Toast from 'tdesign-miniprogram/toast/index';

type ToastContext = NonNullable<Parameters<typeof Toast>[0]['context']>;

/** A short message in the page's `<t-toast id="t-toast" />`. */
export function toast(
  page: ToastContext,
  message: string,
  theme: 'success' | 'error' | 'warning' = 'success',
): void {
  Toast({ context: page, selector: '#t-toast', message, theme });
}

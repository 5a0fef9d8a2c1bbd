/**
 * What the capture step (jsdom, inside jest) hands to the shooting step (Node + Chromium):
 * one JSON record per page-state, written to `<out>/.capture/manifest.json`.
 */
import type { Theme } from './app-config';

/** WeChat's own UI drawn over the page (from the fake wx's records). */
export type NativeUi =
  | { kind: 'toast'; title: string; icon: string; image?: string }
  | { kind: 'loading'; title: string }
  | {
      kind: 'modal';
      title: string;
      content: string;
      showCancel: boolean;
      cancelText: string;
      confirmText: string;
    }
  /** A bottom sheet of choices (showActionSheet, the avatar picker, the phone-number sheet). */
  | {
      kind: 'sheet';
      title?: string;
      /** `answer` replaces the default `item:<index>` (e.g. `file`: the browser's file picker). */
      items: { text: string; detail?: string; color?: string; answer?: string }[];
      cancelText: string;
    }
  /** The share panel: the card onShareAppMessage returned. */
  | { kind: 'share'; title: string; path: string; imageUrl?: string }
  /** WeChat's settings page (openSetting): the scopes the app was granted or refused. */
  | { kind: 'settings'; rows: { scope: string; label: string; granted: boolean }[] };

/** The navigation bar's left button: back (page stack > 1), home (a lone non-tab page), none. */
export type NavButton = 'back' | 'home' | 'none';

export interface Capture {
  /** `<page>--<state>`, the PNG's file name without extension. */
  id: string;
  route: string;
  page: string;
  state: string;
  caption: string;
  theme: Theme;
  navButton: NavButton;
  /** What the page set with wx.setNavigationBarTitle / wx.setNavigationBarColor. */
  navigationBar?: { title?: string; frontColor?: string; backgroundColor?: string };
  /** The page's rendered tree (the `<main>` root simulate renders into). */
  html: string;
  /** app.wxss plus every stylesheet the page loaded (its own, components', TDesign's), in px. */
  css: string;
  /** TDesign icons on the page: the (prefixed) class naming each one and the icon name. */
  icons: { className: string; name: string }[];
  native?: NativeUi;
  /** How far the page is scrolled in the picture (see ScreenState.scroll). */
  scroll?: 'bottom' | number;
  /** What went wrong while capturing (the picture is still written when possible). */
  warnings: string[];
}

export interface CaptureManifest {
  createdAt: string;
  captures: Capture[];
  /** States that failed to render: `id: message`. */
  failures: string[];
}

export const MANIFEST = 'manifest.json';

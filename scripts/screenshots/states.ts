/**
 * How a page declares the states it is photographed in. Each page has a
 * `test/pages/<page>.states.ts` beside its tests:
 *
 *   export default pageStates('pages/mine/index', [
 *     { name: 'guest', caption: '游客：未登录的“我的”页' },
 *     {
 *       name: 'user',
 *       caption: '已登录',
 *       async open({ route }) {
 *         await sessionStore.login();
 *         return renderPage(route);
 *       },
 *     },
 *   ]);
 *
 * Every state starts from a fresh fake `wx` (with its own local cloud runtime) and a
 * logged-out app, exactly like a page test; `open` brings the app into the state with the
 * same helpers the tests use and returns the rendered page to photograph. Without `open`,
 * the page is rendered as a guest opens it.
 */
import type { FakeWx } from '../../test/support/fake-wx';
import type { Rendered } from '../../test/support/render';
import type { Theme } from './app-config';

export interface StateContext {
  /** The page the state belongs to, e.g. `pages/home/index`. */
  route: string;
  /** The fake `wx` installed for this state (fresh for every state). */
  fake: FakeWx;
}

export interface ScreenState {
  /** Lower-case id, unique per page (`guest`, `login-sheet`): the PNG is `<page>--<name>.png`. */
  name: string;
  /** What the picture shows, in Chinese (contact sheet, README). */
  caption: string;
  /** `dark` renders theme.json's dark values with prefers-color-scheme: dark. Default light. */
  theme?: Theme;
  /**
   * Draws WeChat's own UI over the page from what the fake `wx` recorded: the last
   * wx.showToast, the last wx.showModal, or the wx.showLoading still shown.
   */
  native?: 'toast' | 'modal' | 'loading';
  /** Scrolls the page before the picture: to the end (`bottom`) or down by that many px. */
  scroll?: 'bottom' | number;
  /** Brings the app into the state and returns the page to photograph. */
  open?(context: StateContext): Promise<Rendered>;
}

export interface PageStates {
  route: string;
  states: readonly ScreenState[];
}

const NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Declares the states of one page (see the file comment). */
export function pageStates(route: string, states: ScreenState[]): PageStates {
  const seen = new Set<string>();
  for (const state of states) {
    if (!NAME.test(state.name)) {
      throw new Error(`screenshots: state "${state.name}" of ${route}: use lower-case words joined by "-"`);
    }
    if (seen.has(state.name))
      throw new Error(`screenshots: state "${state.name}" of ${route} is declared twice`);
    seen.add(state.name);
  }
  return { route: route.replace(/^\/+/, ''), states };
}

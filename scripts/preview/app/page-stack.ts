/**
 * The pages of one app instance, kept in step with the fake `wx` router's stack: a page
 * that enters the stack is rendered (simulate, as the tests do) and gets onLoad(query) and
 * onShow; a covered page gets onHide; a closed page gets onUnload and is detached. Tab
 * pages stay alive after switchTab leaves them, as on WeChat (reLaunch closes them too).
 */
import type { FakeWx, NavigationRecord, PageEntry } from '../../../test/support/fake-wx';
import { renderComponent, type Rendered } from '../../../test/support/render';

interface PageLifecycle {
  onLoad?(query: Record<string, string>): unknown;
  onShow?(): unknown;
  onHide?(): unknown;
  onUnload?(): unknown;
  onReady?(): unknown;
}

interface LivePage {
  route: string;
  rendered: Rendered;
}

type Hook = keyof PageLifecycle;

export class PageStack {
  private readonly live = new Map<object, LivePage>();
  private shown: LivePage | undefined;
  private work: Promise<void> = Promise.resolve();

  constructor(
    private readonly fake: FakeWx,
    private readonly report: (problem: string) => void,
  ) {
    fake.router.onNavigate((record) => {
      this.work = this.work.then(() => this.reconcile(record)).catch((error: unknown) => this.fail(error));
    });
  }

  /** Resolves when every navigation so far has been rendered. */
  idle(): Promise<void> {
    return this.work;
  }

  /** The page on top, once rendered. */
  top(): LivePage | undefined {
    const entry = this.fake.router.stack.at(-1);
    return entry?.instance ? this.live.get(entry.instance) : undefined;
  }

  /** Runs a lifecycle hook as WeChat does: not awaited, its failure reported. */
  private run(page: LivePage, hook: Hook, query?: Record<string, string>): void {
    try {
      const instance = page.rendered.instance as PageLifecycle;
      const result = hook === 'onLoad' ? instance.onLoad?.(query ?? {}) : instance[hook]?.();
      void Promise.resolve(result).catch((error: unknown) => this.fail(error));
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    this.report(
      `navigation failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }

  private async reconcile(record: NavigationRecord): Promise<void> {
    const stack = this.fake.router.stack;
    const inStack = new Set(stack.map((entry) => entry.instance).filter(Boolean));
    const keepTabs = record.method === 'switchTab';
    for (const [instance, page] of [...this.live]) {
      if (inStack.has(instance)) continue;
      const isTab = this.fake.router.tabBarPages.includes(page.route);
      if (keepTabs && isTab) continue;
      if (this.shown === page) this.shown = undefined;
      this.live.delete(instance);
      this.run(page, 'onUnload');
      page.rendered.detach();
    }
    for (const entry of stack) if (!entry.instance) await this.open(entry);
    const top = this.top();
    if (top !== this.shown) {
      if (this.shown) this.run(this.shown, 'onHide');
      this.shown = top;
      if (top) this.run(top, 'onShow');
    }
    await top?.rendered.settle();
  }

  /** Puts a page instance on the entry: a kept tab page, or a newly rendered one (onLoad). */
  private async open(entry: PageEntry): Promise<void> {
    const kept = [...this.live.values()].find(
      (page) =>
        page.route === entry.route &&
        !this.fake.router.stack.some((other) => other.instance === page.rendered.instance),
    );
    if (kept) {
      this.fake.router.attach(entry.route, kept.rendered.instance, entry.options);
      return;
    }
    const rendered = renderComponent(entry.route);
    this.fake.router.attach(entry.route, rendered.instance, entry.options);
    const page: LivePage = { route: entry.route, rendered };
    this.live.set(rendered.instance, page);
    this.run(page, 'onLoad', { ...entry.options });
    await rendered.settle();
    this.run(page, 'onReady');
  }

  dispose(): void {
    for (const page of this.live.values()) page.rendered.detach();
    this.live.clear();
  }
}

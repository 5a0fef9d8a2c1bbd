/**
 * How a page or component declares its shape (in the `type.ts` beside it): its own data,
 * the fields its store bindings keep up to date, its properties and its events.
 */

/** The `fields` of a store binding that keep `Bound` up to date: one getter per field. */
export type StoreFields<Bound> = { [K in keyof Bound]: () => Bound[K] };

/** Something that can emit events (a component instance). */
interface Emitter {
  triggerEvent(name: string, detail?: unknown): void;
}

/** Emits one of a component's declared events, with the detail its declaration names. */
export function emit<Events, Name extends keyof Events & string>(
  component: Emitter,
  name: Name,
  detail: Events[Name],
): void {
  component.triggerEvent(name, detail);
}

import type { Database } from './db';

const WRITES = new Set(['add', 'set', 'update', 'remove']);
/** Methods whose result is another chainable reference (collection, document, query). */
const CHAINS = new Set(['collection', 'doc', 'where', 'orderBy', 'skip', 'limit', 'field']);

function track<T extends object>(target: T, onWrite: () => void): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      if (WRITES.has(property)) {
        return (...args: unknown[]) => {
          onWrite();
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      }
      if (CHAINS.has(property)) {
        return (...args: unknown[]) =>
          track((value as (...a: unknown[]) => object).apply(object, args), onWrite);
      }
      return (value as (...a: unknown[]) => unknown).bind(object);
    },
  });
}

/**
 * The database as a function sees it, noting whether the call has started any write.
 * A failure after that point may have left the write behind, so the answer must say
 * "maybe saved" instead of "not saved".
 */
export function trackWrites(db: Database): { db: Database; wrote: () => boolean } {
  let wrote = false;
  return {
    db: track(db, () => {
      wrote = true;
    }),
    wrote: () => wrote,
  };
}

import type { Database } from './db';

/** The cloud's errCode for an operation on a collection that does not exist. */
export const COLLECTION_NOT_EXIST = -502005;

/** Operations that reach the database (the rest only build a query or a reference). */
const OPERATIONS = new Set(['get', 'count', 'add', 'set', 'update', 'remove']);
const CHAINS = new Set(['doc', 'where', 'orderBy', 'skip', 'limit', 'field']);

const isMissingCollection = (error: unknown) =>
  typeof error === 'object' &&
  error !== null &&
  ((error as { errCode?: unknown }).errCode === COLLECTION_NOT_EXIST ||
    /collection not exist|Db or Table not exist/i.test(String((error as { errMsg?: unknown }).errMsg ?? '')));

/** Creates `name` once per call of the function; a concurrent creation by another call is fine. */
async function create(db: Database, name: string, created: Map<string, Promise<void>>): Promise<void> {
  let creating = created.get(name);
  if (!creating) {
    creating = db.createCollection(name).then(
      () => undefined,
      // Another invocation may have created it meanwhile: the retry below tells.
      () => undefined,
    );
    created.set(name, creating);
  }
  await creating;
}

function wrap<T extends object>(
  target: T,
  db: Database,
  name: string,
  created: Map<string, Promise<void>>,
): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (CHAINS.has(property)) {
        return (...args: unknown[]) => wrap(method.apply(object, args) as object, db, name, created);
      }
      if (!OPERATIONS.has(property)) return method.bind(object);
      return async (...args: unknown[]) => {
        try {
          return await method.apply(object, args);
        } catch (error) {
          if (!isMissingCollection(error)) throw error;
          await create(db, name, created);
          return method.apply(object, args);
        }
      };
    },
  });
}

/**
 * The database as the functions use it: a collection that does not exist yet is created
 * on its first use (wx-server-sdk's `createCollection`) and the operation runs again, so a
 * fresh environment needs no collection made by hand in the console. (Permissions are not
 * set here: `npm run deploy` prints the ones in security/ to apply.)
 */
export function withCollections(db: Database): Database {
  const created = new Map<string, Promise<void>>();
  return new Proxy(db, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (property !== 'collection' || typeof value !== 'function') return value;
      return (name: string) =>
        wrap((value as (n: string) => object).call(object, name), object, name, created);
    },
  }) as Database;
}

import { randomBytes } from 'crypto';
import type {
  CollectionReference,
  Condition,
  Database,
  DocumentData,
  DocumentReference,
  Query,
  QueryOperator,
} from '../../../cloudfunctions/.shared/db';
import { DatabaseError } from '../errors';
import { command, serverDate, type EmbeddedCommand, type ServerDateMarker } from './commands';
import { DocumentStore, DuplicateKeyError } from './document-store';
import { conditionToFilter, checkFieldPath, projectionToMongo } from './query-translation';
import { updateToModifier } from './update-translation';
import { isPlainObject, toStorableValue, type Plain } from './values';

/**
 * The cloud database API (`cloudfunctions/.shared/db.ts`, shaped like wx-server-sdk's
 * `cloud.database()`) over a DocumentStore. Results carry the SDK's `errMsg`
 * (`collection.get:ok`...), failures are Errors with `errCode` and `errMsg`
 * (`document.get:fail ...`), as wx-server-sdk reports them.
 */

/** Where operations run: a store and the clock that serverDate() reads. */
export interface DatabaseBackend {
  readonly store: DocumentStore;
  now(): number;
}

/** Resolved at each operation, so one database object can follow the current invocation. */
export type BackendResolver = (apiName: string) => DatabaseBackend;

export type DatabaseOperation = 'get' | 'count' | 'add' | 'set' | 'update' | 'remove' | 'createCollection';

/** The cloud's answer to an operation on a collection nobody created. */
export const COLLECTION_NOT_EXIST = -502005;
/**
 * createCollection on an existing collection. CloudBase names it
 * DATABASE_COLLECTION_ALREADY_EXIST; its number is not documented (this one is ours).
 */
export const COLLECTION_ALREADY_EXIST = -502006;

/**
 * Wraps every operation (`perform` runs it and settles with its result). The routing
 * database inside functions uses it to run each operation as an I/O step (io-steps.ts).
 */
export type OperationGate = <T>(
  step: { operation: DatabaseOperation; collection: string },
  perform: () => Promise<T>,
) => Promise<T>;

/** How operations reach their data. */
interface Access {
  readonly resolve: BackendResolver;
  readonly gate?: OperationGate;
  /**
   * As the cloud: an operation on a collection that was never created fails (-502005).
   * Off for the test / console view (`LocalCloud.database`), where a write creates it.
   */
  readonly strictCollections: boolean;
}

/** Default and maximum page sizes of `get()` from a cloud function. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
const DUPLICATE_WRITE_CODE = -502001;

const COLLECTION_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_-]{1,32}$/;

function checkCollectionName(name: unknown, api: string): asserts name is string {
  if (typeof name !== 'string' || !COLLECTION_NAME.test(name)) {
    throw new Error(
      `${api}: invalid collection name ${JSON.stringify(name)} (2-33 letters, digits, "_" or "-", starting with a letter or digit)`,
    );
  }
}

function run<T>(apiName: string, operation: () => T): Promise<T> {
  try {
    return Promise.resolve(operation());
  } catch (error) {
    if (error instanceof DatabaseError) return Promise.reject(error);
    if (error instanceof DuplicateKeyError) {
      return Promise.reject(
        new DatabaseError(
          apiName,
          `${DUPLICATE_WRITE_CODE} database request fail. ${error.message}`,
          DUPLICATE_WRITE_CODE,
        ),
      );
    }
    return Promise.reject(new DatabaseError(apiName, error instanceof Error ? error.message : String(error)));
  }
}

/** Runs one operation on `collection`: through the gate when there is one. */
function operate<T>(
  access: Access,
  collection: string,
  operation: DatabaseOperation,
  apiName: string,
  body: (backend: DatabaseBackend) => T,
): Promise<T> {
  const perform = () =>
    run(apiName, () => {
      const backend = access.resolve(apiName);
      if (access.strictCollections && !backend.store.has(collection)) {
        throw new DatabaseError(
          apiName,
          `${COLLECTION_NOT_EXIST} database collection not exists. [ResourceNotFound] Db or Table not exist: ${collection}`,
          COLLECTION_NOT_EXIST,
        );
      }
      return body(backend);
    });
  return access.gate ? access.gate({ operation, collection }, perform) : perform();
}

function requireData(options: unknown, apiName: string, allowEmpty = false): Plain {
  const data = isPlainObject(options) ? options.data : undefined;
  if (!isPlainObject(data)) throw new DatabaseError(apiName, 'options.data must be an object');
  if (!allowEmpty && Object.keys(data).length === 0)
    throw new DatabaseError(apiName, 'options.data must not be empty');
  return data;
}

function generateId(): string {
  return randomBytes(16).toString('hex');
}

interface QueryState {
  readonly condition?: Condition | QueryOperator;
  readonly order: Readonly<Record<string, 1 | -1>>;
  readonly skip?: number;
  readonly limit?: number;
  readonly projection?: Record<string, 0 | 1>;
}

class EmbeddedQuery implements Query {
  constructor(
    protected readonly access: Access,
    readonly collectionName: string,
    protected readonly state: QueryState = { order: {} },
  ) {}

  protected with(change: Partial<QueryState>): EmbeddedQuery {
    return new EmbeddedQuery(this.access, this.collectionName, { ...this.state, ...change });
  }

  /** Replaces the condition (as the SDK does: a second where() does not add to the first). */
  where(condition: Condition | QueryOperator): Query {
    return this.with({ condition });
  }

  orderBy(field: string, order: 'asc' | 'desc'): Query {
    checkFieldPath(field, 'orderBy()');
    if (order !== 'asc' && order !== 'desc') throw new Error('orderBy(): order must be "asc" or "desc"');
    return this.with({ order: { ...this.state.order, [field]: order === 'desc' ? -1 : 1 } });
  }

  skip(count: number): Query {
    if (!Number.isInteger(count) || count < 0)
      throw new Error('skip(): offset must be a non-negative integer');
    return this.with({ skip: count });
  }

  /** Values above 1000 are capped at 1000, as the server caps them. */
  limit(count: number): Query {
    if (!Number.isInteger(count) || count < 1) throw new Error('limit(): limit must be a positive integer');
    return this.with({ limit: count });
  }

  field(projection: Record<string, boolean>): Query {
    return this.with({ projection: projectionToMongo(projection) });
  }

  get(): Promise<{ data: DocumentData[]; errMsg: string }> {
    return operate(this.access, this.collectionName, 'get', 'collection.get', ({ store, now }) => {
      const data = store.find(this.collectionName, conditionToFilter(this.state.condition ?? {}, now), {
        sort: this.state.order,
        skip: this.state.skip,
        limit: Math.min(this.state.limit ?? DEFAULT_LIMIT, MAX_LIMIT),
        projection: this.state.projection,
      });
      return { data, errMsg: 'collection.get:ok' };
    });
  }

  count(): Promise<{ total: number; errMsg: string }> {
    return operate(this.access, this.collectionName, 'count', 'collection.count', ({ store, now }) => {
      const total = store.count(this.collectionName, conditionToFilter(this.state.condition ?? {}, now));
      return { total, errMsg: 'collection.count:ok' };
    });
  }

  /** Updates every matching document (`multi: false`: the first only). */
  update(options: {
    data: DocumentData;
    multi?: boolean;
  }): Promise<{ stats: { updated: number }; errMsg: string }> {
    return operate(this.access, this.collectionName, 'update', 'collection.update', ({ store, now }) => {
      const modifier = updateToModifier(requireData(options, 'collection.update'), now);
      const filter = conditionToFilter(this.state.condition ?? {}, now);
      const updated = store.update(this.collectionName, filter, modifier, options.multi === false);
      return { stats: { updated }, errMsg: 'collection.update:ok' };
    });
  }

  /** Removes every matching document; skip/limit/orderBy/field do not apply (the SDK warns too). */
  remove(options: { multi?: boolean } = {}): Promise<{ stats: { removed: number }; errMsg: string }> {
    return operate(this.access, this.collectionName, 'remove', 'collection.remove', ({ store, now }) => {
      const { skip, limit, projection, order } = this.state;
      if (skip !== undefined || limit !== undefined || projection || Object.keys(order).length > 0) {
        console.warn('`offset`, `limit`, `projection`, `orderBy` are not supported in remove() operation');
      }
      const filter = conditionToFilter(this.state.condition ?? {}, now);
      const removed = store.remove(this.collectionName, filter, options?.multi === false);
      return { stats: { removed }, errMsg: 'collection.remove:ok' };
    });
  }
}

class EmbeddedDocument implements DocumentReference {
  constructor(
    private readonly access: Access,
    readonly collectionName: string,
    readonly id: string,
  ) {}

  /** Rejects when the document does not exist, as wx-server-sdk does by default. */
  get(): Promise<{ data: DocumentData; errMsg: string }> {
    return operate(this.access, this.collectionName, 'get', 'document.get', ({ store }) => {
      const data = store.get(this.collectionName, this.id);
      if (!data) throw new DatabaseError('document.get', `document with _id ${this.id} does not exist`);
      return { data, errMsg: 'document.get:ok' };
    });
  }

  /** Creates the document or replaces it entirely. */
  set(options: {
    data: DocumentData;
  }): Promise<{ _id: string; stats: { updated: number; created: number }; errMsg: string }> {
    return operate(this.access, this.collectionName, 'set', 'document.set', ({ store, now }) => {
      const data = requireData(options, 'document.set');
      if (Object.prototype.hasOwnProperty.call(data, '_id')) throw new Error('_id cannot be updated');
      const document = toStorableValue(data, now, 'document.set') as Plain;
      const { created, changed } = store.replace(this.collectionName, this.id, document);
      return {
        _id: this.id,
        stats: { updated: !created && changed ? 1 : 0, created: created ? 1 : 0 },
        errMsg: 'document.set:ok',
      };
    });
  }

  /** Merges fields into the document; a missing document resolves with `updated: 0`. */
  update(options: { data: DocumentData }): Promise<{ stats: { updated: number }; errMsg: string }> {
    return operate(this.access, this.collectionName, 'update', 'document.update', ({ store, now }) => {
      const modifier = updateToModifier(requireData(options, 'document.update'), now);
      const updated = store.update(this.collectionName, { _id: { $eq: this.id } }, modifier, true);
      return { stats: { updated }, errMsg: 'document.update:ok' };
    });
  }

  remove(): Promise<{ stats: { removed: number }; errMsg: string }> {
    return operate(this.access, this.collectionName, 'remove', 'document.remove', ({ store }) => {
      const removed = store.remove(this.collectionName, { _id: { $eq: this.id } }, true);
      return { stats: { removed }, errMsg: 'document.remove:ok' };
    });
  }
}

class EmbeddedCollection extends EmbeddedQuery implements CollectionReference {
  doc(id: string): DocumentReference {
    if (typeof id !== 'string' || id === '')
      throw new Error('doc(): the document id must be a non-empty string');
    return new EmbeddedDocument(this.access, this.collectionName, id);
  }

  /** Adds a document; `_id` is generated unless given, and a taken `_id` rejects. */
  add(options: { data: DocumentData }): Promise<{ _id: string; errMsg: string }> {
    return operate(this.access, this.collectionName, 'add', 'collection.add', ({ store, now }) => {
      const { _id: givenId, ...fields } = requireData(options, 'collection.add', true);
      if (givenId !== undefined && (typeof givenId !== 'string' || givenId === '')) {
        throw new Error('_id must be a non-empty string');
      }
      const _id = (givenId as string | undefined) ?? generateId();
      store.insert(this.collectionName, {
        _id,
        ...(toStorableValue(fields, now, 'collection.add') as Plain),
      });
      return { _id, errMsg: 'collection.add:ok' };
    });
  }
}

export class EmbeddedDatabase implements Database {
  readonly command: EmbeddedCommand = command;

  private readonly access: Access;

  /** `gate` wraps every operation (see OperationGate); `strictCollections`: see Access. */
  constructor(resolve: BackendResolver, gate?: OperationGate, options: { strictCollections?: boolean } = {}) {
    this.access = { resolve, gate, strictCollections: options.strictCollections ?? false };
  }

  collection(name: string): CollectionReference {
    checkCollectionName(name, 'collection()');
    return new EmbeddedCollection(this.access, name);
  }

  /** `db.createCollection(name)`: an empty collection; fails when it exists, as in the cloud. */
  createCollection(name: string): Promise<{ errMsg: string }> {
    try {
      checkCollectionName(name, 'createCollection()');
    } catch (error) {
      return Promise.reject(error);
    }
    const apiName = 'database.createCollection';
    const perform = () =>
      run(apiName, () => {
        if (!access.resolve(apiName).store.create(name)) {
          throw new DatabaseError(
            apiName,
            `${COLLECTION_ALREADY_EXIST} DATABASE_COLLECTION_ALREADY_EXIST: collection ${name} already exists`,
            COLLECTION_ALREADY_EXIST,
          );
        }
        return { errMsg: `${apiName}:ok` };
      });
    const access = this.access;
    return access.gate
      ? access.gate({ operation: 'createCollection', collection: name }, perform)
      : perform();
  }

  serverDate(options?: { offset?: number }): ServerDateMarker {
    return serverDate(options);
  }

  /** `db.RegExp({ regexp, options })`: a pattern for `where()`, like a RegExp literal. */
  RegExp(options: { regexp: string; options?: string }): RegExp {
    const flags = options?.options ?? '';
    if (!/^[ims]*$/.test(flags)) throw new Error(`db.RegExp(): unsupported options "${flags}" (i, m, s)`);
    return new RegExp(options.regexp, flags);
  }
}

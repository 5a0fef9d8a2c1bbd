import { existsSync, readdirSync, readFileSync } from 'fs';
import path from 'path';
import { writeFileAtomic } from '../atomic-file';
import { decodeFromJson, encodeForJson } from './json-codec';
import { mingo } from './mingo';
import type { MongoFilter } from './query-translation';
import { checkModifierTargets, type MongoModifier } from './update-translation';
import { cloneValue, deepEqual, type Plain } from './values';

/**
 * The documents of every collection, in memory, optionally mirrored to one JSON file per
 * collection (`<dir>/<collection>.json`, rewritten atomically after each write).
 *
 * Every method is synchronous: an operation reads and writes without yielding, so
 * concurrent async callers can never interleave inside one operation (an `insert` of an
 * existing `_id` always fails, whoever comes second). Values going in and out are copies.
 */
export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  skip?: number;
  limit?: number;
  projection?: Record<string, 0 | 1>;
}

export class DuplicateKeyError extends Error {
  constructor(
    readonly collection: string,
    readonly id: string,
  ) {
    super(`E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: "${id}" }`);
    this.name = 'DuplicateKeyError';
  }
}

interface CollectionFile {
  version: 1;
  documents: unknown[];
}

type Collection = Map<string, Plain>;

export class DocumentStore {
  private readonly collections = new Map<string, Collection>();

  /** `dir` omitted: in memory only. */
  constructor(private readonly dir?: string) {
    if (dir) this.load(dir);
  }

  /** Whether the collection exists: created, written through an admin path, or on disk. */
  has(collection: string): boolean {
    return this.collections.has(collection);
  }

  /** Creates an empty collection (kept on disk too); false when it already exists. */
  create(collection: string): boolean {
    if (this.collections.has(collection)) return false;
    this.collections.set(collection, new Map());
    this.persist(collection);
    return true;
  }

  collectionNames(): string[] {
    return [...this.collections.keys()].filter((name) => this.collection(name).size > 0).sort();
  }

  get(collection: string, id: string): Plain | undefined {
    const document = this.collections.get(collection)?.get(id);
    return document && cloneValue(document);
  }

  /** Adds a new document; throws DuplicateKeyError when its `_id` is taken. */
  insert(collection: string, document: Plain & { _id: string }): void {
    const documents = this.collection(collection);
    if (documents.has(document._id)) throw new DuplicateKeyError(collection, document._id);
    documents.set(document._id, cloneValue(document));
    this.persist(collection);
  }

  /** Creates or replaces the document `id` (the `_id` field is set from `id`). */
  replace(collection: string, id: string, data: Plain): { created: boolean; changed: boolean } {
    const documents = this.collection(collection);
    const previous = documents.get(id);
    const next = { _id: id, ...cloneValue(data) };
    const changed = !previous || !deepEqual(previous, next);
    documents.set(id, next);
    if (changed) this.persist(collection);
    return { created: !previous, changed };
  }

  /** Documents matching `filter`, sorted, paged, then projected. */
  find(collection: string, filter: MongoFilter, options: FindOptions = {}): Plain[] {
    let cursor = mingo.find(this.values(collection), filter);
    if (options.sort && Object.keys(options.sort).length > 0) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit !== undefined) cursor = cursor.limit(options.limit);
    let page = cursor.all() as Plain[];
    if (options.projection) page = mingo.find(page, {}, options.projection).all() as Plain[];
    return page.map((document) => cloneValue(document));
  }

  count(collection: string, filter: MongoFilter): number {
    return mingo.find(this.values(collection), filter).all().length;
  }

  /**
   * Applies `modifier` to the matching documents (at most one when `single`). All or
   * nothing: every result is computed and checked before any is stored.
   * Returns how many documents changed (a no-op update counts 0, as in MongoDB).
   */
  update(collection: string, filter: MongoFilter, modifier: MongoModifier, single = false): number {
    const documents = this.collections.get(collection);
    if (!documents) return 0;
    const query = new mingo.Query(filter);
    const changes: Plain[] = [];
    for (const document of documents.values()) {
      if (!query.test(document)) continue;
      const next = cloneValue(document);
      checkModifierTargets(next, modifier);
      mingo.update(next, modifier, undefined, undefined, { cloneMode: 'deep' });
      if (!deepEqual(document, next)) changes.push(next);
      if (single) break;
    }
    for (const next of changes) documents.set(next._id as string, next);
    if (changes.length > 0) this.persist(collection);
    return changes.length;
  }

  /** Removes the matching documents (at most one when `single`); returns how many. */
  remove(collection: string, filter: MongoFilter, single = false): number {
    const documents = this.collections.get(collection);
    if (!documents) return 0;
    const query = new mingo.Query(filter);
    const ids: string[] = [];
    for (const [id, document] of documents) {
      if (!query.test(document)) continue;
      ids.push(id);
      if (single) break;
    }
    for (const id of ids) documents.delete(id);
    if (ids.length > 0) this.persist(collection);
    return ids.length;
  }

  /** Empties every collection (and its file). */
  clear(): void {
    for (const name of this.collections.keys()) {
      this.collection(name).clear();
      this.persist(name);
    }
  }

  private collection(name: string): Collection {
    let documents = this.collections.get(name);
    if (!documents) {
      documents = new Map();
      this.collections.set(name, documents);
    }
    return documents;
  }

  private values(collection: string): Plain[] {
    return [...(this.collections.get(collection)?.values() ?? [])];
  }

  private fileOf(collection: string): string {
    return path.join(this.dir as string, `${collection}.json`);
  }

  private persist(collection: string): void {
    if (!this.dir) return;
    const file: CollectionFile = {
      version: 1,
      documents: this.values(collection).map(encodeForJson),
    };
    writeFileAtomic(this.fileOf(collection), `${JSON.stringify(file, null, 2)}\n`);
  }

  private load(dir: string): void {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir)) {
      if (!entry.endsWith('.json')) continue;
      const name = entry.slice(0, -'.json'.length);
      const file = path.join(dir, entry);
      let parsed: CollectionFile;
      try {
        parsed = JSON.parse(readFileSync(file, 'utf8')) as CollectionFile;
      } catch (error) {
        throw new Error(`local cloud database: cannot read ${file}: ${(error as Error).message}`);
      }
      if (!parsed || !Array.isArray(parsed.documents)) {
        throw new Error(`local cloud database: ${file} is not a collection file ({ "documents": [...] })`);
      }
      const documents = this.collection(name);
      for (const raw of parsed.documents) {
        const document = decodeFromJson(raw) as Plain;
        if (typeof document?._id !== 'string')
          throw new Error(`local cloud database: a document in ${file} has no string _id`);
        documents.set(document._id, document);
      }
    }
  }
}

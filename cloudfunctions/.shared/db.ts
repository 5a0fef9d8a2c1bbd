/**
 * The subset of the cloud database API (wx-server-sdk `cloud.database()`) that this
 * project's functions use, promise style only. Production passes the SDK's database;
 * the local cloud runtime (scripts/local-cloud) implements the same shape.
 */
export type DocumentData = Record<string, unknown>;

/** Opaque operator objects built by `db.command`, and the server-date marker. */
export type QueryOperator = object;
export type UpdateOperator = object;
export type ServerDate = object;

export type Condition = Record<string, unknown>;

export interface Command {
  eq(value: unknown): QueryOperator;
  neq(value: unknown): QueryOperator;
  gt(value: unknown): QueryOperator;
  gte(value: unknown): QueryOperator;
  lt(value: unknown): QueryOperator;
  lte(value: unknown): QueryOperator;
  in(values: unknown[]): QueryOperator;
  nin(values: unknown[]): QueryOperator;
  exists(exists: boolean): QueryOperator;
  and(...conditions: (Condition | QueryOperator | (Condition | QueryOperator)[])[]): QueryOperator;
  or(...conditions: (Condition | QueryOperator | (Condition | QueryOperator)[])[]): QueryOperator;
  set(value: unknown): UpdateOperator;
  inc(amount: number): UpdateOperator;
  push(values: unknown): UpdateOperator;
  remove(): UpdateOperator;
}

export interface WriteStats {
  updated: number;
}

export interface DocumentReference {
  get(): Promise<{ data: DocumentData }>;
  set(options: { data: DocumentData }): Promise<{ _id: string; stats: { updated: number; created: number } }>;
  update(options: { data: DocumentData }): Promise<{ stats: WriteStats }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface Query {
  where(condition: Condition | QueryOperator): Query;
  orderBy(field: string, order: 'asc' | 'desc'): Query;
  skip(count: number): Query;
  limit(count: number): Query;
  field(projection: Record<string, boolean>): Query;
  get(): Promise<{ data: DocumentData[] }>;
  count(): Promise<{ total: number }>;
  update(options: { data: DocumentData }): Promise<{ stats: WriteStats }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface CollectionReference extends Query {
  doc(id: string): DocumentReference;
  add(options: { data: DocumentData }): Promise<{ _id: string }>;
}

export interface Database {
  command: Command;
  collection(name: string): CollectionReference;
  /** Creates an empty collection; fails when it exists. */
  createCollection(name: string): Promise<unknown>;
  serverDate(): ServerDate;
}

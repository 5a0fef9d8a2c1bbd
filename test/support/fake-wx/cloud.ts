import { randomBytes } from 'crypto';
import { resolve as resolvePath } from 'path';
import type {
  CollectionReference,
  Command,
  Condition,
  Database,
  DocumentData,
  Query,
  QueryOperator,
  ServerDate,
} from '../../../cloudfunctions/.shared/db';
import { jsonCopy, respond, typeName, WxFail, wxFail, type CallbackErrorSink } from './async';
import type { FileStore } from './files';

/**
 * `wx.cloud` on the client, routed into the local cloud runtime (scripts/local-cloud):
 * the real function code runs with the fake user's identity, files go to the local cloud
 * storage, `wx.cloud.database()` reaches the same embedded database through the default
 * client permission "仅创建者可读写".
 */

/** The identity the platform gives a function (cloud.getWXContext()). */
export interface LocalCloudIdentity {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  CLIENTIP?: string;
}

export interface TempFileUrlResult {
  fileID: string;
  tempFileURL: string;
  status: number;
  errMsg: string;
  maxAge?: number;
}

/** What the fake needs from scripts/local-cloud's LocalCloud (its documented contract). */
export interface LocalCloudLike {
  callFunction(name: string, data: unknown, identity: LocalCloudIdentity): Promise<unknown>;
  storage: {
    upload(input: {
      cloudPath: string;
      content: Buffer;
      ownerOpenid?: string;
    }): Promise<{ fileID: string }> | { fileID: string };
    getTempFileURL(
      fileList: (string | { fileID: string; maxAge?: number })[],
    ): Promise<TempFileUrlResult[]> | TempFileUrlResult[];
    /** `allowed` decides per file (a client may delete only its own uploads). */
    deleteFile(
      fileIDs: string[],
      allowed?: (info: { ownerOpenid?: string }) => boolean,
    ): Promise<unknown> | unknown;
  };
  database: Database;
}

export interface FakeUser {
  openid: string;
  unionid?: string;
}

export interface CloudCallRecord {
  name: string;
  /** The data the page passed (before the client added userInfo). */
  data: unknown;
  openid: string;
  at: number;
  outcome?: 'ok' | 'fail';
  result?: unknown;
  errMsg?: string;
}

export interface CloudUploadRecord {
  cloudPath: string;
  filePath: string;
  openid: string;
  fileID?: string;
  errMsg?: string;
}

export interface FakeCloud {
  /** wx.cloud.init was called in this app session. */
  readonly initialized: boolean;
  readonly initOptions: { env?: unknown; traceUser?: boolean } | undefined;
  /** Every wx.cloud.callFunction, in order. */
  readonly calls: readonly CloudCallRecord[];
  readonly uploads: readonly CloudUploadRecord[];
  /**
   * Holds every cloud response (the server still does the work) until the returned
   * `release()` is called, so a test can look at the page before the network answers.
   */
  hold(): () => void;
  /**
   * Requests that cannot reach the app before `release()`: sent while a hold is active and
   * not delivered yet, whether the server is still working on them or already answered.
   */
  readonly held: number;
  /** Of those, the ones the server already answered. */
  readonly heldAnswers: number;
  /** Requests sent and not yet delivered to the app (held or not). */
  readonly inFlight: number;
  /** Resolves once the server has finished every request sent so far (answers may stay held). */
  serverIdle(): Promise<void>;
  /** The server side (created on first use; survives restartApp like a real server). */
  readonly local: LocalCloudLike;
}

/** WeChat's texts for these failures. */
export const CLOUD_NOT_INITIALISED =
  "errCode: -1 | errMsg: Cloud API isn't enabled, please call wx.cloud.init first";
export const NETWORK_DOWN = 'request:fail -106:net::ERR_INTERNET_DISCONNECTED';
export const FUNCTION_NOT_FOUND = -501000;
export const FUNCTION_EXECUTE_FAIL = -504002;
/** Documented: a client-side query returns at most 20 records. */
export const CLIENT_QUERY_LIMIT = 20;

export interface CloudDeps {
  sink: CallbackErrorSink;
  now: () => number;
  user: () => FakeUser;
  appId: () => string;
  network: { offline: boolean };
  files: FileStore;
  createLocal: () => LocalCloudLike;
  /** Whether the fake created the server side itself (and so closes it when replaced). */
  ownsLocal: boolean;
}

/** Loads scripts/local-cloud (written concurrently by another engineer) at first use. */
export function loadLocalCloud(now: () => number): LocalCloudLike {
  const modulePath = resolvePath(__dirname, '../../../scripts/local-cloud');
  let exported: { LocalCloud?: new (options: { now?: () => number; load?: 'source' | 'built' }) => unknown };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    exported = require(modulePath) as typeof exported;
  } catch (error) {
    throw new Error(
      `fake wx: cannot load the local cloud runtime (scripts/local-cloud): ${
        error instanceof Error ? error.message : String(error)
      }`,
    );
  }
  if (typeof exported.LocalCloud !== 'function') {
    throw new Error('fake wx: scripts/local-cloud does not export a LocalCloud class');
  }
  return new exported.LocalCloud({ now, load: 'source' }) as LocalCloudLike;
}

function describe(error: unknown): { code: number; message: string } {
  const { errCode, errMsg } = (typeof error === 'object' && error !== null ? error : {}) as {
    errCode?: unknown;
    errMsg?: unknown;
  };
  const code = typeof errCode === 'number' ? errCode : -1;
  const message =
    typeof errMsg === 'string'
      ? errMsg
      : error instanceof Error
        ? `${error.name}: ${error.message}`
        : String(error);
  return { code, message };
}

type FileListEntry = string | { fileID: string; maxAge?: number };

/** `fileList` entries are file IDs or `{ fileID, maxAge }`. */
function parseFileList(api: string, list: unknown): FileListEntry[] {
  if (!Array.isArray(list)) {
    throw wxFail(
      `${api}:fail parameter error: parameter.fileList should be Array instead of ${typeName(list)};`,
    );
  }
  return list.map((entry: unknown) => {
    if (typeof entry === 'string') return entry;
    const { fileID, maxAge } = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<
      string,
      unknown
    >;
    return typeof maxAge === 'number' ? { fileID: String(fileID), maxAge } : { fileID: String(fileID) };
  });
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export class Cloud implements FakeCloud {
  initOptions: { env?: unknown; traceUser?: boolean } | undefined;
  readonly calls: CloudCallRecord[] = [];
  readonly uploads: CloudUploadRecord[] = [];
  private holds = 0;
  private waiting: (() => void)[] = [];
  private inFlightCount = 0;
  private readonly serverWork = new Set<Promise<unknown>>();
  private session = 0;
  private localCloud: LocalCloudLike | undefined;

  constructor(private readonly deps: CloudDeps) {}

  get initialized(): boolean {
    return this.initOptions !== undefined;
  }

  get held(): number {
    return this.holds > 0 ? this.inFlightCount : this.waiting.length;
  }

  get heldAnswers(): number {
    return this.waiting.length;
  }

  get inFlight(): number {
    return this.inFlightCount;
  }

  async serverIdle(): Promise<void> {
    while (this.serverWork.size > 0) await Promise.all([...this.serverWork]);
  }

  get local(): LocalCloudLike {
    if (!this.localCloud) this.localCloud = this.deps.createLocal();
    return this.localCloud;
  }

  hold(): () => void {
    this.holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds -= 1;
      if (this.holds === 0) {
        const waiting = this.waiting;
        this.waiting = [];
        for (const deliver of waiting) deliver();
      }
    };
  }

  /** Closes a server side the fake created (LocalCloud holds a wx-server-sdk patch until closed). */
  dispose(): void {
    const local = this.localCloud as (LocalCloudLike & { close?: () => void }) | undefined;
    if (local && this.deps.ownsLocal && typeof local.close === 'function') local.close();
    this.localCloud = undefined;
  }

  /** An app restart: forget init; responses still in flight never reach the new app. */
  restart(): void {
    this.session += 1;
    this.initOptions = undefined;
    this.waiting = [];
    this.inFlightCount = 0;
  }

  private identity(): LocalCloudIdentity {
    const user = this.deps.user();
    return user.unionid
      ? { OPENID: user.openid, APPID: this.deps.appId(), UNIONID: user.unionid }
      : { OPENID: user.openid, APPID: this.deps.appId() };
  }

  private ensureInit(api: string): void {
    if (!this.initOptions) throw wxFail(`${api}:fail ${CLOUD_NOT_INITIALISED}`, { errCode: -1 });
  }

  /**
   * A request over the network: fails when offline, lets the server do `work`, then
   * delivers the answer (or the server's error) once no hold is active.
   */
  private async request<T>(api: string, work: () => Promise<T>): Promise<T> {
    this.ensureInit(api);
    if (this.deps.network.offline) throw wxFail(`${api}:fail ${NETWORK_DOWN}`, { errCode: -1 });
    const session = this.session;
    this.inFlightCount += 1;
    const server = work().then(
      (value): Settled<T> => ({ ok: true, value }),
      (error: unknown): Settled<T> => ({ ok: false, error }),
    );
    this.serverWork.add(server);
    const settled = await server;
    this.serverWork.delete(server);
    if (this.holds > 0 && session === this.session) {
      await new Promise<void>((deliver) => this.waiting.push(deliver));
    }
    if (session !== this.session) await new Promise<never>(() => undefined); // The app was restarted.
    this.inFlightCount -= 1;
    if (!settled.ok) throw settled.error;
    return settled.value;
  }

  private async callFunction(
    options: Record<string, unknown>,
  ): Promise<{ result: unknown; requestID: string }> {
    const api = 'cloud.callFunction';
    const { name } = options;
    const user = this.deps.user();
    const record: CloudCallRecord = {
      name: String(name),
      data: options.data === undefined ? undefined : jsonCopy(options.data),
      openid: user.openid,
      at: this.deps.now(),
    };
    this.calls.push(record);
    try {
      if (typeof name !== 'string' || name === '') {
        throw wxFail(
          `${api}:fail parameter error: parameter.name should be String instead of ${typeName(name)};`,
        );
      }
      const data = options.data === undefined ? {} : jsonCopy(options.data);
      // The client adds who is calling; functions must read identity from getWXContext().
      const event = { ...(data as object), userInfo: { appId: this.deps.appId(), openId: user.openid } };
      const response = await this.request(api, async () => {
        let result: unknown;
        try {
          result = await this.local.callFunction(name, event, this.identity());
        } catch (error) {
          const { code, message } = describe(error);
          const detail =
            code === FUNCTION_EXECUTE_FAIL && !message.includes('functions execute fail')
              ? `errCode: ${code} functions execute fail | errMsg: ${message}`
              : `errCode: ${code} | errMsg: ${message}`;
          throw wxFail(`${api}:fail Error: ${detail}`, { errCode: code });
        }
        return {
          result: result === undefined ? undefined : jsonCopy(result),
          requestID: randomBytes(16).toString('hex'),
        };
      });
      record.outcome = 'ok';
      record.result = response.result;
      return response;
    } catch (error) {
      record.outcome = 'fail';
      record.errMsg = error instanceof WxFail ? error.errMsg : String(error);
      throw error;
    }
  }

  private async uploadFile(
    options: Record<string, unknown>,
  ): Promise<{ fileID: string; statusCode: number }> {
    const api = 'cloud.uploadFile';
    const { cloudPath, filePath } = options;
    this.ensureInit(api);
    if (typeof cloudPath !== 'string' || cloudPath === '') {
      throw wxFail(
        `${api}:fail parameter error: parameter.cloudPath should be String instead of ${typeName(cloudPath)};`,
      );
    }
    if (typeof filePath !== 'string') {
      throw wxFail(
        `${api}:fail parameter error: parameter.filePath should be String instead of ${typeName(filePath)};`,
      );
    }
    const openid = this.deps.user().openid;
    const record: CloudUploadRecord = { cloudPath, filePath, openid };
    this.uploads.push(record);
    const content = this.deps.files.read(filePath);
    if (!content) {
      record.errMsg = `${api}:fail uploadFile:fail createUploadTask:fail file not found`;
      throw wxFail(record.errMsg);
    }
    const { fileID } = await this.request(api, async () => {
      try {
        return await this.local.storage.upload({ cloudPath, content, ownerOpenid: openid });
      } catch (error) {
        const { code, message } = describe(error);
        throw wxFail(`${api}:fail ${message}`, { errCode: code });
      }
    });
    record.fileID = fileID;
    return { fileID, statusCode: 204 };
  }

  private async getTempFileURL(options: Record<string, unknown>): Promise<{ fileList: TempFileUrlResult[] }> {
    const api = 'cloud.getTempFileURL';
    const list = parseFileList(api, options.fileList);
    const result = await this.request(api, async () =>
      jsonCopy(await this.local.storage.getTempFileURL(list)),
    );
    return { fileList: result };
  }

  private async deleteFile(options: Record<string, unknown>): Promise<{ fileList: unknown[] }> {
    const api = 'cloud.deleteFile';
    const ids = parseFileList(api, options.fileList).map((entry) =>
      typeof entry === 'string' ? entry : entry.fileID,
    );
    const openid = this.deps.user().openid;
    const result = await this.request(api, async () =>
      this.local.storage.deleteFile(ids, (info) => info.ownerOpenid === openid),
    );
    const fileList = Array.isArray(result)
      ? jsonCopy(result)
      : ids.map((fileID) => ({ fileID, status: 0, errMsg: 'ok' }));
    return { fileList };
  }

  /** The `wx.cloud` object. */
  api(): Record<string, unknown> {
    const { sink } = this.deps;
    type Options = Record<string, unknown>;
    const optionsOf = (options: unknown): Options =>
      typeof options === 'object' && options !== null ? (options as Options) : {};
    return {
      init: (options?: unknown) => {
        const o = optionsOf(options);
        this.initOptions = { env: o.env, traceUser: o.traceUser === true };
      },
      // Requests leave at call time (the server may start before the call returns).
      callFunction: (options?: unknown) => {
        const sent = this.callFunction(optionsOf(options));
        return respond(sink, 'cloud.callFunction', options, () => sent);
      },
      uploadFile: (options?: unknown) => {
        const sent = this.uploadFile(optionsOf(options));
        return respond(sink, 'cloud.uploadFile', options, () => sent);
      },
      getTempFileURL: (options?: unknown) => {
        const sent = this.getTempFileURL(optionsOf(options));
        return respond(sink, 'cloud.getTempFileURL', options, () => sent);
      },
      deleteFile: (options?: unknown) => {
        const sent = this.deleteFile(optionsOf(options));
        return respond(sink, 'cloud.deleteFile', options, () => sent);
      },
      database: () => new ClientDatabase(this, () => this.deps.user().openid),
    };
  }

  /** Runs a client database operation over the (fake) network. */
  dbRequest<T>(api: string, work: () => Promise<T>): Promise<T> {
    return this.request(api, async () => {
      try {
        return cloneData(await work());
      } catch (error) {
        if (error instanceof WxFail) throw error;
        const { code, message } = describe(error);
        throw wxFail(`${api}:fail ${message}`, { errCode: code });
      }
    });
  }
}

/** A deep copy of database results (plain data and Dates), so callers never share the store's objects. */
function cloneData<T>(value: T): T {
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => cloneData(item)) as T;
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = cloneData(item);
    return copy as T;
  }
  return value;
}

/** Fields the client may not write: the platform owns them. */
function clientData(data: unknown, openid: string): DocumentData {
  const copy = { ...((typeof data === 'object' && data !== null ? data : {}) as DocumentData) };
  delete copy._id;
  return { ...copy, _openid: openid };
}

interface QueryState {
  conditions: (Condition | QueryOperator)[];
  orderBy: [string, 'asc' | 'desc'][];
  skip?: number;
  limit?: number;
  field?: Record<string, boolean>;
}

/**
 * The client database with the default permission "仅创建者可读写": `add` stamps `_openid`,
 * every read and write only sees the caller's own records. Promise style only.
 */
export class ClientDatabase {
  constructor(
    private readonly cloud: Cloud,
    private readonly openid: () => string,
  ) {}

  get command(): Command {
    return this.cloud.local.database.command;
  }

  serverDate(): ServerDate {
    return this.cloud.local.database.serverDate();
  }

  collection(name: string): ClientCollection {
    return new ClientCollection(this.cloud, this.openid, name, { conditions: [], orderBy: [] });
  }
}

export class ClientQuery {
  constructor(
    protected readonly cloud: Cloud,
    protected readonly openid: () => string,
    protected readonly name: string,
    protected readonly state: QueryState,
  ) {}

  private with(change: Partial<QueryState>): ClientQuery {
    return new ClientQuery(this.cloud, this.openid, this.name, { ...this.state, ...change });
  }

  /** Replaces the condition, as the SDK does (a second where() does not add to the first). */
  where(condition: Condition | QueryOperator): ClientQuery {
    return this.with({ conditions: [condition] });
  }

  orderBy(field: string, order: 'asc' | 'desc'): ClientQuery {
    return this.with({ orderBy: [...this.state.orderBy, [field, order]] });
  }

  skip(count: number): ClientQuery {
    return this.with({ skip: count });
  }

  limit(count: number): ClientQuery {
    return this.with({ limit: count });
  }

  field(projection: Record<string, boolean>): ClientQuery {
    return this.with({ field: projection });
  }

  /** The server query restricted to the caller's records. */
  protected ownQuery(extra: Condition[] = []): Query {
    const database = this.cloud.local.database;
    const conditions = [...this.state.conditions, ...extra, { _openid: this.openid() }] as Condition[];
    let query: Query = database.collection(this.name).where(database.command.and(conditions));
    for (const [field, order] of this.state.orderBy) query = query.orderBy(field, order);
    if (this.state.skip !== undefined) query = query.skip(this.state.skip);
    if (this.state.field !== undefined) query = query.field(this.state.field);
    return query;
  }

  get(): Promise<{ data: DocumentData[] }> {
    const limit = Math.min(this.state.limit ?? CLIENT_QUERY_LIMIT, CLIENT_QUERY_LIMIT);
    return this.cloud.dbRequest('collection.get', () => this.ownQuery().limit(limit).get());
  }

  count(): Promise<{ total: number }> {
    return this.cloud.dbRequest('collection.count', () => this.ownQuery().count());
  }

  update(options: { data: DocumentData }): Promise<{ stats: { updated: number } }> {
    const data = { ...options.data };
    delete data._openid;
    delete data._id;
    return this.cloud.dbRequest('collection.update', () => this.ownQuery().update({ data }));
  }

  remove(): Promise<{ stats: { removed: number } }> {
    return this.cloud.dbRequest('collection.remove', () => this.ownQuery().remove());
  }
}

export class ClientCollection extends ClientQuery {
  add(options: { data: DocumentData }): Promise<{ _id: string }> {
    return this.cloud.dbRequest('collection.add', () =>
      this.server().add({ data: clientData(options?.data, this.openid()) }),
    );
  }

  doc(id: string): ClientDocument {
    return new ClientDocument(this, id);
  }

  server(): CollectionReference {
    return this.cloud.local.database.collection(this.name);
  }

  /** Internal: a request on this collection. */
  run<T>(api: string, work: () => Promise<T>): Promise<T> {
    return this.cloud.dbRequest(api, work);
  }

  owner(): string {
    return this.openid();
  }

  own(id: string): Query {
    return this.ownQuery([{ _id: id }]);
  }
}

export class ClientDocument {
  constructor(
    private readonly collection: ClientCollection,
    private readonly id: string,
  ) {}

  get(): Promise<{ data: DocumentData }> {
    return this.collection.run('document.get', async () => {
      const { data } = await this.collection.own(this.id).limit(1).get();
      if (data.length === 0) throw wxFail(`document.get:fail document with _id ${this.id} does not exist`);
      return { data: data[0] };
    });
  }

  update(options: { data: DocumentData }): Promise<{ stats: { updated: number } }> {
    const data = { ...options.data };
    delete data._openid;
    delete data._id;
    return this.collection.run('document.update', () => this.collection.own(this.id).update({ data }));
  }

  remove(): Promise<{ stats: { removed: number } }> {
    return this.collection.run('document.remove', () => this.collection.own(this.id).remove());
  }

  set(options: {
    data: DocumentData;
  }): Promise<{ _id: string; stats: { updated: number; created: number } }> {
    return this.collection.run('document.set', async () => {
      const server = this.collection.server();
      const { data } = await server.where({ _id: this.id }).limit(1).get();
      if (data.length > 0 && data[0]._openid !== this.collection.owner()) {
        throw wxFail('document.set:fail permission denied');
      }
      return server.doc(this.id).set({ data: clientData(options?.data, this.collection.owner()) });
    });
  }
}

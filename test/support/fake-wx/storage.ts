import { typeName, wxFail } from './async';

/**
 * WeChat's local storage ("数据缓存"): per user and app, kept across app restarts.
 * Documented limits: 1 MB per key, 10 MB in total. Values are stored serialised: only
 * primitives, Date and what JSON.stringify can serialise survive (a top-level Date comes
 * back as a Date; a Date nested in an object comes back as its ISO string, functions and
 * undefined properties disappear).
 */
export const ITEM_LIMIT_BYTES = 1024 * 1024;
export const TOTAL_LIMIT_BYTES = 10 * 1024 * 1024;
/** `getStorageInfo().limitSize`, in KB. */
export const LIMIT_SIZE_KB = 10240;

/** Failure texts as the base library words them. */
export const ITEM_TOO_LARGE = 'exceed storage item max length';
export const STORAGE_FULL = 'exceed storage max size 10Mb';
export const DATA_NOT_FOUND = 'data not found';

type Kind = 'json' | 'date' | 'undefined';

interface StoredItem {
  kind: Kind;
  text: string;
  /** Bytes counted against the limits: key + serialised value (UTF-8). */
  bytes: number;
}

export interface StorageInfo {
  keys: string[];
  /** KB used. */
  currentSize: number;
  /** KB allowed. */
  limitSize: number;
}

function serialise(api: string, data: unknown): { kind: Kind; text: string } {
  if (data instanceof Date) return { kind: 'date', text: String(data.getTime()) };
  if (data === undefined) return { kind: 'undefined', text: '' };
  let text: string | undefined;
  try {
    text = JSON.stringify(data);
  } catch (error) {
    throw wxFail(`${api}:fail ${error instanceof Error ? error.message : String(error)}`);
  }
  // Functions and symbols serialise to nothing.
  return text === undefined ? { kind: 'undefined', text: '' } : { kind: 'json', text };
}

function checkKey(api: string, key: unknown): asserts key is string {
  if (typeof key !== 'string') {
    throw wxFail(`${api}:fail parameter error: parameter.key should be String instead of ${typeName(key)};`);
  }
}

export class StorageArea {
  private readonly items = new Map<string, StoredItem>();

  /** Stores a copy of `data` under `key`; throws WxFail with WeChat's message on a limit. */
  set(api: string, key: unknown, data: unknown): void {
    checkKey(api, key);
    const { kind, text } = serialise(api, data);
    const valueBytes = Buffer.byteLength(text, 'utf8');
    if (valueBytes > ITEM_LIMIT_BYTES) throw wxFail(`${api}:fail ${ITEM_TOO_LARGE}`);
    const bytes = Buffer.byteLength(key, 'utf8') + valueBytes;
    const previous = this.items.get(key)?.bytes ?? 0;
    if (this.totalBytes() - previous + bytes > TOTAL_LIMIT_BYTES) throw wxFail(`${api}:fail ${STORAGE_FULL}`);
    this.items.set(key, { kind, text, bytes });
  }

  /** A fresh copy of the stored value, or `found: false`. */
  get(api: string, key: unknown): { found: boolean; value: unknown } {
    checkKey(api, key);
    const item = this.items.get(key);
    if (!item) return { found: false, value: undefined };
    switch (item.kind) {
      case 'date':
        return { found: true, value: new Date(Number(item.text)) };
      case 'undefined':
        return { found: true, value: undefined };
      default:
        return { found: true, value: JSON.parse(item.text) as unknown };
    }
  }

  remove(api: string, key: unknown): void {
    checkKey(api, key);
    this.items.delete(key);
  }

  clear(): void {
    this.items.clear();
  }

  keys(): string[] {
    return [...this.items.keys()];
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  totalBytes(): number {
    let total = 0;
    for (const item of this.items.values()) total += item.bytes;
    return total;
  }

  info(): StorageInfo {
    return { keys: this.keys(), currentSize: Math.ceil(this.totalBytes() / 1024), limitSize: LIMIT_SIZE_KB };
  }
}

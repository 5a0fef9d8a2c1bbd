import { QueryCommand, ServerDateMarker, UpdateCommand } from './commands';

/**
 * The values a document may hold (what the cloud database stores as BSON and this
 * runtime persists as JSON): null, booleans, numbers, strings, Dates, RegExps, arrays
 * and plain objects.
 */
export type Plain = Record<string, unknown>;

const tag = (value: unknown): string => Object.prototype.toString.call(value);

/** A `{...}` literal or `Object.create(null)`, from any realm (jest sandboxes included). */
export function isPlainObject(value: unknown): value is Plain {
  if (typeof value !== 'object' || value === null || tag(value) !== '[object Object]') return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

export const isDate = (value: unknown): value is Date => tag(value) === '[object Date]';
export const isRegExp = (value: unknown): value is RegExp => tag(value) === '[object RegExp]';

/** Deep copy of a stored value: results never share objects with the store. */
export function cloneValue<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (isDate(value)) return new Date(value.getTime()) as T;
  if (isRegExp(value)) return new RegExp(value.source, value.flags) as T;
  if (Array.isArray(value)) return value.map((item) => cloneValue(item)) as T;
  const copy: Plain = {};
  for (const [key, item] of Object.entries(value as Plain)) copy[key] = cloneValue(item);
  return copy as T;
}

/** Structural equality of stored values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (isDate(a) || isDate(b)) return isDate(a) && isDate(b) && a.getTime() === b.getTime();
  if (isRegExp(a) || isRegExp(b)) return isRegExp(a) && isRegExp(b) && String(a) === String(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]))
    );
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every(
      (key) =>
        Object.prototype.hasOwnProperty.call(b, key) && deepEqual((a as Plain)[key], (b as Plain)[key]),
    )
  );
}

/** Checks one key of a document (not an update path): no operators, no dotted names. */
export function checkFieldName(key: string, where: string): void {
  if (key === '') throw new Error(`${where}: empty field name`);
  if (key.startsWith('$')) throw new Error(`${where}: field name "${key}" must not start with "$"`);
  if (key.includes('.')) throw new Error(`${where}: field name "${key}" must not contain "."`);
}

/**
 * Turns a value from function code into a storable one: serverDate() markers become the
 * clock's Date, objects are copied, undefined object fields are dropped (as the SDK's
 * serialiser drops them), and anything the database cannot store is rejected.
 */
export function toStorableValue(value: unknown, now: () => number, where: string): unknown {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    typeof value === 'number'
  ) {
    return value;
  }
  if (value === undefined) return null;
  if (value instanceof ServerDateMarker) return new Date(now() + value.offset);
  if (value instanceof QueryCommand || value instanceof UpdateCommand) {
    throw new Error(`${where}: db.command.${value.operator}() is not allowed here`);
  }
  if (isDate(value)) {
    if (Number.isNaN(value.getTime())) throw new Error(`${where}: invalid Date`);
    return new Date(value.getTime());
  }
  if (isRegExp(value)) return new RegExp(value.source, value.flags);
  if (Array.isArray(value)) return value.map((item, i) => toStorableValue(item, now, `${where}[${i}]`));
  if (isPlainObject(value)) {
    const copy: Plain = {};
    for (const [key, item] of Object.entries(value)) {
      checkFieldName(key, where);
      if (item === undefined) continue;
      copy[key] = toStorableValue(item, now, `${where}.${key}`);
    }
    return copy;
  }
  const kind = typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;
  throw new Error(`${where}: values of type ${kind} cannot be stored in the database`);
}

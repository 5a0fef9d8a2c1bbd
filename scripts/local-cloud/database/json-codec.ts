import { isDate, isPlainObject, isRegExp, type Plain } from './values';

/**
 * JSON encoding of stored documents for the data folder, with extended-JSON style tags
 * for what JSON lacks: `{ "$date": ISO }`, `{ "$regex", "$options" }` and
 * `{ "$numberDouble": "NaN" | "Infinity" | "-Infinity" }`. Stored field names never start
 * with "$", so a tagged object is never mistaken for data.
 */
export function encodeForJson(value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return { $numberDouble: String(value) };
  if (typeof value !== 'object' || value === null) return value;
  if (isDate(value)) return { $date: value.toISOString() };
  if (isRegExp(value)) return { $regex: value.source, $options: value.flags };
  if (Array.isArray(value)) return value.map(encodeForJson);
  const result: Plain = {};
  for (const [key, item] of Object.entries(value as Plain)) result[key] = encodeForJson(item);
  return result;
}

export function decodeFromJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeFromJson);
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && typeof value.$date === 'string') return new Date(value.$date);
  if (keys.length === 1 && typeof value.$numberDouble === 'string') return Number(value.$numberDouble);
  if (keys.length === 2 && typeof value.$regex === 'string' && typeof value.$options === 'string') {
    return new RegExp(value.$regex, value.$options);
  }
  const result: Plain = {};
  for (const [key, item] of Object.entries(value)) result[key] = decodeFromJson(item);
  return result;
}

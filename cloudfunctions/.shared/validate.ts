import { invalidArgument } from './errors';

/**
 * Small validators for `event`. Each returns the typed value or throws an
 * INVALID_ARGUMENT AppError whose message names the field and the rule.
 */
export type Fields = Record<string, unknown>;

/** The event as a plain object, without the platform's own keys. */
export function eventObject(event: unknown): Fields {
  if (event === null || event === undefined) return {};
  if (typeof event !== 'object' || Array.isArray(event)) {
    throw invalidArgument('请求参数必须是对象');
  }
  const fields: Fields = { ...(event as Fields) };
  // wx.cloud.callFunction adds userInfo {appId, openId}; identity never comes from here.
  delete fields.userInfo;
  return fields;
}

/** Code points in `text`, counting no further than `limit`. */
export function codePointCount(text: string, limit = Infinity): number {
  let count = 0;
  for (let i = 0; i < text.length && count < limit; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
    }
    count += 1;
  }
  return count;
}

export function optionalString(fields: Fields, name: string, maxLength: number): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidArgument(`参数 ${name} 必须是字符串`);
  // Code units first (cheap, bounds the work), then code points.
  if (value.length > maxLength * 2 || codePointCount(value, maxLength + 1) > maxLength) {
    throw invalidArgument(`参数 ${name} 不能超过 ${maxLength} 个字符`);
  }
  return value;
}

export function requiredString(fields: Fields, name: string, maxLength: number): string {
  const value = optionalString(fields, name, maxLength);
  if (value === undefined || value === '') throw invalidArgument(`缺少参数 ${name}`);
  return value;
}

export function oneOf<T extends string>(
  fields: Fields,
  name: string,
  allowed: readonly T[],
  fallback?: T,
): T {
  const value = fields[name];
  if ((value === undefined || value === null) && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw invalidArgument(`参数 ${name} 必须是 ${allowed.join(' / ')} 之一`);
  }
  return value as T;
}

/** An integer in [min, max], or undefined when absent; `rule` is appended to the error message. */
export function optionalInteger(
  fields: Fields,
  name: string,
  min: number,
  max: number,
  rule = '',
): number | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidArgument(`参数 ${name} 必须是 ${min} 到 ${max} 之间的整数${rule}`);
  }
  return value;
}

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

export function optionalString(fields: Fields, name: string, maxLength: number): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidArgument(`参数 ${name} 必须是字符串`);
  if ([...value].length > maxLength) throw invalidArgument(`参数 ${name} 不能超过 ${maxLength} 个字符`);
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

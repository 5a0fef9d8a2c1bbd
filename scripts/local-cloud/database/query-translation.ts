import { QueryCommand, UpdateCommand, type ComparisonOperatorName } from './commands';
import { isPlainObject, isRegExp, toStorableValue, type Plain } from './values';

/**
 * Turns cloud-database conditions (`where()` arguments) into Mongo filter documents.
 *
 * As in the cloud database, a nested plain object is a condition on nested fields
 * (`{ style: { color: 'red' } }` = `{ 'style.color': 'red' }`: other fields of `style` may
 * exist); an exact match of an object needs `_.eq({...})`. Field names starting with `$`
 * are refused, so a value taken from a client event can never smuggle a Mongo operator
 * into a query.
 */
export type MongoFilter = Record<string, unknown>;

const MONGO_COMPARISON: Record<ComparisonOperatorName, string> = {
  eq: '$eq',
  neq: '$ne',
  gt: '$gt',
  gte: '$gte',
  lt: '$lt',
  lte: '$lte',
  in: '$in',
  nin: '$nin',
  exists: '$exists',
};

/** Checks a (possibly dotted) field path used in a condition, update or projection. */
export function checkFieldPath(path: string, where: string): void {
  if (typeof path !== 'string' || path === '') throw new Error(`${where}: empty field path`);
  for (const segment of path.split('.')) {
    if (segment === '') throw new Error(`${where}: invalid field path "${path}"`);
    if (segment.startsWith('$'))
      throw new Error(`${where}: field path "${path}" must not contain "$" operators`);
  }
}

function combine(clauses: MongoFilter[], operator: '$and' | '$or'): MongoFilter {
  if (clauses.length === 1 && operator === '$and') return clauses[0];
  return { [operator]: clauses };
}

function queryValue(value: unknown, now: () => number): unknown {
  return toStorableValue(value, now, 'where()');
}

/** The filter for one field: `path` compared with `value` (an operator, object or value). */
function fieldFilter(path: string, value: unknown, now: () => number): MongoFilter {
  if (value instanceof QueryCommand) {
    if (value.operator === 'and' || value.operator === 'or') {
      if (value.operands.length === 0)
        throw new Error(`where(): db.command.${value.operator}() needs operands`);
      const clauses = value.operands.map((operand) => fieldFilter(path, operand, now));
      return combine(clauses, value.operator === 'and' ? '$and' : '$or');
    }
    const [operand] = value.operands;
    const mongoOperand =
      value.operator === 'in' || value.operator === 'nin'
        ? (operand as unknown[]).map((item) => queryValue(item, now))
        : queryValue(operand, now);
    return { [path]: { [MONGO_COMPARISON[value.operator]]: mongoOperand } };
  }
  if (value instanceof UpdateCommand) {
    throw new Error(`where(): db.command.${value.operator}() is an update operator, not a query operator`);
  }
  if (isRegExp(value)) {
    // A regular expression is a pattern match, as `where({ name: /miss/i })` is in the SDK.
    return { [path]: { $regex: new RegExp(value.source, value.flags) } };
  }
  if (isPlainObject(value)) {
    const clauses = objectClauses(value, path, now);
    if (clauses.length === 0) return { [path]: { $eq: {} } };
    return combine(clauses, '$and');
  }
  return { [path]: { $eq: queryValue(value, now) } };
}

function objectClauses(condition: Plain, prefix: string, now: () => number): MongoFilter[] {
  const clauses: MongoFilter[] = [];
  for (const [key, value] of Object.entries(condition)) {
    if (value === undefined) continue;
    checkFieldPath(key, 'where()');
    clauses.push(fieldFilter(prefix ? `${prefix}.${key}` : key, value, now));
  }
  return clauses;
}

/** `where(condition)`: a conditions object, or a top-level `_.and(...)` / `_.or(...)`. */
export function conditionToFilter(condition: unknown, now: () => number): MongoFilter {
  if (condition instanceof QueryCommand) {
    if (condition.operator !== 'and' && condition.operator !== 'or') {
      throw new Error(
        `where(): db.command.${condition.operator}() must be the value of a field, e.g. where({ age: _.gt(1) })`,
      );
    }
    if (condition.operands.length === 0)
      throw new Error(`where(): db.command.${condition.operator}() needs operands`);
    const clauses = condition.operands.map((operand) => conditionToFilter(operand, now));
    return { [condition.operator === 'and' ? '$and' : '$or']: clauses };
  }
  if (!isPlainObject(condition)) throw new Error('where(): the condition must be an object');
  const keys = Object.keys(condition);
  if (keys.length > 0 && keys.every((key) => condition[key] === undefined)) {
    // The SDK refuses this too: a forgotten variable must not turn into "match everything".
    throw new Error('where(): every value of the condition is undefined');
  }
  const clauses = objectClauses(condition, '', now);
  if (clauses.length === 0) return {};
  return combine(clauses, '$and');
}

/** `field({ a: true, b: false })` → a Mongo projection. */
export function projectionToMongo(projection: unknown): Record<string, 0 | 1> | undefined {
  if (!isPlainObject(projection)) throw new Error('field(): the projection must be an object');
  const result: Record<string, 0 | 1> = {};
  for (const [path, value] of Object.entries(projection)) {
    checkFieldPath(path, 'field()');
    if (typeof value === 'boolean') result[path] = value ? 1 : 0;
    else if (typeof value === 'number') result[path] = value > 0 ? 1 : 0;
    else throw new Error(`field(): the value of "${path}" must be true or false`);
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

import { QueryCommand, ServerDateMarker, UpdateCommand } from './commands';
import { checkFieldPath } from './query-translation';
import { isPlainObject, toStorableValue, type Plain } from './values';

/**
 * Turns `update({ data })` into a Mongo update document, with the cloud database's
 * semantics: a plain nested object is a field-wise merge (`{ style: { color } }` changes
 * only `style.color`), `_.set(obj)` replaces a whole sub-object, `_.inc/_.push/_.remove`
 * map to `$inc/$push/$unset`, and `serverDate()` becomes the clock's Date.
 */
export interface MongoModifier {
  $set?: Plain;
  $inc?: Record<string, number>;
  $push?: Record<string, { $each: unknown[]; $position?: number; $slice?: number; $sort?: unknown }>;
  $unset?: Record<string, ''>;
}

function pushSpec(
  operand: unknown,
  now: () => number,
  path: string,
): NonNullable<MongoModifier['$push']>[string] {
  const where = `update(): _.push() on "${path}"`;
  if (Array.isArray(operand)) return { $each: operand.map((item) => toStorableValue(item, now, where)) };
  if (isPlainObject(operand) && 'each' in operand) {
    const { each, position, slice, sort } = operand as {
      each: unknown;
      position?: unknown;
      slice?: unknown;
      sort?: unknown;
    };
    if (!Array.isArray(each)) throw new Error(`${where}: "each" must be an array`);
    const spec: NonNullable<MongoModifier['$push']>[string] = {
      $each: each.map((item) => toStorableValue(item, now, where)),
    };
    if (position !== undefined) {
      if (!Number.isInteger(position)) throw new Error(`${where}: "position" must be an integer`);
      spec.$position = position as number;
    }
    if (slice !== undefined) {
      if (!Number.isInteger(slice)) throw new Error(`${where}: "slice" must be an integer`);
      spec.$slice = slice as number;
    }
    if (sort !== undefined) spec.$sort = sort;
    return spec;
  }
  return { $each: [toStorableValue(operand, now, where)] };
}

export function updateToModifier(data: unknown, now: () => number): MongoModifier {
  if (!isPlainObject(data)) throw new Error('update(): data must be an object');
  if (Object.prototype.hasOwnProperty.call(data, '_id')) throw new Error('update(): _id cannot be updated');
  const modifier: Required<MongoModifier> = { $set: {}, $inc: {}, $push: {}, $unset: {} };

  const walk = (object: Plain, prefix: string): void => {
    for (const [key, value] of Object.entries(object)) {
      if (value === undefined) continue;
      checkFieldPath(key, 'update()');
      const path = prefix ? `${prefix}.${key}` : key;
      if (path === '_id' || path.startsWith('_id.')) throw new Error('update(): _id cannot be updated');
      if (value instanceof UpdateCommand) {
        switch (value.operator) {
          case 'set':
            modifier.$set[path] = toStorableValue(value.operand, now, `update(): _.set() on "${path}"`);
            break;
          case 'inc':
            modifier.$inc[path] = value.operand as number;
            break;
          case 'push':
            modifier.$push[path] = pushSpec(value.operand, now, path);
            break;
          case 'remove':
            modifier.$unset[path] = '';
            break;
        }
      } else if (value instanceof QueryCommand) {
        throw new Error(
          `update(): db.command.${value.operator}() is a query operator, not an update operator`,
        );
      } else if (value instanceof ServerDateMarker) {
        modifier.$set[path] = toStorableValue(value, now, 'update()');
      } else if (isPlainObject(value) && Object.keys(value).length > 0) {
        walk(value, path);
      } else {
        modifier.$set[path] = toStorableValue(value, now, `update(): "${path}"`);
      }
    }
  };
  walk(data, '');

  const result: MongoModifier = {};
  for (const operator of ['$set', '$inc', '$push', '$unset'] as const) {
    if (Object.keys(modifier[operator]).length > 0) Object.assign(result, { [operator]: modifier[operator] });
  }
  if (Object.keys(result).length === 0) throw new Error('update(): data must not be empty');
  return result;
}

/**
 * MongoDB refuses updates that mingo would silently skip: $inc on a non-number, $push on
 * a non-array, or a path through a value that is not an object. Refuse them here too.
 */
export function checkModifierTargets(document: Plain, modifier: MongoModifier): void {
  const check = (path: string, leaf: (value: unknown) => string | undefined): void => {
    const segments = path.split('.');
    let current: unknown = document;
    for (let i = 0; i < segments.length; i += 1) {
      if (current === undefined) return;
      const segment = segments[i];
      if (Array.isArray(current)) {
        if (!/^\d+$/.test(segment))
          throw new Error(`update(): cannot create field "${segment}" in an array (${path})`);
        current = current[Number(segment)];
      } else if (isPlainObject(current)) {
        current = current[segment];
      } else {
        const parent = segments.slice(0, i).join('.');
        throw new Error(`update(): cannot create field "${segment}" in "${parent}", which is not an object`);
      }
    }
    const problem = current === undefined ? undefined : leaf(current);
    if (problem) throw new Error(`update(): ${problem} (${path})`);
  };
  for (const path of Object.keys(modifier.$set ?? {})) check(path, () => undefined);
  for (const path of Object.keys(modifier.$inc ?? {})) {
    check(path, (value) => (typeof value === 'number' ? undefined : 'cannot apply _.inc() to a non-number'));
  }
  for (const path of Object.keys(modifier.$push ?? {})) {
    check(path, (value) => (Array.isArray(value) ? undefined : 'cannot apply _.push() to a non-array field'));
  }
}

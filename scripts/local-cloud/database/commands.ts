import type {
  Command,
  Condition,
  QueryOperator,
  ServerDate,
  UpdateOperator,
} from '../../../cloudfunctions/.shared/db';

/**
 * `db.command` of the embedded database: operator objects that the translator turns
 * into Mongo documents for mingo. Built the way the cloud SDK builds them, including
 * chaining (`_.gt(1).and(_.lt(5))`).
 */
export type ComparisonOperatorName = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'nin' | 'exists';
export type LogicalOperatorName = 'and' | 'or';
export type QueryOperatorName = ComparisonOperatorName | LogicalOperatorName;
export type UpdateOperatorName = 'set' | 'inc' | 'push' | 'remove';

type LogicalOperand = Condition | Condition[] | QueryOperator | QueryOperator[] | unknown;

/** `_.and(a, b)` and `_.and([a, b])` mean the same. */
function flattenOperands(operands: readonly LogicalOperand[]): unknown[] {
  return operands.flatMap((operand) => (Array.isArray(operand) ? operand : [operand]));
}

export class QueryCommand implements QueryOperator {
  constructor(
    readonly operator: QueryOperatorName,
    readonly operands: readonly unknown[],
  ) {}

  and(...conditions: LogicalOperand[]): QueryCommand {
    return new QueryCommand('and', [this, ...flattenOperands(conditions)]);
  }

  or(...conditions: LogicalOperand[]): QueryCommand {
    return new QueryCommand('or', [this, ...flattenOperands(conditions)]);
  }
}

export class UpdateCommand implements UpdateOperator {
  constructor(
    readonly operator: UpdateOperatorName,
    readonly operand: unknown,
  ) {}
}

/** `db.serverDate({ offset })`: replaced by the database clock (+ offset ms) when written. */
export class ServerDateMarker implements ServerDate {
  constructor(readonly offset: number = 0) {}
}

function comparison(operator: ComparisonOperatorName, value: unknown): QueryCommand {
  return new QueryCommand(operator, [value]);
}

function requireArray(name: string, values: unknown): unknown[] {
  if (!Array.isArray(values)) throw new TypeError(`db.command.${name}() expects an array`);
  return values;
}

/** `db.command` with its concrete types: operators chain (`_.gt(1).and(_.lt(5))`) and combine fields. */
export interface EmbeddedCommand extends Command {
  eq(value: unknown): QueryCommand;
  neq(value: unknown): QueryCommand;
  gt(value: unknown): QueryCommand;
  gte(value: unknown): QueryCommand;
  lt(value: unknown): QueryCommand;
  lte(value: unknown): QueryCommand;
  in(values: unknown[]): QueryCommand;
  nin(values: unknown[]): QueryCommand;
  exists(exists: boolean): QueryCommand;
  /** Field level `_.and(_.gt(1), _.lt(5))`, or top level `_.and([{ a: 1 }, { b: 2 }])`. */
  and(...conditions: LogicalOperand[]): QueryCommand;
  or(...conditions: LogicalOperand[]): QueryCommand;
  set(value: unknown): UpdateCommand;
  inc(amount: number): UpdateCommand;
  push(values: unknown): UpdateCommand;
  remove(): UpdateCommand;
}

export const command: EmbeddedCommand = {
  eq: (value) => comparison('eq', value),
  neq: (value) => comparison('neq', value),
  gt: (value) => comparison('gt', value),
  gte: (value) => comparison('gte', value),
  lt: (value) => comparison('lt', value),
  lte: (value) => comparison('lte', value),
  in: (values) => comparison('in', requireArray('in', values)),
  nin: (values) => comparison('nin', requireArray('nin', values)),
  exists(exists) {
    if (typeof exists !== 'boolean') throw new TypeError('db.command.exists() expects a boolean');
    return comparison('exists', exists);
  },
  and: (...conditions) => new QueryCommand('and', flattenOperands(conditions)),
  or: (...conditions) => new QueryCommand('or', flattenOperands(conditions)),
  set: (value) => new UpdateCommand('set', value),
  inc(amount) {
    if (typeof amount !== 'number' || !Number.isFinite(amount)) {
      throw new TypeError('db.command.inc() expects a finite number');
    }
    return new UpdateCommand('inc', amount);
  },
  push: (values) => new UpdateCommand('push', values),
  remove: () => new UpdateCommand('remove', undefined),
};

export function serverDate(options?: { offset?: number }): ServerDateMarker {
  const offset = options?.offset ?? 0;
  if (typeof offset !== 'number' || !Number.isFinite(offset)) {
    throw new TypeError('db.serverDate({ offset }) expects a finite number of milliseconds');
  }
  return new ServerDateMarker(offset);
}

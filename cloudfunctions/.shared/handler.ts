import cloud from 'wx-server-sdk';
import { UndoneError, accountDeleting, requireActiveUser, verifyAccountAfterWrite } from './account';
import { readCaller, type Caller } from './caller';
import type { Database } from './db';
import { AppError, toErrorBody } from './errors';
import { enforceRateLimit, type RateLimitRule } from './rate-limit';
import type { CloudResult } from '../../miniprogram/contracts/results';
import { trackWrites } from './tracked-db';
import { findUser, isActive, type UserRecord } from './users';
import { eventObject, oneOf, type Fields } from './validate';
import { withCollections } from './collections';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export type { Caller } from './caller';

/** A caller with a WeChat identity (every function except the anonymous-web ones). */
export type UserCaller = Caller & { openid: string };

export interface Context<C extends Caller = Caller> {
  caller: C;
  /** The database; writes through it are noted (see `maybeSaved`). */
  db: Database;
  /** wx-server-sdk itself, for storage and `cloud.openapi`. */
  cloud: typeof cloud;
  /** The caller's active account record, when the action asked for one and it exists. */
  user?: UserRecord;
}

/**
 * Whether the caller must have an account (a `users` record that is not being deleted):
 * - required: refused with NOT_FOUND / ACCOUNT_DELETING without one; `context.user` is set;
 * - optional: `context.user` is set when there is one;
 * - none: not looked up (login creates it, deleteAccount removes it).
 * With required/optional, a call that wrote checks the account again afterwards and
 * removes the user's data if it was deleted meanwhile (see account.ts).
 */
export type AccountRule = 'required' | 'optional' | 'none';

interface SpecBase<E> {
  /** Validates the fields it uses (unknown fields are ignored); throws AppError on bad input. */
  parse?: (fields: Fields) => E;
  /** Counted before the action runs (after the event was found valid). */
  rateLimit?: RateLimitRule;
  /**
   * account 'required' only: runs when the caller has no active account, before the
   * refusal is answered (e.g. to remove a file uploaded for an account that is gone).
   */
  withoutAccount?: (event: E, context: Context<UserCaller>) => Promise<void>;
}

export type ActionSpec<E, T, C extends Caller = UserCaller> = SpecBase<E> &
  (
    | { account: 'required'; run: (event: E, context: Context<C> & { user: UserRecord }) => Promise<T> | T }
    | { account?: 'optional' | 'none'; run: (event: E, context: Context<C>) => Promise<T> | T }
  );

/** Declares one action with its types inferred. */
export function action<E = Record<string, never>, T = unknown, C extends Caller = UserCaller>(
  spec: ActionSpec<E, T, C>,
): ActionSpec<E, T, C> {
  return spec;
}

type AnySpec = ActionSpec<unknown, unknown, Caller>;

async function runSpec(spec: AnySpec, fields: Fields, caller: Caller) {
  const parsed = spec.parse ? spec.parse(fields) : {};
  const database = withCollections(cloud.database() as unknown as Database);
  // The counter is the function's own bookkeeping, not the user's data: not tracked.
  if (spec.rateLimit) await enforceRateLimit(database, caller, spec.rateLimit);
  const tracked = trackWrites(database);
  const context: Context = { caller, db: tracked.db, cloud };
  const openid = caller.openid;
  let verify = false;
  if (spec.account === 'required' || spec.account === 'optional') {
    if (!openid) throw new AppError('UNAUTHENTICATED');
    if (spec.account === 'required') {
      try {
        context.user = await requireActiveUser(context, openid);
      } catch (error) {
        if (error instanceof AppError && spec.withoutAccount) {
          // Clean-up of what no account can own: not a write of this call's data.
          await spec.withoutAccount(parsed, { ...context, db: database } as Context<UserCaller>);
        }
        throw error;
      }
    } else {
      const record = await findUser(tracked.db, openid);
      if (record && !isActive(record)) throw accountDeleting();
      context.user = record;
    }
    verify = context.user !== undefined;
  }
  let data: unknown;
  let failure: unknown;
  try {
    data = await (spec.run as (event: unknown, context: Context) => unknown)(parsed, context);
  } catch (error) {
    failure = error;
  }
  // Whatever the outcome, a write must not outlive an account deleted meanwhile.
  if (verify && tracked.wrote() && !(failure instanceof UndoneError)) {
    try {
      await verifyAccountAfterWrite(context, openid as string);
    } catch (error) {
      failure = error;
    }
  }
  if (failure === undefined) return data;
  // An undone write left nothing behind; any other failure after a write may have saved it.
  throw Object.assign(failure instanceof Error ? failure : new Error(String(failure)), {
    maybeSaved: tracked.wrote() && !(failure instanceof UndoneError),
  });
}

function entryPoint<T>(choose: (fields: Fields) => AnySpec, publicCaller: boolean) {
  return async (event: unknown, invocation?: unknown): Promise<CloudResult<T>> => {
    try {
      // Who calls is settled before the event is even looked at.
      const caller = readCaller(invocation);
      if (!publicCaller && !caller.openid) throw new AppError('UNAUTHENTICATED');
      const fields = eventObject(event);
      return { ok: true, data: (await runSpec(choose(fields), fields, caller)) as T };
    } catch (error) {
      const maybeSaved = (error as { maybeSaved?: unknown } | null)?.maybeSaved === true;
      return { ok: false, error: toErrorBody(error, maybeSaved) };
    }
  };
}

/**
 * The shared before/after step of every cloud function: read the caller from the
 * platform, validate the event, apply the account and rate-limit rules, run, and
 * normalise any failure into the one error shape (with `maybeSaved` once it wrote).
 * The caller must have an openid (a call from inside the mini-program).
 */
export function defineFunction<E, T>(spec: ActionSpec<E, T>) {
  return entryPoint<T>(() => spec as AnySpec, false);
}

/** Any declared action (the table's constraint), and the result type of one. */
type AnyAction = { run: (...args: never[]) => unknown };
type ResultOf<A> = A extends { run: (...args: never[]) => infer R } ? Awaited<R> : never;

function actionTable<A extends Record<string, AnyAction>>(table: A, publicCaller: boolean) {
  const names = Object.keys(table);
  return entryPoint<ResultOf<A[keyof A]>>(
    (fields) => table[oneOf(fields, 'action', names)] as unknown as AnySpec,
    publicCaller,
  );
}

/**
 * A function with several actions, chosen by `event.action`: one file per action
 * (`action({ ... })`), and this table is the one place that lists them.
 */
export function defineActions<A extends Record<string, AnyAction>>(table: A) {
  return actionTable(table, false);
}

/** Like defineActions, but also open to anonymous web callers (actions declared with `Caller`). */
export function definePublicActions<A extends Record<string, AnyAction>>(table: A) {
  return actionTable(table, true);
}

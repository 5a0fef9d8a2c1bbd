import cloud from 'wx-server-sdk';
import { AppError, toErrorBody } from './errors';
import type { Database } from './db';
import type { CloudResult } from './result';
import { eventObject, type Fields } from './validate';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

/** Who is calling, read only from the platform (never from `event`). */
export interface Caller {
  openid?: string;
  appid?: string;
  unionid?: string;
  /** Set for anonymous web calls (Cloud Development web SDK). */
  clientIp?: string;
}

export interface Context<C extends Caller = Caller> {
  caller: C;
  db: Database;
  /** wx-server-sdk itself, for storage and `cloud.openapi`. */
  cloud: typeof cloud;
}

/** A caller with a WeChat identity (every function except the anonymous-web ones). */
export type UserCaller = Caller & { openid: string };

interface Spec<E, T, C extends Caller> {
  /** Validate every field of the event; throw AppError on bad input. */
  parse: (fields: Fields) => E;
  /** The function's work, with a validated event and the caller's identity. */
  run: (event: E, context: Context<C>) => Promise<T> | T;
}

function readCaller(): Caller {
  const context = cloud.getWXContext() as Record<string, unknown>;
  const text = (value: unknown): string | undefined =>
    typeof value === 'string' && value !== '' ? value : undefined;
  return {
    openid: text(context.OPENID),
    appid: text(context.APPID),
    unionid: text(context.UNIONID),
    clientIp: text(context.CLIENTIP),
  };
}

function wrap<E, T>(spec: Spec<E, T, Caller>, requireUser: boolean) {
  return async (event: unknown): Promise<CloudResult<T>> => {
    try {
      const parsed = spec.parse(eventObject(event));
      const caller = readCaller();
      if (requireUser && !caller.openid) {
        throw new AppError('UNAUTHENTICATED', '请在微信小程序内使用');
      }
      const data = await spec.run(parsed, { caller, db: cloud.database() as unknown as Database, cloud });
      return { ok: true, data };
    } catch (error) {
      return { ok: false, error: toErrorBody(error) };
    }
  };
}

/**
 * The shared before/after step of every cloud function: validate the event, read the
 * caller from the platform, run, and normalise any failure into the one error shape.
 * The caller must have an openid (a call from inside the mini-program).
 */
export function defineFunction<E, T>(spec: Spec<E, T, UserCaller>) {
  return wrap(spec as Spec<E, T, Caller>, true);
}

/** Like defineFunction, but also open to anonymous web callers (identified by clientIp). */
export function definePublicFunction<E, T>(spec: Spec<E, T, Caller>) {
  return wrap(spec, false);
}

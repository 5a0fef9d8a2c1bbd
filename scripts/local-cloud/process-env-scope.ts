import { currentInvocation } from './invocation-context';

/**
 * wx-server-sdk's getWXContext() reads `process.env`. While at least one invocation runs,
 * `process.env` is replaced by a Proxy over the original object: inside an invocation,
 * every `WX_*` key and the TCB keys below resolve to that invocation's values only
 * (unset ones read as undefined, so the outer environment never leaks in); everywhere
 * else, and for every other key, reads and writes go to the original object. When the
 * last invocation ends the original object is put back, so nothing is left behind.
 */
const SCOPED_KEYS = new Set([
  'TCB_ENV',
  'TCB_SOURCE',
  'SCF_NAMESPACE',
  'TCB_CONTEXT_KEYS',
  'TCB_UUID',
  'TCB_SOURCE_IP',
  'TCB_ISANONYMOUS_USER',
]);

function isScoped(key: string | symbol): key is string {
  return typeof key === 'string' && (key.startsWith('WX_') || SCOPED_KEYS.has(key));
}

function scopedEnv(): Readonly<Record<string, string>> | undefined {
  return currentInvocation()?.env;
}

function createEnvProxy(original: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return new Proxy(original, {
    get(target, key, receiver) {
      const env = scopedEnv();
      if (env && isScoped(key)) return Object.prototype.hasOwnProperty.call(env, key) ? env[key] : undefined;
      return Reflect.get(target, key, receiver);
    },
    has(target, key) {
      const env = scopedEnv();
      if (env && isScoped(key)) return Object.prototype.hasOwnProperty.call(env, key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      const env = scopedEnv();
      const keys = Reflect.ownKeys(target);
      if (!env) return keys;
      return [...keys.filter((key) => !isScoped(key)), ...Object.keys(env)];
    },
    getOwnPropertyDescriptor(target, key) {
      const env = scopedEnv();
      if (env && isScoped(key)) {
        if (!Object.prototype.hasOwnProperty.call(env, key)) return undefined;
        return { value: env[key], writable: true, enumerable: true, configurable: true };
      }
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
}

let active = 0;
let original: NodeJS.ProcessEnv | undefined;
let proxy: NodeJS.ProcessEnv | undefined;

function enter(): void {
  if (active === 0) {
    original = process.env;
    proxy = createEnvProxy(original);
    process.env = proxy;
  }
  active += 1;
}

function leave(): void {
  active -= 1;
  if (active > 0) return;
  // Someone may have replaced process.env meanwhile: only undo our own replacement.
  if (process.env === proxy && original) process.env = original;
  original = undefined;
  proxy = undefined;
}

/** Runs `fn` with the scoped `process.env` installed; the caller sets the invocation. */
export async function withScopedProcessEnv<T>(fn: () => Promise<T>): Promise<T> {
  enter();
  try {
    return await fn();
  } finally {
    leave();
  }
}

/** How many invocations currently hold the scoped environment (for tests). */
export function scopedEnvHolders(): number {
  return active;
}

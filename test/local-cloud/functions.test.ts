/** @jest-environment node */
import path from 'path';
import { CloudSdkError, ErrCode, LocalCloud, OpenApiError } from '../../scripts/local-cloud';
import { scopedEnvHolders } from '../../scripts/local-cloud/process-env-scope';
import { closingAfterEach } from '../support/cloud';

const fixtures = path.join(__dirname, 'fixtures');

interface EchoResult {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  wxKeys: string[];
  event: Record<string, unknown>;
}

interface PingBody {
  ok: boolean;
  data: { openid: string; appid?: string; unionid?: string; echo?: string; visits: number };
}

async function rejection(promise: Promise<unknown>): Promise<CloudSdkError> {
  try {
    await promise;
  } catch (error) {
    return error as CloudSdkError;
  }
  throw new Error('expected a rejection');
}

const newCloud = closingAfterEach();

describe('the real ping function', () => {
  it('sees the caller through getWXContext and counts visits in the database', async () => {
    let clock = Date.UTC(2024, 0, 1);
    const cloud = newCloud({ now: () => clock });
    const alice = { OPENID: 'o-alice', APPID: 'wx-test', UNIONID: 'u-alice' };
    await cloud.callFunction('login', {}, alice); // visits are counted for account holders

    const first = (await cloud.callFunction('ping', { echo: 'hi' }, alice)) as PingBody;
    clock += 1000;
    const second = (await cloud.callFunction('ping', {}, alice)) as PingBody;

    expect(first).toEqual({
      ok: true,
      data: { openid: 'o-alice', appid: 'wx-test', unionid: 'u-alice', echo: 'hi', visits: 1 },
    });
    expect(second.data.visits).toBe(2);
    const { data } = await cloud.database.collection('pings').doc('o-alice').get();
    expect(data).toEqual({ _id: 'o-alice', count: 2, lastAt: new Date(Date.UTC(2024, 0, 1) + 1000) });
  });

  it('keeps a second identity apart', async () => {
    const cloud = newCloud();
    await cloud.callFunction('login', {}, { OPENID: 'o-alice' });
    await cloud.callFunction('login', {}, { OPENID: 'o-bob' });
    await cloud.callFunction('ping', {}, { OPENID: 'o-alice' });
    await cloud.callFunction('ping', {}, { OPENID: 'o-alice' });
    const bob = (await cloud.callFunction('ping', {}, { OPENID: 'o-bob' })) as PingBody;

    expect(bob.data).toMatchObject({ openid: 'o-bob', visits: 1 });
    expect((await cloud.database.collection('pings').count()).total).toBe(2);
  });

  it('refuses an anonymous caller (no OPENID) without touching the database', async () => {
    const cloud = newCloud();
    const result = await cloud.callFunction('ping', {}, { CLIENTIP: '10.0.0.8' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: '请在微信小程序内使用' },
    });
    expect((await cloud.database.collection('pings').count()).total).toBe(0);
  });

  it('lists the project functions', () => {
    expect(newCloud().functionNames()).toContain('ping');
  });
});

describe('identity isolation', () => {
  it('gives every concurrent invocation its own identity, across interleaved awaits', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'], envId: 'test-env' });
    const callers = Array.from({ length: 30 }, (_, i) => ({
      OPENID: `o-user-${i}`,
      APPID: `wx-app-${i % 3}`,
    }));

    const results = (await Promise.all(
      // Later callers finish first, so the reads of all invocations interleave.
      callers.map((caller, i) => cloud.callFunction('identity-echo', { delayMs: 30 - i }, caller)),
    )) as EchoResult[];

    results.forEach((result, i) => {
      const expected = { OPENID: `o-user-${i}`, APPID: `wx-app-${i % 3}`, ENV: 'test-env' };
      expect(result.before).toEqual(expected);
      expect(result.after).toEqual(expected);
    });
  });

  it('shows only the WX_ variables of the invocation and leaves process.env as it was', async () => {
    const originalEnv = process.env;
    process.env.WX_OUTER_SECRET = 'outer';
    try {
      const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
      const result = (await cloud.callFunction(
        'identity-echo',
        {},
        { OPENID: 'o-1', CLIENTIP: '1.2.3.4' },
      )) as EchoResult;

      expect(result.before).toEqual({ OPENID: 'o-1', CLIENTIP: '1.2.3.4', ENV: 'local-env' });
      expect(result.wxKeys.sort()).toEqual(['WX_CLIENTIP', 'WX_CONTEXT_KEYS', 'WX_OPENID']);
      expect(process.env).toBe(originalEnv);
      expect(scopedEnvHolders()).toBe(0);
      expect(Object.keys(process.env).filter((key) => key.startsWith('WX_'))).toEqual(['WX_OUTER_SECRET']);
      expect(process.env.TCB_ENV).toBeUndefined();
    } finally {
      delete process.env.WX_OUTER_SECRET;
    }
  });

  it('reads the outer environment again while an invocation is still running elsewhere', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    // Long enough that a busy CI machine cannot finish it before the checks below.
    const running = cloud.callFunction('identity-echo', { delayMs: 500 }, { OPENID: 'o-running' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    // The proxy is installed now, but this code is not inside the invocation.
    expect(scopedEnvHolders()).toBe(1);
    expect(process.env.WX_OPENID).toBeUndefined();
    expect(process.env.WX_CONTEXT_KEYS).toBeUndefined();
    await running;
    expect(scopedEnvHolders()).toBe(0);
  });

  it('does not mix two LocalCloud instances running at the same time', async () => {
    const first = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    const second = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    await Promise.all([
      first.callFunction('db-at-load', { text: 'first-a' }, { OPENID: 'o-1' }),
      second.callFunction('db-at-load', { text: 'second-a' }, { OPENID: 'o-1' }),
      first.callFunction('db-at-load', { text: 'first-b' }, { OPENID: 'o-1' }),
    ]);
    const texts = async (cloud: LocalCloud) =>
      (await cloud.database.collection('notes').orderBy('text', 'asc').get()).data.map((note) => note.text);
    expect(await texts(first)).toEqual(['first-a', 'first-b']);
    expect(await texts(second)).toEqual(['second-a']);
  });

  it('keeps serving functions reloaded after jest.resetModules() (a fresh wx-server-sdk)', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    expect(await cloud.callFunction('db-at-load', { text: 'before' }, { OPENID: 'o-r' })).toEqual(['before']);
    jest.resetModules();
    expect(await cloud.callFunction('db-at-load', { text: 'after' }, { OPENID: 'o-r' })).toEqual([
      'before',
      'after',
    ]);
  });

  it('passes the caller on to a function called through cloud.callFunction', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    const result = (await cloud.callFunction(
      'caller',
      {},
      { OPENID: 'o-nested', APPID: 'wx-n' },
    )) as EchoResult;
    expect(result.after).toEqual({ OPENID: 'o-nested', APPID: 'wx-n', ENV: 'local-env' });
  });
});

interface WebEcho {
  wxContext: Record<string, unknown>;
  tcbEnv: Record<string, string>;
  environ: string;
  environment: Record<string, string>;
  nodeSdk: { fromContext: Record<string, unknown>; fromProcessEnv: Record<string, unknown> };
}

describe('web callers (CloudBase web SDK), as CloudBase presents them', () => {
  const web = { TCB_UUID: 'anon-user-1', TCB_SOURCE_IP: '203.0.113.7' };

  it('sets TCB_* variables named in TCB_CONTEXT_KEYS, in process.env and in the context', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'], envId: 'web-env' });
    const result = (await cloud.callFunction('web-caller-echo', {}, web)) as WebEcho;
    const expected = {
      TCB_UUID: 'anon-user-1',
      TCB_SOURCE_IP: '203.0.113.7',
      TCB_ISANONYMOUS_USER: 'true',
      TCB_SOURCE: 'web',
      TCB_CONTEXT_KEYS: 'TCB_UUID,TCB_SOURCE_IP,TCB_ISANONYMOUS_USER,TCB_SOURCE',
      TCB_ENV: 'web-env',
    };
    expect(result.tcbEnv).toEqual(expected);
    expect(result.environment).toEqual({ ...expected, WX_CONTEXT_KEYS: '' });
    expect(result.environ.split(';').sort()).toEqual(
      Object.entries({ ...expected, WX_CONTEXT_KEYS: '' })
        .map(([key, value]) => `${key}=${value}`)
        .sort(),
    );
    // No CLIENTIP: WeChat documents it for mini-program callers only.
    expect(result.wxContext).toEqual({});
    expect(JSON.stringify(result)).not.toContain('WX_CLIENTIP');
  });

  it('is read by @cloudbase/node-sdk the way its auth.getClientIP() / getUserInfo() read it', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    const { nodeSdk } = (await cloud.callFunction('web-caller-echo', {}, web)) as WebEcho;
    const seen = { TCB_UUID: 'anon-user-1', TCB_SOURCE_IP: '203.0.113.7', TCB_ISANONYMOUS_USER: 'true' };
    expect(nodeSdk.fromContext).toEqual(seen);
    expect(nodeSdk.fromProcessEnv).toEqual(seen);
  });

  it('omits TCB_UUID when the web caller has none', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    const result = (await cloud.callFunction(
      'web-caller-echo',
      {},
      { TCB_SOURCE_IP: '127.0.0.1' },
    )) as WebEcho;
    expect(result.tcbEnv.TCB_CONTEXT_KEYS).toBe('TCB_SOURCE_IP,TCB_ISANONYMOUS_USER,TCB_SOURCE');
    expect(result.tcbEnv.TCB_UUID).toBeUndefined();
    expect(result.nodeSdk.fromContext.TCB_SOURCE_IP).toBe('127.0.0.1');
  });

  it('keeps mini-program callers as they were: WX_* only, no web variables', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    const result = (await cloud.callFunction(
      'web-caller-echo',
      {},
      { OPENID: 'o-1', CLIENTIP: '10.0.0.1' },
    )) as WebEcho;
    expect(result.wxContext).toEqual({ OPENID: 'o-1', CLIENTIP: '10.0.0.1', ENV: 'local-env' });
    expect(result.tcbEnv).toEqual({ TCB_ENV: 'local-env' });
    expect(result.nodeSdk.fromContext).toEqual({ WX_CLIENTIP: '10.0.0.1' });
  });

  it('never leaks one invocation’s web variables into another or into the outer process.env', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    const [a, b] = (await Promise.all([
      cloud.callFunction('web-caller-echo', {}, { TCB_UUID: 'user-a', TCB_SOURCE_IP: '198.51.100.1' }),
      cloud.callFunction('web-caller-echo', {}, { TCB_UUID: 'user-b', TCB_SOURCE_IP: '198.51.100.2' }),
    ])) as WebEcho[];
    expect(a.tcbEnv.TCB_UUID).toBe('user-a');
    expect(b.tcbEnv.TCB_UUID).toBe('user-b');
    expect(process.env.TCB_UUID).toBeUndefined();
    expect(process.env.TCB_CONTEXT_KEYS).toBeUndefined();
  });

  it('refuses a caller that is both a mini-program user and a web caller', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    await expect(
      cloud.callFunction('web-caller-echo', {}, { OPENID: 'o-1', TCB_SOURCE_IP: '1.2.3.4' }),
    ).rejects.toThrow('not both');
  });
});

describe('the event and the result', () => {
  it('passes the event as JSON plus the userInfo the platform adds', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    const data = { delayMs: 0, when: new Date(0), nested: { a: 1 } };
    const result = (await cloud.callFunction('identity-echo', data, {
      OPENID: 'o-1',
      APPID: 'wx-a',
    })) as EchoResult;
    expect(result.event).toEqual({
      delayMs: 0,
      when: '1970-01-01T00:00:00.000Z',
      nested: { a: 1 },
      userInfo: { appId: 'wx-a', openId: 'o-1' },
    });
  });

  it('returns the result as JSON, as the platform does', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    expect(await cloud.callFunction('returns-date', {}, {})).toEqual({
      at: '1970-01-01T00:00:00.000Z',
      list: [1, null],
    });
  });

  it('refuses an identity with unknown keys or non-string values', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    await expect(cloud.callFunction('returns-date', {}, { OPENID: 1 } as never)).rejects.toThrow(
      'identity.OPENID',
    );
    await expect(cloud.callFunction('returns-date', {}, { openid: 'x' } as never)).rejects.toThrow(
      'unknown identity key',
    );
  });
});

describe('errors', () => {
  it('rejects an unknown function with -501000', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    const error = await rejection(cloud.callFunction('does-not-exist', {}, {}));
    expect(error).toBeInstanceOf(CloudSdkError);
    expect(error.errCode).toBe(-501000);
    expect(error.errMsg).toContain('does-not-exist');
  });

  it.each([['../fixtures/boom'], ['.hidden'], ['a/b'], [''], ['x'.repeat(61)], ['na me']])(
    'refuses the function name %j',
    async (name) => {
      const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
      const error = await rejection(cloud.callFunction(name, {}, {}));
      expect(error.errCode).toBe(ErrCode.INVALID_PARAM);
    },
  );

  it('treats folders starting with "." or without an index file as no function', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    expect(cloud.functionNames()).not.toContain('.hidden');
    expect(cloud.functionNames()).not.toContain('not-a-function-folder');
    expect(cloud.functionNames()).toContain('identity-echo');
    expect((await rejection(cloud.callFunction('not-a-function-folder', {}, {}))).errCode).toBe(-501000);
  });

  it('rejects a throwing function with -504002 and its message', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    const error = await rejection(cloud.callFunction('boom', {}, { OPENID: 'o-1' }));
    expect(error.errCode).toBe(-504002);
    expect(error.errMsg).toContain('boom: the kettle exploded');
    expect(error.message).toContain('errCode: -504002');
    expect((error as { cause?: Error }).cause?.message).toBe('boom: the kettle exploded');
  });

  it('rejects a module without main with -504002', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    const error = await rejection(cloud.callFunction('no-main', {}, {}));
    expect(error.errCode).toBe(-504002);
    expect(error.errMsg).toContain('does not export a main function');
  });

  it('stops waiting for a function after its time limit', async () => {
    // Wide margins both ways: a loaded machine may pause for a few hundred ms.
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'], timeoutMs: 1000 });
    await expect(cloud.callFunction('slow', { ms: 5 }, {})).resolves.toBe('done');
    const error = await rejection(cloud.callFunction('slow', { ms: 3000 }, {}));
    expect(error.errCode).toBe(ErrCode.FUNCTION_TIMEOUT);
  });

  it('measures the time limit in real time, whatever jest fake timers do', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'], timeoutMs: 3000 });
    jest.useFakeTimers();
    try {
      const call = cloud.callFunction('slow', { ms: 5000 }, {});
      // Five fake seconds pass at once: the function's own timer fires, the time limit does not.
      await jest.advanceTimersByTimeAsync(6000);
      await expect(call).resolves.toBe('done');
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses calls after close()', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    cloud.close();
    await expect(cloud.callFunction('returns-date', {}, {})).rejects.toThrow('after close()');
  });
});

describe('load modes', () => {
  it('source loads index.ts, built loads index.js, auto prefers index.js', async () => {
    const source = newCloud({ functionsRoot: fixtures, collections: ['notes'], load: 'source' });
    const built = newCloud({ functionsRoot: fixtures, collections: ['notes'], load: 'built' });
    const auto = newCloud({ functionsRoot: fixtures, collections: ['notes'], load: 'auto' });
    expect(await source.callFunction('dual', {}, {})).toBe('from index.ts');
    expect(await built.callFunction('dual', {}, {})).toBe('from index.js');
    expect(await auto.callFunction('dual', {}, {})).toBe('from index.js');
    expect(await auto.callFunction('identity-echo', {}, {})).toMatchObject({ before: {} });
    expect(await built.callFunction('built-only', { a: 1 }, {})).toEqual({ built: true, event: { a: 1 } });
    expect((await rejection(source.callFunction('built-only', {}, {}))).errCode).toBe(-501000);
    expect((await rejection(built.callFunction('identity-echo', {}, {}))).errCode).toBe(-501000);
    expect(source.functionNames()).not.toContain('built-only');
    expect(built.functionNames()).toEqual(['built-only', 'dual']);
  });
});

describe('wx-server-sdk outside an invocation', () => {
  it('fails clearly instead of reaching a runtime', async () => {
    newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require('wx-server-sdk') as typeof import('wx-server-sdk');
    await expect(sdk.database().collection('pings').get()).rejects.toThrow('outside a LocalCloud invocation');
    await expect(sdk.uploadFile({ cloudPath: 'a.txt', fileContent: Buffer.from('x') })).rejects.toThrow(
      'outside a LocalCloud invocation',
    );
    await expect(sdk.openapi.urlscheme.generate({})).rejects.toThrow('outside a LocalCloud invocation');
  });

  it('is the SDK again once every LocalCloud is closed', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require('wx-server-sdk') as Record<string, unknown>;
    const cloud = new LocalCloud({ functionsRoot: fixtures, collections: ['notes'] });
    const patched = sdk.database;
    cloud.close();
    expect(sdk.database).not.toBe(patched);
    expect(String(sdk.database)).not.toContain('routingDatabase');
  });
});

describe('OpenAPI stand-ins', () => {
  it('route cloud.openapi.<ns>.<api> to the registered stand-in with the caller and the clock', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'], now: () => 1234 });
    const seen: unknown[] = [];
    cloud.openapi.register('urlscheme.generate', (params, { identity, now, name }) => {
      seen.push({ params, identity, now: now(), name });
      return { openlink: 'weixin://dl/business/?t=TEST' };
    });
    const result = await cloud.callFunction('openapi-user', { path: 'pages/home/index' }, { OPENID: 'o-1' });
    expect(result).toEqual({
      ok: true,
      result: {
        openlink: 'weixin://dl/business/?t=TEST',
        errMsg: 'openapi.urlscheme.generate:ok',
        errCode: 0,
      },
    });
    expect(seen).toEqual([
      {
        params: { jumpWxa: { path: 'pages/home/index' } },
        identity: { OPENID: 'o-1' },
        now: 1234,
        name: 'urlscheme.generate',
      },
    ]);
  });

  it('fail like the SDK when a stand-in answers with a WeChat error', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    cloud.openapi.register('urlscheme.generate', () => {
      throw new OpenApiError(40165, 'invalid weapp pagepath');
    });
    expect(await cloud.callFunction('openapi-user', { path: 'nope' }, {})).toEqual({
      ok: false,
      errCode: 40165,
      errMsg: 'openapi.urlscheme.generate:fail invalid weapp pagepath',
    });
  });

  it('reject an API without a stand-in with -604100', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    cloud.openapi.unregister('urlscheme.generate'); // a built-in stand-in since issue 7
    const result = (await cloud.callFunction('openapi-user', { path: 'x' }, {})) as {
      errCode: number;
      errMsg: string;
    };
    expect(result.errCode).toBe(-604100);
    expect(result.errMsg).toContain("register('urlscheme.generate'");
  });

  it('refuse invalid names', () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    expect(() => cloud.openapi.register('generate', () => ({}))).toThrow('invalid API name');
  });
});

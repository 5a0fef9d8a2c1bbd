/** @jest-environment node */
import path from 'path';
import { CloudSdkError, ErrCode, type IoStep } from '../../scripts/local-cloud';
import { closingAfterEach } from '../support/cloud';

const fixtures = path.join(__dirname, 'fixtures');
const newCloud = closingAfterEach();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type LateOutcome = { step: string; error?: { errCode?: number; message: string } };
// The fixture module is loaded through jest's registry, the same one this file uses.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lateWriter = require('./fixtures/late-writer') as { outcomes: LateOutcome[] };

async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('waitFor: timed out');
    await sleep(10);
  }
}

describe('an invocation that has timed out or finished', () => {
  beforeEach(() => lateWriter.outcomes.splice(0));

  it('can no longer write after its time limit: the write never lands', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'], timeoutMs: 150 });
    const call = cloud.callFunction(
      'late-writer',
      { mode: 'wait', waitMs: 400, tag: 'late' },
      { OPENID: 'o-1' },
    );
    await expect(call).rejects.toMatchObject({ errCode: ErrCode.FUNCTION_TIMEOUT });

    // The function wakes up after its time limit and tries every kind of I/O.
    await waitFor(() => lateWriter.outcomes.length === 4);
    expect(lateWriter.outcomes.map((outcome) => outcome.step)).toEqual([
      'database add',
      'storage upload',
      'openapi',
      'callFunction',
    ]);
    for (const outcome of lateWriter.outcomes) {
      expect(outcome.error?.errCode).toBe(ErrCode.FUNCTION_TIMEOUT);
      expect(outcome.error?.message).toContain('has timed out');
    }
    expect((await cloud.database.collection('notes').count()).total).toBe(0);
    expect(cloud.storage.list('late/')).toEqual([]);
    expect(cloud.standIns.security.checked).toEqual([]);
  });

  it('can no longer write once it has answered (work left running in the background)', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    await expect(
      cloud.callFunction('late-writer', { mode: 'background', waitMs: 50, tag: 'bg' }, { OPENID: 'o-1' }),
    ).resolves.toBe('answered');
    await waitFor(() => lateWriter.outcomes.length === 4);
    for (const outcome of lateWriter.outcomes) {
      expect(outcome.error?.errCode).toBe(ErrCode.FUNCTION_EXECUTE_FAIL);
      expect(outcome.error?.message).toContain('has already ended');
    }
    expect((await cloud.database.collection('notes').count()).total).toBe(0);
    expect(cloud.storage.list('late/')).toEqual([]);
  });

  it('writes normally while it runs', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'], timeoutMs: 2000 });
    await expect(
      cloud.callFunction('late-writer', { mode: 'wait', waitMs: 5, tag: 'on-time' }, { OPENID: 'o-1' }),
    ).resolves.toBe('wrote');
    expect(lateWriter.outcomes.map((outcome) => outcome.error)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect((await cloud.database.collection('notes').where({ tag: 'on-time' }).count()).total).toBe(1);
    expect(cloud.storage.list('late/').map((file) => file.cloudPath)).toEqual(['late/on-time.txt']);
  });

  it('leaves the LocalCloud instance itself usable after a time-out', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'], timeoutMs: 50 });
    await expect(
      cloud.callFunction('late-writer', { mode: 'wait', waitMs: 200, tag: 'x' }, {}),
    ).rejects.toBeInstanceOf(CloudSdkError);
    await cloud.database.collection('notes').add({ data: { tag: 'from the test' } });
    expect((await cloud.database.collection('notes').count()).total).toBe(1);
  });
});

describe('the I/O hook', () => {
  const everyStep = [
    ['database', 'add', 'notes'],
    ['database', 'get', 'notes'],
    ['database', 'set', 'notes'],
    ['database', 'update', 'notes'],
    ['database', 'get', 'notes'],
    ['database', 'count', 'notes'],
    ['database', 'update', 'notes'],
    ['database', 'remove', 'notes'],
    ['database', 'remove', 'notes'],
    ['storage', 'uploadFile', undefined],
    ['storage', 'getTempFileURL', undefined],
    ['storage', 'downloadFile', undefined],
    ['storage', 'deleteFile', undefined],
    ['openapi', 'security.msgSecCheck', undefined],
  ] as const;

  it('sees every I/O step of a function, before and after, in order', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    const steps: IoStep[] = [];
    cloud.setIoHook((step) => {
      steps.push(step);
    });
    const outcomes = (await cloud.callFunction('io-user', {}, { OPENID: 'o-io' })) as Record<string, string>;
    expect(outcomes).toEqual(Object.fromEntries(Object.keys(outcomes).map((name) => [name, 'ok'])));
    const expected = everyStep.flatMap(([kind, operation, collection]) =>
      (['before', 'after'] as const).map((phase) => ({
        kind,
        operation,
        ...(collection ? { collection } : {}),
        functionName: 'io-user',
        phase,
      })),
    );
    expect(steps).toEqual(expected);
  });

  it('fails a step whose "before" throws: the function sees that error and nothing is written', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    const injected = Object.assign(new Error('injected: database unavailable'), { errCode: -1 });
    cloud.setIoHook((step) => {
      if (step.phase === 'before' && step.operation === 'add') throw injected;
    });
    const outcomes = (await cloud.callFunction('io-user', {}, { OPENID: 'o-io' })) as Record<string, string>;
    expect(outcomes.add).toBe('injected: database unavailable');
    expect(outcomes['doc.get']).toContain('does not exist');
    expect(await cloud.database.collection('notes').where({ text: 'first' }).count()).toMatchObject({
      total: 0,
    });
  });

  it('keeps the effect of a step whose "after" throws (the reply was lost)', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    cloud.setIoHook(async (step) => {
      if (step.phase === 'after' && step.operation === 'add') throw new Error('injected: connection reset');
      if (step.phase === 'after' && step.operation === 'uploadFile')
        throw new Error('injected: upload reply lost');
    });
    await expect(
      cloud.callFunction('io-user', { stopAtFirstError: true }, { OPENID: 'o-io' }),
    ).rejects.toMatchObject({
      errCode: ErrCode.FUNCTION_EXECUTE_FAIL,
      errMsg: expect.stringContaining('injected: connection reset'),
    });
    expect((await cloud.database.collection('notes').doc('n1').get()).data).toEqual({
      _id: 'n1',
      text: 'first',
    });

    const outcomes = (await cloud.callFunction('io-user', {}, { OPENID: 'o-io-2' })) as Record<
      string,
      string
    >;
    expect(outcomes.uploadFile).toBe('injected: upload reply lost');
    expect(cloud.storage.list('io/').map((file) => file.cloudPath)).toEqual(['io/a.txt']);
  });

  it('fails OpenAPI and storage steps too, before they happen', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    cloud.setIoHook((step) => {
      if (step.phase === 'before' && (step.kind === 'openapi' || step.operation === 'deleteFile')) {
        throw new Error(`injected: ${step.operation} down`);
      }
    });
    const outcomes = (await cloud.callFunction('io-user', {}, { OPENID: 'o-io' })) as Record<string, string>;
    expect(outcomes.openapi).toBe('injected: security.msgSecCheck down');
    expect(outcomes.deleteFile).toBe('injected: deleteFile down');
    expect(cloud.standIns.security.checked).toEqual([]);
    expect(cloud.storage.list('io/')).toHaveLength(1);
  });

  it('adds latency when it returns a promise that resolves later', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    cloud.setIoHook(async (step) => {
      if (step.phase === 'before' && step.kind === 'database') await sleep(10);
    });
    const started = Date.now();
    await cloud.callFunction('io-user', {}, { OPENID: 'o-io' });
    // Nine database steps, 10 ms each at least.
    expect(Date.now() - started).toBeGreaterThanOrEqual(85);
  });

  it('is not called for the test’s own use of cloud.database and cloud.storage, and can be removed', async () => {
    const cloud = newCloud({ functionsRoot: fixtures, collections: ['notes'] });
    const steps: IoStep[] = [];
    cloud.setIoHook((step) => {
      steps.push(step);
    });
    await cloud.database.collection('notes').add({ data: { text: 'set-up' } });
    cloud.storage.upload({ cloudPath: 'set-up.txt', content: Buffer.from('x') });
    expect(steps).toEqual([]);
    cloud.setIoHook();
    await cloud.callFunction('io-user', {}, { OPENID: 'o-io' });
    expect(steps).toEqual([]);
    expect(() => cloud.setIoHook('nope' as never)).toThrow('must be a function');
  });
});

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import path from 'path';
import { LocalCloud } from '../../scripts/local-cloud';
import { currentFakeWx, installFakeWx, type WxError } from '../support/fake-wx';

interface PingData {
  openid: string;
  appid?: string;
  unionid?: string;
  echo?: string;
  visits: number;
}
type CallResult<T> = { result: T; errMsg: string; requestID: string };

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function ping(echo?: string): Promise<CallResult<{ ok: true; data: PingData }>> {
  return wx.cloud.callFunction({
    name: 'ping',
    data: echo === undefined ? {} : { echo },
  }) as unknown as Promise<CallResult<{ ok: true; data: PingData }>>;
}

/** Gives the current fake user an account (ping counts visits of account holders only). */
async function signUp(): Promise<void> {
  const fake = currentFakeWx();
  await fake.cloud.local.callFunction('login', {}, { OPENID: fake.user.openid, APPID: fake.appId });
}

const failure = (promise: Promise<unknown>): Promise<WxError> =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: WxError) => error,
  );

describe('fake wx.cloud', () => {
  it('fails clearly when used before wx.cloud.init', async () => {
    const err = await failure(ping());
    expect(err).toEqual({
      errCode: -1,
      errMsg:
        "cloud.callFunction:fail errCode: -1 | errMsg: Cloud API isn't enabled, please call wx.cloud.init first",
    });
    expect(currentFakeWx().cloud.calls[0]).toMatchObject({ name: 'ping', outcome: 'fail' });
  });

  it("runs the real ping function with the fake user's identity", async () => {
    const fake = currentFakeWx();
    wx.cloud.init({ env: 'local-env', traceUser: true });
    expect(fake.cloud.initOptions).toEqual({ env: 'local-env', traceUser: true });

    await signUp();
    const first = await ping('hi');
    expect(first.errMsg).toBe('cloud.callFunction:ok');
    expect(first.requestID).toMatch(/^[0-9a-f]{32}$/);
    expect(first.result).toEqual({
      ok: true,
      data: { openid: fake.user.openid, appid: fake.appId, echo: 'hi', visits: 1 },
    });
    expect((await ping()).result.data.visits).toBe(2);
    expect(fake.cloud.calls.map((call) => [call.name, call.openid, call.outcome])).toEqual([
      ['ping', fake.user.openid, 'ok'],
      ['ping', fake.user.openid, 'ok'],
    ]);
  });

  it('switching user changes the openid the function sees (and unionid when bound)', async () => {
    const fake = currentFakeWx();
    wx.cloud.init({ env: 'local-env' });
    const first = fake.user.openid;
    await ping();
    fake.user = fake.newUser('bob', { unionid: true });
    await signUp();
    const asBob = await ping();
    expect(asBob.result.data).toEqual({
      openid: fake.user.openid,
      appid: fake.appId,
      unionid: fake.user.unionid,
      visits: 1,
    });
    expect(asBob.result.data.openid).not.toBe(first);
  });

  it('supports the callback form', async () => {
    wx.cloud.init({ env: 'local-env' });
    const success = jest.fn();
    const done = new Promise((complete) => {
      expect(wx.cloud.callFunction({ name: 'ping', data: {}, success, complete })).toBeUndefined();
    });
    await done;
    expect(success).toHaveBeenCalledWith(expect.objectContaining({ errMsg: 'cloud.callFunction:ok' }));
  });

  it('fails an unknown function with -501000', async () => {
    wx.cloud.init({ env: 'local-env' });
    const err = await failure(wx.cloud.callFunction({ name: 'nope' }) as unknown as Promise<unknown>);
    expect(err.errCode).toBe(-501000);
    expect(err.errMsg).toMatch(
      /^cloud\.callFunction:fail Error: errCode: -501000 \| errMsg: FunctionName parameter/,
    );
  });

  it('fails a function that throws with -504002', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fake-wx-functions-'));
    try {
      mkdirSync(path.join(root, 'boom'));
      writeFileSync(
        path.join(root, 'boom', 'index.js'),
        "exports.main = async () => { throw new Error('kaput'); };\n",
      );
      installFakeWx({ localCloud: () => new LocalCloud({ functionsRoot: root, load: 'built' }) });
      wx.cloud.init({ env: 'local-env' });
      const err = await failure(wx.cloud.callFunction({ name: 'boom' }) as unknown as Promise<unknown>);
      expect(err.errCode).toBe(-504002);
      expect(err.errMsg).toMatch(
        /^cloud\.callFunction:fail Error: errCode: -504002 \| errMsg: functions execute fail/,
      );
      expect(err.errMsg).toContain('kaput');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('fails with a network error when offline', async () => {
    const fake = currentFakeWx();
    wx.cloud.init({ env: 'local-env' });
    fake.network.offline = true;
    const err = await failure(ping());
    expect(err).toEqual({
      errCode: -1,
      errMsg: 'cloud.callFunction:fail request:fail -106:net::ERR_INTERNET_DISCONNECTED',
    });
    fake.network.offline = false;
    await expect(ping()).resolves.toMatchObject({ errMsg: 'cloud.callFunction:ok' });
  });

  it('holds responses until released', async () => {
    const fake = currentFakeWx();
    wx.cloud.init({ env: 'local-env' });
    await signUp();
    const release = fake.cloud.hold();
    const answered = jest.fn();
    ping().then(answered);
    expect(fake.cloud.held).toBe(1); // Counted as held from the moment it is sent.
    await fake.cloud.serverIdle();
    await flush();
    expect(fake.cloud.heldAnswers).toBe(1); // The server answered; the app has not heard yet.
    expect(answered).not.toHaveBeenCalled();
    expect((await fake.cloud.local.database.collection('pings').doc(fake.user.openid).get()).data.count).toBe(
      1,
    );
    release();
    release(); // Idempotent.
    await flush();
    expect(answered).toHaveBeenCalledWith(expect.objectContaining({ errMsg: 'cloud.callFunction:ok' }));
    expect(fake.cloud.held).toBe(0);
    expect(fake.cloud.inFlight).toBe(0);
  });

  it('never delivers a held response to a restarted app; init is forgotten', async () => {
    const fake = currentFakeWx();
    wx.cloud.init({ env: 'local-env' });
    await signUp();
    const release = fake.cloud.hold();
    const answered = jest.fn();
    ping().then(answered, answered);
    await fake.cloud.serverIdle();
    fake.restartApp();
    release();
    await flush();
    expect(answered).not.toHaveBeenCalled();
    expect(fake.cloud.initialized).toBe(false);
    // The server kept the visit.
    wx.cloud.init({ env: 'local-env' });
    expect((await ping()).result.data.visits).toBe(2);
  });

  it('uploads a temp file as the current user and gives a temp URL', async () => {
    const fake = currentFakeWx();
    wx.cloud.init({ env: 'local-env' });
    const filePath = fake.files.createTemp('png-bytes', 'png');
    const uploaded = (await wx.cloud.uploadFile({ cloudPath: 'avatars/a.png', filePath })) as unknown as {
      fileID: string;
      errMsg: string;
    };
    expect(uploaded.errMsg).toBe('cloud.uploadFile:ok');
    expect(uploaded.fileID).toMatch(/^cloud:\/\/local-env\..+\/avatars\/a\.png$/);
    expect(fake.cloud.uploads).toEqual([
      { cloudPath: 'avatars/a.png', filePath, openid: fake.user.openid, fileID: uploaded.fileID },
    ]);
    const local = fake.cloud.local as unknown as LocalCloud;
    expect(local.storage.owner(uploaded.fileID)).toBe(fake.user.openid);
    expect(local.storage.read(uploaded.fileID)?.toString()).toBe('png-bytes');

    const urls = (await wx.cloud.getTempFileURL({
      fileList: [uploaded.fileID, 'cloud://nope'],
    })) as unknown as {
      fileList: { fileID: string; tempFileURL: string; status: number }[];
    };
    expect(urls.fileList[0]).toMatchObject({ fileID: uploaded.fileID, status: 0 });
    expect(urls.fileList[0].tempFileURL).toMatch(/avatars\/a\.png$/);
    expect(urls.fileList[1]).toMatchObject({ status: -1, tempFileURL: '' });
  });

  it('fails to upload an unknown temp path', async () => {
    wx.cloud.init({ env: 'local-env' });
    const err = await failure(
      wx.cloud.uploadFile({
        cloudPath: 'a.jpg',
        filePath: 'http://tmp/missing.jpg',
      }) as unknown as Promise<unknown>,
    );
    expect(err).toEqual({
      errMsg: 'cloud.uploadFile:fail uploadFile:fail createUploadTask:fail file not found',
    });
  });

  it('lets a user delete only their own files', async () => {
    const fake = currentFakeWx();
    wx.cloud.init({ env: 'local-env' });
    const { fileID } = (await wx.cloud.uploadFile({
      cloudPath: 'x.jpg',
      filePath: fake.files.createTemp('x'),
    })) as unknown as { fileID: string };
    const owner = fake.user;
    fake.user = fake.newUser('mallory');
    const denied = (await wx.cloud.deleteFile({ fileList: [fileID] })) as unknown as {
      fileList: { status: number }[];
    };
    expect(denied.fileList[0].status).toBe(-1);
    fake.user = owner;
    const deleted = (await wx.cloud.deleteFile({ fileList: [fileID] })) as unknown as {
      fileList: { status: number }[];
      errMsg: string;
    };
    expect(deleted).toMatchObject({ errMsg: 'cloud.deleteFile:ok', fileList: [{ fileID, status: 0 }] });
  });
});

describe('fake wx.cloud.database() with the default client permission', () => {
  it('stamps _openid on add and limits reads and writes to own records', async () => {
    const fake = currentFakeWx();
    wx.cloud.init({ env: 'local-env' });
    const db = wx.cloud.database();
    const { _id } = (await db.collection('notes').add({ data: { text: 'mine', _openid: 'forged' } })) as {
      _id: string;
    };
    const alice = fake.user;
    const own = await db.collection('notes').doc(_id).get();
    expect(own.data).toMatchObject({ _id, text: 'mine', _openid: alice.openid });

    fake.user = fake.newUser('bob');
    await db.collection('notes').add({ data: { text: 'bob note' } });
    const bobView = await db.collection('notes').get();
    expect(bobView.data.map((doc) => doc.text)).toEqual(['bob note']);
    await expect(db.collection('notes').doc(_id).get()).rejects.toMatchObject({
      errMsg: `document.get:fail document with _id ${_id} does not exist`,
    });
    const update = await db
      .collection('notes')
      .doc(_id)
      .update({ data: { text: 'hacked' } });
    expect(update.stats.updated).toBe(0);
    const removed = await db.collection('notes').doc(_id).remove();
    expect(removed.stats.removed).toBe(0);

    fake.user = alice;
    expect((await db.collection('notes').doc(_id).get()).data.text).toBe('mine');
    expect((await db.collection('notes').where({ text: 'mine' }).count()).total).toBe(1);
    expect(
      (
        await db
          .collection('notes')
          .doc(_id)
          .update({ data: { text: 'edited' } })
      ).stats.updated,
    ).toBe(1);
    expect((await db.collection('notes').doc(_id).get()).data.text).toBe('edited');
  });

  it('returns at most 20 records per client query', async () => {
    const fake = currentFakeWx();
    wx.cloud.init({ env: 'local-env' });
    const server = fake.cloud.local.database;
    for (let i = 0; i < 25; i += 1)
      await server.collection('items').add({ data: { i, _openid: fake.user.openid } });
    const db = wx.cloud.database();
    expect((await db.collection('items').get()).data).toHaveLength(20);
    expect((await db.collection('items').limit(100).get()).data).toHaveLength(20);
    expect((await db.collection('items').skip(20).get()).data).toHaveLength(5);
  });
});

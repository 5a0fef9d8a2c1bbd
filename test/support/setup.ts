// Runs before every test: a fresh fake `wx` (see fake-wx.ts) and a fresh transport, so
// the app's services reach the local cloud runtime through the fake `wx.cloud`.
import { appConfig } from '../../miniprogram/config';
import { useTransport } from '../../miniprogram/services/cloud';
import { installFakeWx } from './fake-wx';

appConfig.cloudEnv = 'local-test';

beforeEach(() => {
  installFakeWx();
  useTransport(undefined);
});

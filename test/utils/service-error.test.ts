/** @jest-environment node */
import { ServiceError, toServiceError } from '../../miniprogram/utils/service-error';

describe('toServiceError', () => {
  it.each([
    [{ errMsg: 'cloud.callFunction:fail request:fail -106:net::ERR_INTERNET_DISCONNECTED' }, 'NETWORK'],
    [{ errMsg: 'request:fail timeout' }, 'NETWORK'],
    [
      {
        errCode: -501000,
        errMsg: 'cloud.callFunction:fail -501000 FunctionName parameter could not be found',
      },
      'FUNCTION_NOT_FOUND',
    ],
    [
      { errMsg: "errCode: -1 | errMsg: Cloud API isn't enabled, please call wx.cloud.init first" },
      'CLOUD_NOT_READY',
    ],
    [{ errCode: -504002, errMsg: 'cloud.callFunction:fail -504002 functions execute fail' }, 'INTERNAL'],
    [
      { errCode: -504003, errMsg: 'cloud.callFunction:fail -504003 Invoking task timed out after 3 seconds' },
      'TIMEOUT',
    ],
    [new Error('boom'), 'INTERNAL'],
    ['a string', 'INTERNAL'],
    [undefined, 'INTERNAL'],
  ])('maps %j to %s with a Chinese message', (input, code) => {
    const error = toServiceError(input);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('passes a ServiceError through unchanged', () => {
    const original = new ServiceError('LIMIT_EXCEEDED', '最多收藏 100 条内容');
    expect(toServiceError(original)).toBe(original);
  });
});

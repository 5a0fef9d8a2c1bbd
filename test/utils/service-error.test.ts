/** @jest-environment node */
import { ServiceError, surelyNotSaved, toServiceError } from '../../miniprogram/utils/service-error';

describe('toServiceError', () => {
  // The last column: whether the function may have run (and written) despite the failure.
  it.each([
    [{ errMsg: 'cloud.callFunction:fail request:fail -106:net::ERR_INTERNET_DISCONNECTED' }, 'NETWORK', true],
    [{ errMsg: 'request:fail timeout' }, 'NETWORK', true],
    [
      {
        errCode: -501000,
        errMsg: 'cloud.callFunction:fail -501000 FunctionName parameter could not be found',
      },
      'FUNCTION_NOT_FOUND',
      false,
    ],
    [
      { errMsg: "errCode: -1 | errMsg: Cloud API isn't enabled, please call wx.cloud.init first" },
      'CLOUD_NOT_READY',
      false,
    ],
    [
      { errCode: -504002, errMsg: 'cloud.callFunction:fail -504002 functions execute fail' },
      'INTERNAL',
      true,
    ],
    [
      { errCode: -504003, errMsg: 'cloud.callFunction:fail -504003 Invoking task timed out after 3 seconds' },
      'TIMEOUT',
      true,
    ],
    [new Error('boom'), 'INTERNAL', true],
    ['a string', 'INTERNAL', true],
    [undefined, 'INTERNAL', true],
  ])('maps %j to %s with a Chinese message (maybeSaved: %s)', (input, code, maybeSaved) => {
    const error = toServiceError(input);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(error.maybeSaved).toBe(maybeSaved);
    // A transport failure is never proof that nothing was saved.
    expect(error.fromServer).toBe(false);
    expect(surelyNotSaved(error)).toBe(false);
  });

  it('passes a ServiceError through unchanged', () => {
    const original = new ServiceError('LIMIT_EXCEEDED', '最多收藏 100 条内容');
    expect(toServiceError(original)).toBe(original);
  });
});

describe("a function's own error", () => {
  it('without maybeSaved means nothing was saved', () => {
    const error = ServiceError.fromBody({
      code: 'NICKNAME_REJECTED',
      message: '昵称包含不合适的内容，请换一个',
    });
    expect(error).toMatchObject({ code: 'NICKNAME_REJECTED', fromServer: true, maybeSaved: false });
    expect(surelyNotSaved(error)).toBe(true);
  });

  it('with maybeSaved means "re-read before acting"', () => {
    const error = ServiceError.fromBody({
      code: 'INTERNAL',
      message: '服务暂时不可用，请稍后重试',
      maybeSaved: true,
    });
    expect(error).toMatchObject({ code: 'INTERNAL', fromServer: true, maybeSaved: true });
    expect(surelyNotSaved(error)).toBe(false);
  });

  it('is the only thing surelyNotSaved accepts', () => {
    expect(surelyNotSaved(new ServiceError('UPLOAD_FAILED', '图片上传失败，请稍后重试'))).toBe(false);
    expect(surelyNotSaved(new Error('boom'))).toBe(false);
    expect(surelyNotSaved(undefined)).toBe(false);
  });
});

describe('DevTools domain check (local runtime without a cloud env)', () => {
  it('says what is wrong and where to change it, instead of "network unavailable"', () => {
    const failure = toServiceError({ errno: 600002, errMsg: 'request:fail url not in domain list' });
    expect(failure.code).toBe('DOMAIN_NOT_ALLOWED');
    expect(failure.message).toContain('不校验合法域名');
    expect(failure.message).toContain('miniprogram/config.ts');
    // The request never left: nothing can have been saved.
    expect(failure.maybeSaved).toBe(false);
    expect(toServiceError({ errMsg: 'request:fail url not in domain list' }).code).toBe('DOMAIN_NOT_ALLOWED');
  });
});

/** @jest-environment node */
import { AppError, toErrorBody } from '../../cloudfunctions/.shared/errors';
import { CLIENT_ERROR_CODES, ERROR_CODES, errorMessage } from '../../miniprogram/contracts/errors';
import { ServiceError } from '../../miniprogram/utils/service-error';

const HAN = /[\u4e00-\u9fff]/;

describe('the one list of error codes', () => {
  it('gives every code a Chinese message, and no code means two things', () => {
    const all = { ...ERROR_CODES, ...CLIENT_ERROR_CODES };
    expect(Object.keys(all)).toHaveLength(
      Object.keys(ERROR_CODES).length + Object.keys(CLIENT_ERROR_CODES).length,
    );
    for (const [code, message] of Object.entries(all)) {
      expect([code, HAN.test(message)]).toEqual([code, true]);
      expect(code).toMatch(/^[A-Z][A-Z_]+$/);
    }
  });

  it('is what a function answers when it names only the code', () => {
    expect(toErrorBody(new AppError('NICKNAME_REJECTED'))).toEqual({
      code: 'NICKNAME_REJECTED',
      message: '昵称包含不合适的内容，请换一个',
    });
    expect(new AppError('RATE_LIMITED', '操作过于频繁，请 3 秒后再试').message).toBe(
      '操作过于频繁，请 3 秒后再试',
    );
  });

  it('is what the client shows for its own failures and for a function answer without its own words', () => {
    expect(new ServiceError('NETWORK').message).toBe('网络不可用，请检查网络后重试');
    expect(new ServiceError('FORBIDDEN').message).toBe(ERROR_CODES.FORBIDDEN);
    expect(errorMessage('TIMEOUT')).toBe(CLIENT_ERROR_CODES.TIMEOUT);
    expect(errorMessage('INTERNAL')).toBe(ERROR_CODES.INTERNAL);
  });

  it('makes a misspelt code a type error on both sides (npm run typecheck fails otherwise)', () => {
    // @ts-expect-error: not a code of the list
    expect(() => new AppError('NOT_FOND')).not.toThrow();
    // @ts-expect-error: a client-only code is not something a function may answer
    expect(() => new AppError('NETWORK')).not.toThrow();
    // @ts-expect-error: not a code of the list
    expect(new ServiceError('UNAUTHENTICATD').code).toBe('UNAUTHENTICATD');
  });
});

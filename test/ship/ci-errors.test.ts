/** @jest-environment node */
/** WeChat's refusals, as developers report them, turned into the fix. */
import { explainCiError } from '../../scripts/ship/ci-errors';
import { FixableError } from '../../scripts/ship/command';

const context = { appid: 'wx0123456789abcdef', env: 'prod-1a2b' };
const explain = (message: string) => explainCiError(new Error(message), context).message;

describe('explainCiError', () => {
  it('the IP whitelist: names the IP and where to add it', () => {
    const message = explain('{"errCode":-10008,"errMsg":"invalid ip: 198.51.100.4, reference: https://…"}');
    expect(message).toMatch(
      /^本机 IP 198\.51\.100\.4 不在代码上传的 IP 白名单中：小程序管理后台 → 开发 → 开发管理 → 开发设置 → 小程序代码上传 → IP 白名单/,
    );
    expect(message).toContain('（微信返回：{"errCode":-10008');
  });

  it('a key that does not belong to the appid', () => {
    expect(explain('get new ticket fail: invalid signature')).toMatch(
      /^代码上传密钥与 AppID wx0123456789abcdef 不匹配或已失效[\s\S]*private\.wx0123456789abcdef\.key/,
    );
  });

  it('an environment that does not exist', () => {
    expect(explain('ResourceNotFound.Env: env not exist')).toMatch(
      /^云开发环境 prod-1a2b 不存在或不属于 wx0123456789abcdef[\s\S]*npm run deploy -- --env/,
    );
  });

  it('an appid WeChat does not accept', () => {
    expect(explain('errcode 40013: invalid appid')).toMatch(
      /^WeChat 不接受 AppID wx0123456789abcdef[\s\S]*npm run init -- --appid/,
    );
  });

  it('anything else keeps WeChat’s own text', () => {
    const error = explainCiError('socket hang up', context);
    expect(error).toBeInstanceOf(FixableError);
    expect(error.message).toBe('微信返回错误：socket hang up');
  });
});

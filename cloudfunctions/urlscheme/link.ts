import type { LinkResult } from '../../miniprogram/contracts/results';
import { action, type Caller } from '../.shared/handler';
import { RATE_LIMIT, expireAtOf, expiryParams, parseLinkParams, type LinkParams } from './params';
import { askWeChat, text } from './wechat';

/** `urllink.generate`: an `https://wxaurl.cn/...` URL Link. */
export const link = action<LinkParams, LinkResult, Caller>({
  parse: parseLinkParams,
  rateLimit: RATE_LIMIT,
  async run({ path, query, envVersion, expiry }, { cloud }) {
    const answer = await askWeChat(() =>
      cloud.openapi.urllink.generate({ path, query, envVersion, ...expiryParams(expiry) }),
    );
    return { urlLink: text(answer, 'urlLink'), expireAt: expireAtOf(expiry) };
  },
});

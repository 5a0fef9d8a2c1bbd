import type { SchemeResult } from '../../miniprogram/contracts/results';
import { action, type Caller } from '../.shared/handler';
import { RATE_LIMIT, expireAtOf, expiryParams, parseLinkParams, type LinkParams } from './params';
import { askWeChat, text } from './wechat';

/** `urlscheme.generate`: a `weixin://dl/business/?t=...` URL Scheme. */
export const scheme = action<LinkParams, SchemeResult, Caller>({
  parse: parseLinkParams,
  rateLimit: RATE_LIMIT,
  async run({ path, query, envVersion, expiry }, { cloud }) {
    const answer = await askWeChat(() =>
      cloud.openapi.urlscheme.generate({ jumpWxa: { path, query, envVersion }, ...expiryParams(expiry) }),
    );
    return { openlink: text(answer, 'openlink'), expireAt: expireAtOf(expiry) };
  },
});

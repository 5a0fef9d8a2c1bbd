import type { LinkResult, SchemeResult } from '../../../contracts/results';
import { callFunction } from '../../../services/cloud';

export type LinkKind = 'scheme' | 'link';

export interface CreatedLink {
  kind: LinkKind;
  url: string;
  /** Unix seconds. */
  expireAt: number;
}

/** Asks the `urlscheme` function for a URL Scheme or URL Link to a page (1-30 days). */
export async function createLink(
  kind: LinkKind,
  path: string,
  query: string,
  days: number,
): Promise<CreatedLink> {
  const data = { action: kind, path, query, envVersion: 'release', expireIntervalDays: days };
  if (kind === 'scheme') {
    const { openlink, expireAt } = await callFunction<SchemeResult>('urlscheme', data);
    return { kind, url: openlink, expireAt };
  }
  const { urlLink, expireAt } = await callFunction<LinkResult>('urlscheme', data);
  return { kind, url: urlLink, expireAt };
}

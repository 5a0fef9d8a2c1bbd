import type { LinkTarget } from '../data/link-targets';
import type { LinkKind } from '../services/links';
import type { SessionStatus } from '../../../stores/session';

/** 生成外部链接's shape. */
export interface LinksData {
  targets: LinkTarget[];
  targetKey: string;
  kind: LinkKind;
  /** 1-30 (the platform's limit). */
  days: number;
  creating: boolean;
  error: string;
  link: { kind: LinkKind; url: string; expireText: string } | null;
}

export interface LinksBound {
  status: SessionStatus;
}

import type { SessionStatus } from '../../stores/session';

/** 我的's shape: everything comes from the stores. */
export interface MineBound {
  status: SessionStatus;
  displayName: string;
  avatarUrl: string;
  favoriteCount: number;
}

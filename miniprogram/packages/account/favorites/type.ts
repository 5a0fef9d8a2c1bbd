import type { SessionStatus } from '../../../stores/session';

/** 我的收藏's shape: everything comes from the stores. */
export interface FavoritesBound {
  status: SessionStatus;
  loaded: boolean;
  error: string;
  items: { id: string; title: string; summary: string }[];
}

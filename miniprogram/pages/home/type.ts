/** 首页's shape. */
export interface HomeData {
  articles: { id: string; title: string; summary: string }[];
  /**
   * `{ [articleId]: true }` lookups for WXML, kept in step with the favourites store path by
   * path (a removed star is `false`).
   */
  favoriteMap: Record<string, boolean>;
  /** Stars with a change on its way: shown busy, taps ignored. */
  pendingMap: Record<string, boolean>;
}

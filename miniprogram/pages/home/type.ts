/** 首页's shape. */
export interface HomeData {
  articles: { id: string; title: string; summary: string }[];
}

/** Kept up to date by the favourites store: `{ [articleId]: true }` lookups for WXML. */
export interface HomeBound {
  favoriteMap: Record<string, true>;
  /** Stars with a change on its way: shown busy, taps ignored. */
  pendingMap: Record<string, true>;
}

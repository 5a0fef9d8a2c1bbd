import type { Article } from '../../../data/articles';

/** 文章's shape. */
export interface ArticleData {
  /** null: no article with the id in the query (the page says so). */
  article: Article | null;
  favorited: boolean;
  busy: boolean;
}

export interface ArticleBound {
  favoriteIds: string[];
  pendingIds: string[];
}

/**
 * The catalogue: what the home page lists, the article page shows and a user may favourite
 * (the `favorites` function stores item ids only, see cloudfunctions/favorites/records.ts).
 * Local data keeps the template runnable anywhere.
 */
export interface Article {
  id: string;
  title: string;
  summary: string;
  paragraphs: string[];
}

// The sample content (miniprogram/demo/). `npm run demo:remove` deletes that folder and
// turns the next two lines into an empty catalogue.
import { demoArticles } from '../demo/articles';
export const articles: readonly Article[] = demoArticles;

export function findArticle(id: string): Article | undefined {
  return articles.find((article) => article.id === id);
}

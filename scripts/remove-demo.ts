/**
 * npm run demo:remove — removes the template's demo content so a new app starts clean
 * (README "用作新项目的模板"). What it does, and nothing else:
 * 1. deletes miniprogram/demo/ (the sample articles) and the tests and screenshot states
 *    that read or show that content (DEMO_PATHS);
 * 2. turns the catalogue (miniprogram/data/articles.ts) into an empty one.
 * The pages that show the catalogue, favourites and every cloud function stay and keep
 * working over the empty catalogue; fill it or replace those pages. Afterwards build,
 * typecheck and the remaining tests pass (test/remove-demo.test.ts proves it on a copy);
 * refresh the screenshot baselines with `npm run screenshots -- --update`.
 * Run it again and it says there is nothing left to remove.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The demo: its content, and every test or screenshot state that needs that content. */
export const DEMO_PATHS = [
  'miniprogram/demo',
  'test/app.test.ts',
  'test/e2e/login-journey.test.ts',
  'test/packages/content/article.states.ts',
  'test/packages/content/article.test.ts',
  'test/packages/account/favorites.states.ts',
  'test/packages/account/favorites.test.ts',
  'test/pages/home.states.ts',
  'test/pages/home.test.ts',
  'test/packages/account/links.states.ts',
  'test/packages/account/links.test.ts',
  'test/pages/mine.states.ts',
  'test/preview/preview.test.ts',
  'test/screenshots/check.test.ts',
  'test/screenshots/states.test.ts',
  'test/stores/favorites-order.test.ts',
  'test/stores/favorites.test.ts',
] as const;

const CATALOGUE = 'miniprogram/data/articles.ts';
/** The lines of the catalogue that bring in the demo content (a comment, the import, the list). */
const DEMO_LINES =
  /\/\/ The sample content[^\n]*\n(?:\/\/[^\n]*\n)*import \{ demoArticles \} from '\.\.\/demo\/articles';\nexport const articles: readonly Article\[\] = demoArticles;\n/;
const EMPTY_CATALOGUE = 'export const articles: readonly Article[] = [];\n';

export function removeDemo(root: string): string[] {
  const catalogue = path.join(root, CATALOGUE);
  const text = readFileSync(catalogue, 'utf8');
  if (!existsSync(path.join(root, 'miniprogram/demo')) && !DEMO_LINES.test(text)) return [];
  if (!DEMO_LINES.test(text))
    throw new Error(`${CATALOGUE}: the lines that import the demo content are not there`);
  const removed = DEMO_PATHS.filter((relative) => existsSync(path.join(root, relative)));
  for (const relative of removed) rmSync(path.join(root, relative), { recursive: true, force: true });
  writeFileSync(catalogue, text.replace(DEMO_LINES, EMPTY_CATALOGUE));
  return [...removed, `${CATALOGUE} (now an empty catalogue)`];
}

if (path.resolve(process.argv[1] ?? '') === __filename) {
  const changed = removeDemo(path.resolve(__dirname, '..'));
  if (changed.length === 0) console.info('演示内容已经删除，无需再次执行');
  else
    console.info(
      `已删除演示内容：\n- ${changed.join('\n- ')}\n之后请运行 npm run screenshots -- --update 更新截图基线`,
    );
}

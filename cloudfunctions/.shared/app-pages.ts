import appJson from '../../miniprogram/app.json';

/** The parts of app.json that list pages (subpackages under either spelling). */
interface AppJsonPages {
  pages: string[];
  subpackages?: { root: string; pages: string[] }[];
  subPackages?: { root: string; pages: string[] }[];
}

/** Every page path of an app.json: the main package first (its first page is the home page), then subpackages. */
export function pagesOf(app: AppJsonPages): string[] {
  const subpackages = app.subpackages ?? app.subPackages ?? [];
  return [
    ...app.pages,
    ...subpackages.flatMap(({ root, pages }) => pages.map((page) => `${root.replace(/\/+$/, '')}/${page}`)),
  ];
}

/** The app's pages, read from miniprogram/app.json when the function is built (never from a client). */
export const APP_PAGES: readonly string[] = Object.freeze(pagesOf(appJson as AppJsonPages));

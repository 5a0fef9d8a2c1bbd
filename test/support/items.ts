/**
 * Item ids for tests of favourites that show no content (functions, reliability): fixed
 * here, not read from the demo catalogue, so they keep working after `npm run demo:remove`.
 */
export const ITEM_IDS = ['guest-first', 'avatar-nickname', 'privacy-guide'] as const;

import { favoritesStore } from '../stores/favorites';
import { toast } from './toast';

/**
 * Toggles a favourite from a page and tells the user what happened with the page's
 * `<t-toast id="t-toast" />`: a short confirmation, or the failure's Chinese message.
 */
export async function toggleFavorite(page: Parameters<typeof toast>[0], itemId: string): Promise<void> {
  try {
    const added = await favoritesStore.toggle(itemId);
    // undefined: a second tap while the first is on its way, ignored without a word.
    if (added === undefined) return;
    toast(page, added ? '已收藏' : '已取消收藏');
  } catch (error) {
    toast(page, (error as Error).message, 'error');
  }
}

import Toast from 'tdesign-miniprogram/toast/index';
import { favoritesStore } from '../stores/favorites';

/**
 * Toggles a favourite from a page and tells the user what happened with the page's
 * `<t-toast id="t-toast" />`: a short confirmation, or the failure's Chinese message.
 */
export async function toggleFavorite(page: WechatMiniprogram.Component.TrivialInstance, itemId: string) {
  try {
    const added = await favoritesStore.toggle(itemId);
    // undefined: a second tap while the first is on its way, ignored without a word.
    if (added === undefined) return;
    Toast({
      context: page,
      selector: '#t-toast',
      message: added ? '已收藏' : '已取消收藏',
      theme: 'success',
    });
  } catch (error) {
    Toast({ context: page, selector: '#t-toast', message: (error as Error).message, theme: 'error' });
  }
}

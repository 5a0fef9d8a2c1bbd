import { reaction } from 'mobx-miniprogram';
import { requireLogin } from '../../ui/require-login';
import { articles } from '../../data/articles';
import { toggleFavorite } from '../../ui/toggle-favorite';
import { favoritesStore } from '../../stores/favorites';
import { mapPatch } from '../../utils/map-patch';
import type { HomeData } from './type';
import { routes } from '../../routes';
import { goTo } from '../../ui/navigate';

const initialData: HomeData = {
  articles: articles.map(({ id, title, summary }) => ({ id, title, summary })),
  favoriteMap: {},
  pendingMap: {},
};

/** Each page instance's subscription to the favourites store. */
const subscriptions = new WeakMap<object, () => void>();

/**
 * 首页: real content for everyone at once; only 收藏 needs an account. The stars follow the
 * favourites store by path (`favoriteMap.<id>`): a toggle sends the one star that changed,
 * not the list.
 */
Component({
  data: initialData,
  lifetimes: {
    attached() {
      const sync = () => {
        const { favoriteMap, pendingMap } = this.data;
        const patch = {
          ...mapPatch('favoriteMap', favoriteMap, favoritesStore.itemIds),
          ...mapPatch('pendingMap', pendingMap, favoritesStore.pending),
        };
        if (Object.keys(patch).length > 0) this.setData(patch);
      };
      subscriptions.set(
        this,
        reaction(() => [favoritesStore.itemIds.slice(), favoritesStore.pending.slice()], sync, {
          fireImmediately: true,
        }),
      );
    },
    detached() {
      subscriptions.get(this)?.();
      subscriptions.delete(this);
    },
  },
  methods: {
    onOpenArticle(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      goTo('article', { id: event.currentTarget.dataset.id });
    },

    onToggleFavorite(event: WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>) {
      const { id } = event.currentTarget.dataset;
      requireLogin(this, '登录后即可收藏文章，并在其他设备上查看', () => toggleFavorite(this, id));
    },

    onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
      return { title: '小程序登录与用户数据：先浏览，再登录', path: routes.home };
    },
  },
});

import type { FavoritesResult } from '../contracts/results';
import { callFunction } from './cloud';

export function listFavorites(): Promise<FavoritesResult> {
  return callFunction<FavoritesResult>('favorites', { action: 'list' });
}

export function addFavorite(itemId: string): Promise<FavoritesResult> {
  return callFunction<FavoritesResult>('favorites', { action: 'add', itemId });
}

export function removeFavorite(itemId: string): Promise<FavoritesResult> {
  return callFunction<FavoritesResult>('favorites', { action: 'remove', itemId });
}

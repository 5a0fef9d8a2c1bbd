import { defineActions } from '../.shared/handler';
import { add } from './add';
import { list } from './list';
import { remove } from './remove';

/** The caller's favourite items: list, add, remove. One file per action. */
export { MAX_FAVORITES } from './records';

export const main = defineActions({ list, add, remove });

// Screenshot states of 用户协议 (see scripts/screenshots/states.ts).
import { pageStates } from '../../../scripts/screenshots/states';
import { openPage, renderPage } from '../../support/render';

export default pageStates('packages/account/agreement/index', [
  {
    name: 'default',
    caption: '用户协议（从“我的”打开）',
    async open() {
      await renderPage('pages/mine/index');
      return openPage('/packages/account/agreement/index');
    },
  },
]);

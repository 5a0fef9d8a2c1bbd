import { launch } from './launch';

/**
 * The app shell. Launch makes no login prompt and no redirect: pages render for a guest
 * at once (WeChat login norms). See launch.ts.
 */
App({
  onLaunch() {
    void launch();
  },
});

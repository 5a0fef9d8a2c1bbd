/**
 * The app shell. Launch does no network call, no login and no popup: pages render for a
 * guest at once (WeChat login norms, see README). Cloud access starts on first use.
 */
App<IAppOption>({
  globalData: {},
});

/** The app instance returned by getApp<IAppOption>(). */
interface IAppOption {
  globalData: Record<string, never>;
}

/** What the preload exposes as `window.dispatchDesktop`; absent in web mode. */
export interface DesktopApi {
  readonly platform: string;
  readonly appVersion: string;
}

import path from 'node:path';
import type { App, Session, WebPreferences } from 'electron';
import { isAppUrl } from './app-files';

/**
 * Electron's security checklist, in one place: the webPreferences of every window, and the
 * app-wide refusals (navigation, new windows, webviews, permissions, any request that would
 * leave the machine). The app is intranet-only and loads nothing but its own files.
 */

/** The built, sandboxed preload (CommonJS) inside the app folder. */
export function preloadPathFor(appPath: string): string {
  return path.join(appPath, 'out', 'preload', 'preload.cjs');
}

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

/** Pages may only move within our own origin (the hash router never leaves index.html). */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

/**
 * What a request may load: our own files, the DevTools front end, and in-memory data:/blob:
 * URLs (they never touch the network). http, https, ws, ftp, file and anything else are
 * cancelled, so nothing can leave the machine or read local files even if a page tried.
 */
export function isAllowedRequestUrl(url: string): boolean {
  if (isAppUrl(url)) return true;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  return scheme === 'devtools' || scheme === 'data' || scheme === 'blob';
}

type HardenableApp = Pick<App, 'on'>;
type HardenableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>;

/** Call once after 'ready' and before the first window is created. */
export function hardenApp(app: HardenableApp, session: HardenableSession, log: (message: string) => void = () => {}): void {
  app.on('web-contents-created', (_event, contents) => {
    const refuseOutside = (kind: string) => (event: { preventDefault(): void; url: string }) => {
      if (isAllowedNavigation(event.url)) return;
      event.preventDefault();
      log(`blocked ${kind} to ${event.url.slice(0, 200)}`);
    };
    contents.on('will-navigate', refuseOutside('navigation'));
    contents.on('will-frame-navigate', refuseOutside('frame navigation'));
    contents.on('will-redirect', refuseOutside('redirect'));
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
      log('blocked a webview');
    });
    contents.setWindowOpenHandler(({ url }) => {
      log(`blocked window.open of ${url.slice(0, 200)}`);
      return { action: 'deny' };
    });
  });

  // No camera, microphone, geolocation, notifications, clipboard-read, HID, serial …
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);

  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url);
    if (!allowed) log(`blocked request to ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
}

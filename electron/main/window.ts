import { BrowserWindow, session } from 'electron';
import path from 'node:path';
import { isOwnSender } from './senderCheck.ts';
import { BLOCKED_REQUEST_PATTERNS, mainPageUrl, mainWindowOptions, mayAttachWebview, mayGrantPermission, mayNavigate, windowOpenDecision } from './windowPolicy.ts';

/**
 * The one window. Every decision is a pure function of `windowPolicy.ts` (tested under Node);
 * this file only wires them to Electron's events.
 */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  const contents = window.webContents;
  contents.on('will-navigate', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!mayNavigate(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!mayNavigate(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event, _webPreferences, params) => {
    if (!mayAttachWebview(params)) event.preventDefault();
  });
  contents.setWindowOpenHandler((details) => windowOpenDecision(details));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(mainPageUrl());
  return window;
}

/** Applies to every page of the app: deny permissions and any request leaving the machine. */
export function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((contents, permission, callback) => callback(mayGrantPermission(permission, contents.getURL())));
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => mayGrantPermission(permission, requestingOrigin));
  ses.webRequest.onBeforeRequest({ urls: [...BLOCKED_REQUEST_PATTERNS] }, (_details, callback) => callback({ cancel: true }));
}

/** True when an IPC message comes from our own page in our own window. */
export function isOwnFrame(window: BrowserWindow | null, senderFrame: Electron.WebFrameMain | null): boolean {
  if (!window || !senderFrame) return false;
  return isOwnSender({ isOurWindowMainFrame: senderFrame === window.webContents.mainFrame, url: senderFrame.url });
}

export const rendererDir = (mainDir: string) => path.join(mainDir, '../renderer');

import { BrowserWindow, session } from 'electron';
import path from 'node:path';
import { APP_ORIGIN } from './appProtocol.ts';

/**
 * The one window. The renderer is treated as untrusted: no Node, its own sandboxed process, no
 * navigation, no new windows, no permissions, and no network — it reaches the core through
 * the preload's API object only.
 */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    title: 'Wijkmonitor',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      spellcheck: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
    },
  });
  const contents = window.webContents;
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

/** Applies to every page of the app: deny permissions and any request leaving the machine. */
export function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'] }, (_details, callback) =>
    callback({ cancel: true }),
  );
}

/** True when an IPC message comes from our own page in our own window. */
export function isOwnFrame(window: BrowserWindow | null, senderFrame: Electron.WebFrameMain | null): boolean {
  if (!window || !senderFrame) return false;
  return senderFrame === window.webContents.mainFrame && new URL(senderFrame.url).origin === APP_ORIGIN;
}

export const rendererDir = (mainDir: string) => path.join(mainDir, '../renderer');

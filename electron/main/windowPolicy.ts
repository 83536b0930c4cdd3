/**
 * Every decision the shell makes about its window and session, as plain data and pure functions
 * (no electron import), so they are tested under Node; `window.ts` only hands them to Electron.
 * The renderer is treated as untrusted: no Node, its own sandboxed process, no navigation, no new
 * windows, no webviews, no permissions and no network.
 */
import { isOwnFrameUrl } from './senderCheck.ts';

export const APP_PAGE_URL = 'app://wijkmonitor/index.html';

/** The security-relevant web preferences; Electron's defaults are stated anyway so a test pins them. */
export function mainWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    spellcheck: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    enableBlinkFeatures: '',
    navigateOnDragDrop: false,
    safeDialogs: true,
  } as const;
}

export function mainWindowOptions(preloadPath: string) {
  return {
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    title: 'Wijkmonitor',
    show: false,
    webPreferences: mainWebPreferences(preloadPath),
  } as const;
}

/**
 * Whether the page may navigate (will-navigate, will-frame-navigate) or be redirected
 * (will-redirect) to `url`. Never: the app is one page whose screens change the hash, which
 * does not fire these events; any real navigation would replace our page with another.
 */
export function mayNavigate(_url: string): boolean {
  return false;
}

/** window.open, target=_blank and friends: no new windows at all (also not of our own page). */
export function windowOpenDecision(_details: { url: string }): { action: 'deny' } {
  return { action: 'deny' };
}

/** <webview> is off in webPreferences; attaching one is refused as well, whatever it asks for. */
export function mayAttachWebview(_params: { src?: string }): boolean {
  return false;
}

/**
 * Permission requests and checks (camera, notifications, clipboard, geolocation, …): the app
 * needs none. Even our own page is refused, and a page that is not ours certainly is.
 */
export function mayGrantPermission(_permission: string, _requestingUrl: string): boolean {
  return false;
}

/** Requests the session cancels before they leave the machine: the renderer has no network. */
export const BLOCKED_REQUEST_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'] as const;

/** The URL the window loads; asserted to be our own page, never file://. */
export function mainPageUrl(): string {
  if (!isOwnFrameUrl(APP_PAGE_URL)) throw new Error('the main page must be served from app://wijkmonitor');
  return APP_PAGE_URL;
}

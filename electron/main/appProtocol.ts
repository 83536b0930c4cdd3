import { net, protocol } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from '../../src/shared/contentSecurityPolicy.ts';

export const APP_ORIGIN = 'app://wijkmonitor';

/** Must run before the app is ready: the scheme needs its privileges from the start. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: false } }]);
}

/**
 * Serves the built renderer from `app://wijkmonitor/`, never from `file://`, so the page has
 * its own origin and cannot read arbitrary files; a path outside the renderer folder is refused.
 */
export function serveRenderer(rendererDir: string): void {
  const root = path.resolve(rendererDir);
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(root, relative);
    if (url.host !== 'wijkmonitor' || !file.startsWith(root + path.sep)) return new Response('niet gevonden', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    if (!file.endsWith('.html')) return response;
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', contentSecurityPolicy());
    return new Response(response.body, { status: response.status, headers });
  });
}

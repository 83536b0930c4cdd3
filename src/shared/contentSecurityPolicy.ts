/**
 * The renderer's Content-Security-Policy. Electron sends it with `connect-src 'none'` (the app
 * talks to its core over IPC only); the harness adds `'self'` for its HTTP client.
 */
export function contentSecurityPolicy(connectSrc = "connect-src 'none'"): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // AG Grid and ECharts set element styles at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    connectSrc,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

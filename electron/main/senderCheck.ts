/**
 * Where the app's own page lives. `app:` is registered as a standard scheme, but WHATWG URL
 * parsing in plain Node (and `URL.origin` anywhere) still treats it as non-special: its origin
 * is the string "null". So the check compares protocol and host, never `origin`.
 */
export const APP_PROTOCOL = 'app:';
export const APP_HOST = 'wijkmonitor';

/**
 * True when a frame's URL is a page of our own app (`app://wijkmonitor/…`, any path or hash).
 * Anything else — another host, http(s), file://, about:blank, devtools://, an empty or
 * unparsable string — is not ours. No electron import: tested under plain Node.
 */
export function isOwnFrameUrl(url: string): boolean {
  if (typeof url !== 'string' || url === '') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // A user name, password or port would make this a different authority than the one we serve.
  return parsed.protocol === APP_PROTOCOL && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

/**
 * The whole sender decision for one IPC message: it must come from the main frame of our one
 * window (not a subframe, not another window) and that frame must show our own page.
 * `senderFrame` is null when the frame has navigated away or been destroyed.
 */
export function isOwnSender(sender: { isOurWindowMainFrame: boolean; url: string } | null): boolean {
  return sender !== null && sender.isOurWindowMainFrame && isOwnFrameUrl(sender.url);
}

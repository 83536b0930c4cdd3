import { describe, expect, test } from 'vitest';
import { isOwnFrameUrl, isOwnSender } from './senderCheck.ts';

describe('isOwnFrameUrl', () => {
  test.each(['app://wijkmonitor/index.html', 'app://wijkmonitor/index.html#/levering', 'app://wijkmonitor/'])('%s is our own page', (url) => {
    expect(isOwnFrameUrl(url)).toBe(true);
  });

  test.each([
    'app://other/',
    'app://other/index.html',
    'app://wijkmonitor.evil/index.html',
    'app://user@wijkmonitor/index.html',
    'app://wijkmonitor:8080/index.html',
    'https://wijkmonitor/',
    'http://wijkmonitor/index.html',
    'file:///C:/Program%20Files/Wijkmonitor/resources/app.asar/out/renderer/index.html',
    'file:///home/user/index.html',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    'chrome-extension://wijkmonitor/index.html',
    '',
    'app:wijkmonitor',
    'wijkmonitor',
    'garbage ::: not a url',
  ])('%s is not', (url) => {
    expect(isOwnFrameUrl(url)).toBe(false);
  });

  test('the origin of our own URL really is "null", so comparing origins refuses our own frame', () => {
    // The bug this module fixes: window.ts compared `new URL(url).origin` with 'app://wijkmonitor'.
    expect(new URL('app://wijkmonitor/index.html').origin).toBe('null');
  });
});

describe('isOwnSender', () => {
  test('only the main frame showing our page', () => {
    expect(isOwnSender({ isOurWindowMainFrame: true, url: 'app://wijkmonitor/index.html#/sleutel' })).toBe(true);
    expect(isOwnSender({ isOurWindowMainFrame: false, url: 'app://wijkmonitor/index.html' })).toBe(false);
    expect(isOwnSender({ isOurWindowMainFrame: true, url: 'https://example.org/' })).toBe(false);
    expect(isOwnSender(null)).toBe(false);
  });
});

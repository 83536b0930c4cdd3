import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { isOwnFrameUrl } from './senderCheck.ts';
import { BLOCKED_REQUEST_PATTERNS, mainPageUrl, mainWebPreferences, mainWindowOptions, mayAttachWebview, mayGrantPermission, mayNavigate, windowOpenDecision } from './windowPolicy.ts';

describe('the window’s hardening', () => {
  test('web preferences isolate and sandbox the renderer, with no Node anywhere', () => {
    const prefs = mainWebPreferences('/app/out/preload/index.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
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
    });
    expect(mainWindowOptions('/p').webPreferences).toEqual(mainWebPreferences('/p'));
    expect(mainWindowOptions('/p').show).toBe(false);
  });

  test('navigation and redirects are denied, also to our own origin or a look-alike', () => {
    for (const url of ['https://example.org/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'app://wijkmonitor/index.html', 'app://other/', 'javascript:alert(1)', 'about:blank']) {
      expect(mayNavigate(url)).toBe(false);
    }
  });

  test('new windows, webviews and every permission are refused', () => {
    expect(windowOpenDecision({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(windowOpenDecision({ url: 'app://wijkmonitor/index.html' })).toEqual({ action: 'deny' });
    expect(mayAttachWebview({ src: 'app://wijkmonitor/index.html' })).toBe(false);
    for (const permission of ['media', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'geolocation', 'openExternal', 'fileSystem', 'hid', 'serial', 'usb']) {
      expect(mayGrantPermission(permission, 'app://wijkmonitor/index.html')).toBe(false);
      expect(mayGrantPermission(permission, 'https://example.org/')).toBe(false);
    }
  });

  test('every network scheme the renderer could reach is cancelled', () => {
    expect([...BLOCKED_REQUEST_PATTERNS].sort()).toEqual(['ftp://*/*', 'http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']);
  });

  test('the window loads our own page from the app scheme, never file://', () => {
    expect(mainPageUrl()).toBe('app://wijkmonitor/index.html');
    expect(isOwnFrameUrl(mainPageUrl())).toBe(true);
  });

  test('window.ts hands every decision to this module (no inline policy left behind)', () => {
    const source = readFileSync(path.join(import.meta.dirname, 'window.ts'), 'utf8');
    expect(source).toContain('new BrowserWindow(mainWindowOptions(preloadPath))');
    for (const name of ['mayNavigate', 'windowOpenDecision', 'mayAttachWebview', 'mayGrantPermission', 'BLOCKED_REQUEST_PATTERNS', 'isOwnSender']) expect(source).toContain(name);
    expect(source).not.toMatch(/\.origin\b/);
    expect(source).not.toMatch(/webPreferences:\s*\{/);
  });
});

test('shell.openExternal is never used (checklist item 15): nothing the page says is opened outside', async () => {
  const { readdirSync } = await import('node:fs');
  const root = path.resolve(import.meta.dirname, '../..');
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(full);
      return /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
    });
  const files = [...sources(path.join(root, 'electron')), ...sources(path.join(root, 'src'))];
  expect(files.length).toBeGreaterThan(10);
  expect(files.filter((file) => readFileSync(file, 'utf8').includes('openExternal'))).toEqual([]);
});

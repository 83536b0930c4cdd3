import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

function bundleText(dir: string): string {
  const assets = path.join(root, dir, 'assets');
  if (!existsSync(assets)) throw new Error(`${dir} is missing: build first (npm run build && npm run build:harness)`);
  return readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(path.join(assets, f), 'utf8'))
    .join('\n');
}

// The HTTP client is a test door into the core; only the harness build may carry it.
describe('renderer bundles', () => {
  test('the production renderer does not contain the HTTP client', () => {
    const text = bundleText('out/renderer');
    expect(text).not.toContain('/api/call/');
    expect(text).not.toContain('Bearer ');
  });

  test('the harness renderer does (so the check above can fail)', () => {
    expect(bundleText('out-harness/renderer')).toContain('/api/call/');
  });

  test('the preload exposes one object and hands the renderer no IPC objects', () => {
    const preload = readFileSync(path.join(root, 'out/preload/index.cjs'), 'utf8');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toContain('exposeInMainWorld("wijkmonitor"');
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });

  test('the preload finds dropped files’ paths itself and never hands the page webUtils', () => {
    const preload = readFileSync(path.join(root, 'out/preload/index.cjs'), 'utf8');
    expect(preload).toContain('webUtils.getPathForFile(');
    expect(preload).toContain('"wijkmonitor:drop"');
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*webUtils/);
  });
});

// Electron cannot run here, so the window's hardening is guarded statically in the built main
// process: a regression test that fails when a flag is dropped, not a claim that Electron ran.
describe('built main process', () => {
  test('keeps the hardened window settings', () => {
    const main = readFileSync(path.join(root, 'out/main/index.js'), 'utf8');
    for (const flag of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'spellcheck: false', 'webviewTag: false']) {
      expect(main).toContain(flag);
    }
    for (const guard of ['"will-navigate"', 'setWindowOpenHandler', 'setPermissionRequestHandler', 'onBeforeRequest', 'senderFrame', 'navigateOnDragDrop: false']) {
      expect(main).toContain(guard);
    }
  });

  test('checks dropped paths from our own frame before the core may read them', () => {
    const main = readFileSync(path.join(root, 'out/main/index.js'), 'utf8');
    const handler = main.slice(main.indexOf('ipcMain.handle(DROP_CHANNEL'));
    expect(handler).toMatch(/^ipcMain\.handle\(DROP_CHANNEL, \(event, dropped\) => \{\s*if \(!isOwnFrame\(window, event\.senderFrame\)\)/);
    expect(handler).toContain('drops.put(checkDroppedFiles(dropped))');
  });
});

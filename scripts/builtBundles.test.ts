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
});

// Electron cannot run here, so the window's hardening is guarded statically in the built main
// process: a regression test that fails when a flag is dropped, not a claim that Electron ran.
describe('built main process', () => {
  test('keeps the hardened window settings', () => {
    const main = readFileSync(path.join(root, 'out/main/index.js'), 'utf8');
    for (const flag of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', 'spellcheck: false', 'webviewTag: false']) {
      expect(main).toContain(flag);
    }
    for (const guard of ['"will-navigate"', 'setWindowOpenHandler', 'setPermissionRequestHandler', 'onBeforeRequest', 'senderFrame']) {
      expect(main).toContain(guard);
    }
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { findBoundaryViolations } from './boundaries.ts';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'wm-boundaries-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('import boundaries', () => {
  test('the repository keeps them', () => {
    expect(findBoundaryViolations(path.resolve(import.meta.dirname, '..'))).toEqual([]);
  });

  test('core importing electron is caught', () => {
    const root = tree({ 'src/core/x.ts': "import { app } from 'electron';\n" });
    expect(findBoundaryViolations(root)).toEqual([{ file: path.join('src', 'core', 'x.ts'), specifier: 'electron', rule: 'core must not import electron' }]);
  });

  test('shared, cli and core importing the renderer are caught', () => {
    const root = tree({
      'src/ui/view.tsx': 'export const v = 1;\n',
      'src/shared/a.ts': "export { v } from '../ui/view.tsx';\n",
      'src/cli/b.ts': "const m = await import('../ui/view.tsx');\n",
      'src/core/c.ts': "import type { V } from '../ui/view.tsx';\n",
      'src/core/d.ts': "const e = require('electron/main');\n",
    });
    expect(findBoundaryViolations(root).map((v) => v.rule).sort()).toEqual([
      'cli must not import ui',
      'core must not import electron',
      'core must not import ui',
      'shared must not import ui',
    ]);
  });

  test('the renderer importing the core or Node is caught; e2e tests are exempt', () => {
    const root = tree({
      'src/core/store.ts': 'export const s = 1;\n',
      'src/ui/screen.tsx': "import { s } from '../core/store.ts';\nimport fs from 'node:fs';\n",
      'src/ui/e2e/flow.spec.ts': "import { s } from '../../core/store.ts';\n",
    });
    expect(findBoundaryViolations(root).map((v) => v.rule)).toEqual(['ui must not import core', 'ui must not import Node built-ins']);
  });

  test('the contract depends on nothing; its tests may use the test runner but not electron', () => {
    const root = tree({
      'src/shared/api.ts': "import { z } from 'zod';\n",
      'src/shared/api.test.ts': "import { test } from 'vitest';\nimport { ipcMain } from 'electron';\n",
    });
    expect(findBoundaryViolations(root).map((v) => v.rule).sort()).toEqual(['shared must have no runtime dependencies', 'shared must not import electron']);
  });
});

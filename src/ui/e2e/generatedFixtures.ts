import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateFixtures } from '../../../fixtures/generate.ts';
import { test } from './harnessFixture.ts';

/**
 * Fresh synthetic gemeenten for one spec file, generated once before its tests; returns the
 * path of a file inside them (`fixture('GM9903', 'export_2026Q3.csv')`).
 */
export function generatedFixtures(rows = 200, seed = 20261): (...parts: string[]) => string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wm-e2e-fixtures-'));
  test.beforeAll(async () => {
    await generateFixtures({ seed, rows, outDir: dir });
  });
  return (...parts) => path.join(dir, ...parts);
}

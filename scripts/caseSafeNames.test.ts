import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const SKIP = new Set(['node_modules', '.git', 'out', 'out-harness', 'dist', 'reports', 'test-results', 'demo-uitvoer']);

/** Every folder's entries whose names differ only in case (Windows and macOS keep one of them). */
function caseCollisions(dir: string): string[] {
  const entries = readdirSync(dir, { withFileTypes: true }).filter((e) => !SKIP.has(e.name));
  const seen = new Map<string, string>();
  const found: string[] = [];
  for (const entry of entries) {
    const key = entry.name.toLowerCase();
    const other = seen.get(key);
    if (other !== undefined) found.push(`${path.relative(root, path.join(dir, other))} ~ ${entry.name}`);
    else seen.set(key, entry.name);
    if (entry.isDirectory()) found.push(...caseCollisions(path.join(dir, entry.name)));
  }
  return found;
}

// The app ships to Windows laptops: two names that differ only in case would overwrite each other
// on checkout and in the installer.
test('no two files or folders differ only in case', () => {
  expect(caseCollisions(root)).toEqual([]);
});

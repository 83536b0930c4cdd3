import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { z } from 'zod';
import { tempDir } from '../testing/tempDir.ts';
import { readStoredJson } from './storedJson.ts';
import { patternFile, readPattern } from '../disclosure/releasePattern.ts';

const Schema = z.object({ periode: z.string() }).strict();

test('a stored JSON file: null when absent, false when damaged or of another shape, else its value', () => {
  const dir = tempDir();
  const file = path.join(dir, 'x.json');
  expect(readStoredJson(file, Schema)).toBeNull();
  writeFileSync(file, '{"periode": "2026Q3"');
  expect(readStoredJson(file, Schema)).toBe(false);
  writeFileSync(file, '{"periode": 3}');
  expect(readStoredJson(file, Schema)).toBe(false);
  writeFileSync(file, '{"periode": "2026Q3"}');
  expect(readStoredJson(file, Schema)).toEqual({ periode: '2026Q3' });
});

test('a damaged suppression pattern is refused in Dutch, naming the file, never read as no pattern', () => {
  const dir = tempDir();
  mkdirSync(path.dirname(patternFile(dir, '2026Q3')), { recursive: true });
  writeFileSync(patternFile(dir, '2026Q3'), '{"formaat": "wijkmonitor-onderdrukking"');
  expect(() => readPattern(dir, '2026Q3')).toThrow(/2026Q3\.onderdrukking\.json\) is onleesbaar/);
  expect(readPattern(dir, '2026Q2')).toBeNull();
});

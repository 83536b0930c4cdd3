import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './tempDir.ts';

/**
 * A copy of a fixture export (Windows-1252, BSN in the first column) with every BSN replaced by
 * 999999999, which fails the 11-proef: every row is then excluded.
 */
export function exportWithInvalidBsns(source: string, name = 'export_ongeldig.csv'): string {
  const lines = readFileSync(source, 'latin1').split('\r\n');
  const file = path.join(tempDir(), name);
  writeFileSync(file, [lines[0], ...lines.slice(1).filter((l) => l !== '').map((l) => l.replace(/^\d+;/, '999999999;'))].join('\r\n'), 'latin1');
  return file;
}

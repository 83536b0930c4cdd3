import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Reads one of the small `;`-separated UTF-8 tables in resources/ (code lists, synonyms,
 * classification defaults). They are data the analyst edition may replace, so they are read at
 * run time, never compiled in.
 */
export function readResourceTable(dir: string, name: string): Record<string, string>[] {
  const file = path.join(dir, name);
  const parsed = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), {
    header: true,
    delimiter: ';',
    skipEmptyLines: true,
  });
  if (parsed.errors.length > 0) {
    const first = parsed.errors[0]!;
    throw new Error(`resource ${name}: row ${(first.row ?? 0) + 2}: ${first.message}`);
  }
  return parsed.data;
}

/** resources/ in the repository; the packaged app passes its own resources folder instead. */
export const defaultResourcesDir = path.resolve(import.meta.dirname, '../../../resources');

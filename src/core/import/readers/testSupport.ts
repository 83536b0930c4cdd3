import { mkdtempSync, readdirSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readRows } from './index.ts';
import type { RawRow, ReadOptions, ReaderSettings } from './types.ts';

/** Test helpers (not used by the readers). */

export function makeTempDir(): { dir: string; file: (name: string) => string; remove: () => void } {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'wm-readers-')));
  return { dir, file: (name) => path.join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function readAll(file: string, settings: ReaderSettings, options?: ReadOptions): Promise<{ headers: string[]; rows: RawRow[] }> {
  const reader = readRows(file, settings, options);
  const headers = await reader.headers;
  const rows: RawRow[] = [];
  for await (const batch of reader.batches) rows.push(...batch);
  return { headers, rows };
}

/** Whether this process has `file` open (Linux: /proc/self/fd); undefined where that cannot be seen. */
export function isOpenByThisProcess(file: string): boolean | undefined {
  if (process.platform !== 'linux') return undefined;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === file) return true;
    } catch {
      // closed while listing
    }
  }
  return false;
}

export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** Bytes or a generator of chunks (for large, highly compressible parts). */
export type XlsxPart = string | Buffer | (() => Iterable<Buffer>);

/**
 * A minimal .xlsx written part by part with yazl, for workbooks ExcelJS would never write (bombs,
 * cells without `r=`, formulas without cached values). `sheets` maps sheet name to its XML;
 * `extra` adds or replaces parts (e.g. `xl/sharedStrings.xml`).
 */
export async function writeXlsxParts(file: string, sheets: Record<string, string>, extra: Record<string, XlsxPart> = {}): Promise<void> {
  const { default: yazl } = await import('yazl');
  const { createWriteStream } = await import('node:fs');
  const { Readable } = await import('node:stream');
  const names = Object.keys(sheets);
  const parts: Record<string, XlsxPart> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
      names.map((name, i) => `<sheet name="${name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      `<Relationship Id="rId${names.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
      '</Relationships>',
    ...Object.fromEntries(names.map((name, i) => [`xl/worksheets/sheet${i + 1}.xml`, sheets[name]!])),
    ...extra,
  };
  const zip = new yazl.ZipFile();
  for (const [name, part] of Object.entries(parts)) {
    // level 1: a bomb's hundreds of MB deflate several times faster, still a few hundred to one
    if (typeof part === 'function') zip.addReadStream(Readable.from(part()), name, { mtime: new Date(0), compressionLevel: 1 });
    else zip.addBuffer(Buffer.from(part), name, { mtime: new Date(0) });
  }
  zip.end();
  await new Promise<void>((resolve, reject) => zip.outputStream.pipe(createWriteStream(file)).on('close', resolve).on('error', reject));
}

/** Sheet XML from rows of inline cell XML (`<c r="A1" t="s"><v>0</v></c>` …). */
export function sheetXml(rows: string[]): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    rows.join('') +
    '</sheetData></worksheet>'
  );
}

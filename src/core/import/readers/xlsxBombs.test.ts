import { afterAll, describe, expect, it } from 'vitest';
import { SHARED_STRING_MAX_XML, SHARED_STRINGS_MARGIN, SHARED_STRINGS_MAX_BYTES, SMALL_PART_MAX_BYTES } from './xlsxReader.ts';
import { previewFile } from './index.ts';
import { makeTempDir, readAll, rejectionOf, sheetXml, writeXlsxParts } from './testSupport.ts';

/*
 * Workbooks a few MB on disk whose shared-strings table would take gigabytes of memory. Each is
 * built here from repeated text, which deflate packs several hundred to one; the reader must
 * refuse them before spending the memory, naming the file.
 */

const temp = makeTempDir();
afterAll(() => temp.remove());

const SHEET = sheetXml(['<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>', '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>']);
const SST_START = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">');
const SST_END = Buffer.from('</sst>');

/** `<si>` elements in MB-sized chunks: `count` copies of `item`. */
function* strings(item: string, count: number): Generator<Buffer> {
  yield SST_START;
  const perChunk = Math.max(1, Math.floor((1 << 20) / item.length));
  const chunk = Buffer.from(item.repeat(perChunk));
  for (let left = count; left > 0; left -= perChunk) yield left >= perChunk ? chunk : Buffer.from(item.repeat(left));
  yield SST_END;
}

/** One `<si>` whose text is `megabytes` MB of the letter a. */
function* oneLongString(megabytes: number): Generator<Buffer> {
  yield SST_START;
  yield Buffer.from('<si><t>');
  const mb = Buffer.alloc(1 << 20, 'a');
  for (let i = 0; i < megabytes; i++) yield mb;
  yield Buffer.from('</t></si>');
  yield SST_END;
}

async function bomb(name: string, sst: () => Iterable<Buffer>): Promise<string> {
  const file = temp.file(name);
  await writeXlsxParts(file, { Blad1: SHEET }, { 'xl/sharedStrings.xml': sst });
  return file;
}

describe('xlsx shared-strings bombs', () => {
  it('refuses a table larger than the hard cap before reading it', async () => {
    const file = await bomb('groot.xlsx', () => oneLongString(SHARED_STRINGS_MAX_BYTES / (1 << 20) + 4));
    const started = Date.now();
    const error = await rejectionOf(previewFile(file));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toMatchObject({ code: 'XLSX_TE_GROOT', location: { file: 'groot.xlsx' } });
    expect((error as Error).message).toBe(
      "De werkmap 'groot.xlsx' wordt niet gelezen: de tabel met gedeelde teksten is uitgepakt 260 MB (hooguit 256 MB). " +
        "Zo'n bestand is beschadigd of gemaakt om het programma vast te laten lopen. Open het in Excel en sla het opnieuw op, of vraag een nieuwe export.",
    );
  }, 20_000);

  it('refuses one string far longer than a cell can hold, having read little of it', async () => {
    const file = await bomb('lang.xlsx', () => oneLongString(40));
    const before = process.memoryUsage().rss;
    const error = await rejectionOf(readAll(file, { format: 'xlsx', sheet: 'Blad1', headerRow: 1 }));
    expect(error).toMatchObject({ code: 'XLSX_TE_GROOT', location: { file: 'lang.xlsx' } });
    expect((error as Error).message).toContain('er staat een tekst in die veel langer is dan Excel in een cel toestaat (32.767 tekens)');
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * SHARED_STRING_MAX_XML + 64 * (1 << 20));
  }, 20_000);

  it('refuses many more strings than the sheets have cells', async () => {
    const file = await bomb('veel.xlsx', () => strings('<si><t>a</t></si>', 3_000_000));
    const error = await rejectionOf(previewFile(file));
    expect(error).toMatchObject({ code: 'XLSX_TE_GROOT', location: { file: 'veel.xlsx' } });
    expect((error as Error).message).toContain(`de tabel met gedeelde teksten bevat meer dan ${(SHARED_STRINGS_MARGIN + Math.floor(SHEET.length / 16)).toLocaleString('nl-NL')} teksten`);
  }, 20_000);

  it('refuses a styles part (also read whole) larger than any real one', async () => {
    const file = temp.file('stijlen.xlsx');
    await writeXlsxParts(file, { Blad1: SHEET }, {
      'xl/sharedStrings.xml': '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
      'xl/styles.xml': function* () {
        yield Buffer.from('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts>');
        const mb = Buffer.from('<numFmt numFmtId="200" formatCode="0"/>'.repeat(26_000));
        for (let i = 0; i < SMALL_PART_MAX_BYTES / mb.length + 1; i++) yield mb;
        yield Buffer.from('</numFmts></styleSheet>');
      },
    });
    const error = await rejectionOf(previewFile(file));
    expect(error).toMatchObject({ code: 'XLSX_TE_GROOT', location: { file: 'stijlen.xlsx' } });
    expect((error as Error).message).toContain("het onderdeel 'xl/styles.xml' is uitgepakt");
  }, 20_000);

  it('reads a table within the bounds, strings split over chunk boundaries included', async () => {
    const items = ['BSN', 'Product', 'x'.repeat(30_000), 'é'.repeat(20_000)];
    const file = await bomb('gewoon.xlsx', function* () {
      yield SST_START;
      for (const item of items) yield Buffer.from(`<si><t>${item}</t></si>`);
      yield SST_END;
    });
    const { headers, rows } = await readAll(file, { format: 'xlsx', sheet: 'Blad1', headerRow: 1 });
    expect(headers).toEqual(['BSN', 'Product']);
    expect(rows).toEqual([{ row: 2, cells: [items[2], items[3]] }]);
  });
});

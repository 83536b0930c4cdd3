import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../errors.ts';
import { detectSettings, previewFile, readRows } from './index.ts';
import { isOpenByThisProcess, makeTempDir, readAll, rejectionOf } from './testSupport.ts';
import { excelSerialToDate, isDateFormat, toCell } from './xlsxReader.ts';

const temp = makeTempDir();
afterAll(() => temp.remove());

const utcDate = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day));

let clientFile = '';
let sheetsFile = '';

beforeAll(async () => {
  // A typical export: a title row, a blank row, the header in row 3, data from row 4.
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Cliënten');
  sheet.getCell('A1').value = 'Overzicht voorzieningen 2026 Q3';
  sheet.getRow(3).values = ['BSN', 'Productcode', 'Wijkcode', 'Startdatum', 'Bedrag', 'Dubbel', 'Naam', 'Actief', 'Fout'];
  sheet.getRow(4).values = [999999990, '01A01', '0123', utcDate(2026, 3, 15), 12.5, { formula: 'E4*2', result: 25 }, '  Jansen ', true, { error: '#N/A' }];
  sheet.getRow(5).values = [999999991, '02B02', '0456', new Date(Date.UTC(2026, 11, 31, 18, 45)), 3, { formula: 'E5*2', result: 6 }, { richText: [{ text: 'De ' }, { text: 'Vries', font: { bold: true } }] }, false, null];
  sheet.getRow(7).values = [999999992, '03C03', '0789', { formula: 'D4+1', result: 46097 }, 0, { formula: 'A7&"x"', result: 'tekst' }, 'Bakker'];
  sheet.getCell('D7').numFmt = 'dd-mm-yyyy';
  sheet.getCell('D4').numFmt = 'd-m-yyyy';
  sheet.getCell('L4').value = 'notitie naast de tabel';
  clientFile = temp.file('clienten.xlsx');
  await workbook.xlsx.writeFile(clientFile);

  const multi = new ExcelJS.Workbook();
  multi.addWorksheet('Toelichting');
  const hidden = multi.addWorksheet('Verborgen', { state: 'hidden' });
  hidden.getRow(1).values = ['X', 'Y'];
  hidden.getRow(2).values = [1, 2];
  const wmo = multi.addWorksheet('Wmo');
  wmo.getRow(1).values = ['BSN', 'Product'];
  wmo.getRow(2).values = [1, 'Huishoudelijke hulp'];
  const jeugd = multi.addWorksheet('Jeugd');
  jeugd.getRow(2).values = ['BSN', 'Product', 'Aanbieder'];
  jeugd.getRow(3).values = [2, 'Ambulante jeugdhulp', 'Aanbieder A'];
  jeugd.getRow(4).values = [3, 'Pleegzorg', 'Aanbieder B'];
  sheetsFile = temp.file('bladen.xlsx');
  await multi.xlsx.writeFile(sheetsFile);
});

describe('xlsx', () => {
  it('detects sheet and header row below a title row', async () => {
    const detected = await detectSettings(clientFile);
    expect(detected.settings).toEqual({ format: 'xlsx', sheet: 'Cliënten', headerRow: 3 });
    expect(detected.sheets).toEqual(['Cliënten']);
  });

  it('keeps Excel types: text codes, numbers, dates at UTC midnight, formula results', async () => {
    const { headers, rows } = await readAll(clientFile, { format: 'xlsx', sheet: 'Cliënten', headerRow: 3 });
    expect(headers).toEqual(['BSN', 'Productcode', 'Wijkcode', 'Startdatum', 'Bedrag', 'Dubbel', 'Naam', 'Actief', 'Fout']);
    expect(rows).toEqual([
      { row: 4, cells: [999999990, '01A01', '0123', utcDate(2026, 3, 15), 12.5, 25, 'Jansen', 'WAAR', null] },
      { row: 5, cells: [999999991, '02B02', '0456', utcDate(2026, 12, 31), 3, 6, 'De Vries', 'ONWAAR', null] },
      { row: 7, cells: [999999992, '03C03', '0789', utcDate(2026, 3, 16), 0, 'tekst', 'Bakker', null, null] },
    ]);
    const date = rows[0]!.cells[3] as Date;
    expect(date).toBeInstanceOf(Date);
    expect(date.toISOString()).toBe('2026-03-15T00:00:00.000Z');
  });

  it('previews with a warning about cells right of the table', async () => {
    const preview = await previewFile(clientFile, undefined, 2);
    expect(preview.rows.map((row) => row.row)).toEqual([4, 5]);
    expect(preview.sheets).toEqual(['Cliënten']);
    expect(preview.warnings.join(' ')).toContain('kolom L');
    expect(preview.warnings.join(' ')).not.toContain('notitie');
  });

  it('chooses the first visible sheet with data, lists all sheets, and reads a chosen sheet', async () => {
    const detected = await detectSettings(sheetsFile);
    expect(detected.sheets).toEqual(['Toelichting', 'Verborgen', 'Wmo', 'Jeugd']);
    expect(detected.settings).toEqual({ format: 'xlsx', sheet: 'Wmo', headerRow: 1 });
    const preview = await previewFile(sheetsFile, { sheet: 'Jeugd' });
    expect(preview.settings).toEqual({ format: 'xlsx', sheet: 'Jeugd', headerRow: 2 });
    expect(preview.headers).toEqual(['BSN', 'Product', 'Aanbieder']);
    const { rows } = await readAll(sheetsFile, preview.settings);
    expect(rows).toEqual([
      { row: 3, cells: [2, 'Ambulante jeugdhulp', 'Aanbieder A'] },
      { row: 4, cells: [3, 'Pleegzorg', 'Aanbieder B'] },
    ]);
    const error = await rejectionOf(readAll(sheetsFile, { format: 'xlsx', sheet: 'Bestaat niet', headerRow: 1 }));
    expect(error).toMatchObject({ code: 'WERKBLAD_NIET_GEVONDEN', location: { file: 'bladen.xlsx' } });
  });

  it('decodes accented shared strings across chunk boundaries', async () => {
    // ExcelJS's own WorkbookReader decodes every chunk separately and garbles ~15 of these strings
    const text = (i: number) => `${'é'.repeat(50 + (i % 7))} Noël ${i}`;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Adressen');
    sheet.addRow(['Nr', 'Straat']);
    for (let i = 0; i < 3000; i++) sheet.addRow([i, text(i)]);
    const file = temp.file('accenten.xlsx');
    await workbook.xlsx.writeFile(file);
    const { rows } = await readAll(file, { format: 'xlsx', sheet: 'Adressen', headerRow: 1 });
    expect(rows).toHaveLength(3000);
    expect(rows.filter((row, i) => row.cells[1] !== text(i))).toEqual([]);
  });

  it('reads the 1904 date system', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.properties.date1904 = true;
    const sheet = workbook.addWorksheet('Data');
    sheet.addRow(['Naam', 'Datum']);
    sheet.addRow(['A', utcDate(2026, 7, 1)]);
    const file = temp.file('1904.xlsx');
    await workbook.xlsx.writeFile(file);
    const { rows } = await readAll(file, { format: 'xlsx', sheet: 'Data', headerRow: 1 });
    expect(rows[0]!.cells).toEqual(['A', utcDate(2026, 7, 1)]);
  });

  it('stops on abort with an AbortError and closes the file', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Groot');
    sheet.addRow(['BSN', 'Naam', 'Bedrag']);
    for (let i = 0; i < 20_000; i++) sheet.addRow([100000000 + i, `Naam ${i}`, i / 4]);
    const file = temp.file('groot.xlsx');
    await workbook.xlsx.writeFile(file);
    const controller = new AbortController();
    const progress: number[] = [];
    const reader = readRows(file, { format: 'xlsx', sheet: 'Groot', headerRow: 1 }, { signal: controller.signal, batchSize: 500, onBytes: (read, total) => progress.push(read / total) });
    const iterator = reader.batches[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.value).toHaveLength(500);
    expect(first.value![0]).toEqual({ row: 2, cells: [100000000, 'Naam 0', 0] });
    expect(progress.length).toBeGreaterThan(0);
    controller.abort();
    const error = await rejectionOf((async () => {
      for (;;) if ((await iterator.next()).done) break;
    })());
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(isOpenByThisProcess(file)).not.toBe(true);

    let count = 0;
    let last = 0;
    const all = readRows(file, { format: 'xlsx', sheet: 'Groot', headerRow: 1 }, { onBytes: (read, total) => (last = read / total) });
    for await (const batch of all.batches) count += batch.length;
    expect(count).toBe(20_000);
    expect(last).toBe(1);
    expect(isOpenByThisProcess(file)).not.toBe(true);
  });

  it('refuses a file that is not a workbook, and an empty workbook', async () => {
    const fake = temp.file('nep.xlsx');
    writeFileSync(fake, 'BSN;Naam\n1;A\n');
    const error = await rejectionOf(detectSettings(fake));
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ code: 'XLSX_ONLEESBAAR', location: { file: 'nep.xlsx' } });
    const encrypted = temp.file('wachtwoord.xlsx');
    writeFileSync(encrypted, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]));
    expect(await rejectionOf(readAll(encrypted, { format: 'xlsx', sheet: 'Blad1', headerRow: 1 }))).toMatchObject({ code: 'XLSX_ONLEESBAAR' });

    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Blad1');
    const emptyFile = temp.file('leeg.xlsx');
    await empty.xlsx.writeFile(emptyFile);
    expect(await rejectionOf(detectSettings(emptyFile))).toMatchObject({ code: 'WERKMAP_LEEG' });
  });

  it('refuses a csv setting for a workbook', async () => {
    const error = await rejectionOf(readAll(clientFile, { format: 'csv', encoding: 'utf-8', delimiter: ';', headerRow: 1 }));
    expect(error).toMatchObject({ code: 'FORMAAT_KLOPT_NIET' });
  });
});

describe('cell conversion', () => {
  it('recognises date formats like ExcelJS', () => {
    expect(isDateFormat('dd-mm-yyyy')).toBe(true);
    expect(isDateFormat('[$-413]d mmmm yyyy')).toBe(true);
    expect(isDateFormat('#,##0.00')).toBe(false);
    expect(isDateFormat('0" dagen"')).toBe(false);
    expect(isDateFormat(undefined)).toBe(false);
  });

  it('turns serials into calendar dates at UTC midnight', () => {
    expect(excelSerialToDate(46096, false)).toEqual(utcDate(2026, 3, 15));
    expect(excelSerialToDate(46096.999, false)).toEqual(utcDate(2026, 3, 15));
    expect(excelSerialToDate(Number.NaN, false)).toBeNull();
  });

  it('maps values', () => {
    expect(toCell({ sharedFormula: 'A1', result: 46096 }, 'd-m-yy', false)).toEqual(utcDate(2026, 3, 15));
    expect(toCell({ formula: 'A1', result: { error: '#DIV/0!' } }, undefined, false)).toBeNull();
    expect(toCell({ formula: 'A1' }, undefined, false)).toBeNull();
    expect(toCell({ text: ' link ', hyperlink: 'https://example.org' }, undefined, false)).toBe('link');
    expect(toCell('   ', undefined, false)).toBeNull();
    expect(toCell(new Date(Date.UTC(2026, 0, 2, 23, 59)), undefined, false)).toEqual(utcDate(2026, 1, 2));
  });
});

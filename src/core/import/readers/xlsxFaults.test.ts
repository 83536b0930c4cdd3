import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../errors.ts';
import { loadReferenceTables } from '../../resources/referenceTables.ts';
import { prepareExport } from '../prepareExport.ts';
import { loadRecordParsers } from '../recordParsers.ts';
import { detectSettings, previewFile } from './index.ts';
import { makeTempDir, readAll, rejectionOf, sheetXml, writeXlsxParts } from './testSupport.ts';

/* Workbooks that no Excel writes, but tools and damaged copies do: each refusal names the file and what is wrong. */

const temp = makeTempDir();
afterAll(() => temp.remove());

const SST = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>BSN</t></si><si><t>Bedrag</t></si></sst>';
const HEADER = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>';
const settings = { format: 'xlsx', sheet: 'Blad1', headerRow: 1 } as const;

describe('xlsx faults', () => {
  it('refuses a formula without a cached value, naming file, sheet and cell', async () => {
    const file = temp.file('formules.xlsx');
    const rows = [HEADER, '<row r="2"><c r="A2"><v>999999990</v></c><c r="B2"><v>10</v></c></row>', '<row r="3"><c r="A3"><v>999999990</v></c><c r="B3"><f>B2*2</f></c></row>'];
    await writeXlsxParts(file, { Blad1: sheetXml(rows) }, { 'xl/sharedStrings.xml': SST });
    for (const attempt of [() => previewFile(file), () => readAll(file, settings)]) {
      const error = await rejectionOf(attempt());
      expect(error).toBeInstanceOf(UserError);
      expect(error).toMatchObject({ code: 'XLSX_FORMULE_ZONDER_WAARDE', location: { file: 'formules.xlsx', row: 3, column: 'B' } });
      expect((error as Error).message).toMatch(/^Cel B3 van werkblad 'Blad1' in 'formules\.xlsx' bevat een formule zonder opgeslagen waarde/);
      expect((error as Error).message).toContain('Formules zonder opgeslagen waarden: open het bestand in Excel en sla het opnieuw op.');
    }
  });

  it('keeps a cached result of 0 or false, which ExcelJS drops', async () => {
    const file = temp.file('formules-nul.xlsx');
    const rows = [HEADER, '<row r="2"><c r="A2"><f>1-1</f><v>0</v></c><c r="B2" t="b"><f>1=2</f><v>0</v></c></row>', '<row r="3"><c r="A3"><f>3-1</f><v>2</v></c><c r="B3" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'];
    await writeXlsxParts(file, { Blad1: sheetXml(rows) }, { 'xl/sharedStrings.xml': SST });
    expect((await readAll(file, settings)).rows).toEqual([
      { row: 2, cells: [0, 'ONWAAR'] },
      { row: 3, cells: [2, null] },
    ]);
  });

  it('reads a formula whose cached result is empty text, and one with a result', async () => {
    const file = temp.file('formules-met-waarde.xlsx');
    // (also written the way other tools do: single quotes, spaces around =, a shared formula)
    const rows = [HEADER, '<row r="2"><c r="A2" t="str"><f>""</f><v></v></c><c r="B2"><f>1+1</f><v>2</v></c></row>', "<row r = '3'><c r='A3'><f t='shared' si='0'/><v>7</v></c><c r='B3'/></row>"];
    await writeXlsxParts(file, { Blad1: sheetXml(rows) }, { 'xl/sharedStrings.xml': SST });
    expect((await readAll(file, settings)).rows).toEqual([
      { row: 2, cells: [null, 2] },
      { row: 3, cells: [7, null] },
    ]);
  });

  it.each([
    ['a row', '<row><c r="A2"><v>1</v></c></row>', 2, 'de rij na rij 1 heeft geen rijverwijzing (r="1")'],
    ['a cell', '<row r="2"><c r="A2"><v>1</v></c><c><v>1</v></c></row>', 2, 'een cel in rij 2 heeft geen celverwijzing (r="A1")'],
  ])('refuses %s without r= naming file, sheet and row', async (_what, row, rowNumber, where) => {
    const file = temp.file('zonder-r.xlsx');
    await writeXlsxParts(file, { Blad1: sheetXml([HEADER, row]) }, { 'xl/sharedStrings.xml': SST });
    for (const attempt of [() => previewFile(file), () => readAll(file, settings)]) {
      const error = await rejectionOf(attempt());
      expect(error).toMatchObject({ code: 'XLSX_ZONDER_CELVERWIJZING', location: { file: 'zonder-r.xlsx', row: rowNumber } });
      expect((error as Error).message).toBe(
        `Werkblad 'Blad1' van 'zonder-r.xlsx' kan niet worden gelezen: ${where}, die Excel altijd schrijft. Open het bestand in Excel en sla het opnieuw op.`,
      );
    }
  });

  it('names the damaged part when its compressed data is corrupt', async () => {
    const file = temp.file('beschadigd.xlsx');
    const rows = [HEADER, ...Array.from({ length: 3000 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>${i}</v></c></row>`)];
    await writeXlsxParts(file, { Blad1: sheetXml(rows) }, { 'xl/sharedStrings.xml': SST });
    // The sheet's deflate data starts after its local header (30 bytes + name + extra field); a
    // first block of the reserved type 3 is invalid for every inflater.
    const bytes = readFileSync(file);
    const header = bytes.indexOf('PK\x03\x04', bytes.indexOf('xl/worksheets/sheet1.xml') - 30 - 4);
    const data = header + 30 + bytes.readUInt16LE(header + 26) + bytes.readUInt16LE(header + 28);
    bytes[data] = 0x07;
    writeFileSync(file, bytes);
    for (const attempt of [() => previewFile(file), () => readAll(file, settings)]) {
      const error = await rejectionOf(attempt());
      expect(error).toMatchObject({ code: 'XLSX_BESCHADIGD', location: { file: 'beschadigd.xlsx' } });
      expect((error as Error).message).toBe(
        "Het bestand 'beschadigd.xlsx' is beschadigd: het onderdeel 'xl/worksheets/sheet1.xml' kan niet worden uitgepakt. Vraag een nieuwe export, of open het in Excel en sla het opnieuw op.",
      );
    }
  });

  describe('data on another sheet', () => {
    const NOTE = '<row r="1"><c r="A1" t="inlineStr"><is><t>Toelichting bij deze export</t></is></c></row>';
    const DATA = sheetXml([HEADER, '<row r="2"><c r="A2"><v>999999990</v></c><c r="B2"><v>10</v></c></row>']);
    const advice =
      "De werkmap heeft 3 werkbladen: 'Blad1', 'Toelichting', 'Export'. Kies het werkblad met de gegevens bij Werkblad in het importscherm, " +
      'of op de opdrachtregel met "sheet" onder "lezer" in het koppelprofiel (wijkmonitor mapping schrijft het; geef het mee met --mapping).';
    let file = '';

    it('passes over an empty sheet and a sheet with only a note', async () => {
      file = temp.file('bladen.xlsx');
      await writeXlsxParts(file, { Blad1: sheetXml([]), Toelichting: sheetXml([NOTE]), Export: DATA }, { 'xl/sharedStrings.xml': SST });
      expect((await detectSettings(file)).settings).toEqual({ format: 'xlsx', sheet: 'Export', headerRow: 1 });
    });

    it('an empty chosen sheet (a profile from last quarter) names the sheets and how to choose', async () => {
      const error = await rejectionOf(previewFile(file, { sheet: 'Blad1' }));
      expect(error).toMatchObject({ code: 'WERKBLAD_LEEG', location: { file: 'bladen.xlsx' } });
      expect((error as Error).message).toBe(`Werkblad 'Blad1' van 'bladen.xlsx' is leeg. ${advice}`);
    });

    it('a chosen sheet without a table, and a sheet that is not there, name the sheets too', async () => {
      const note = await previewFile(file, { sheet: 'Toelichting' });
      expect(note.rows).toEqual([]);
      expect(note.warnings).toEqual(['Onder de kopregel staan geen gegevens.', `Gelezen is werkblad 'Toelichting'. ${advice}`]);
      const header = await rejectionOf(previewFile(file, { sheet: 'Blad1', headerRow: 3 }));
      expect(header).toMatchObject({ code: 'KOPREGEL_LEEG' });
      expect((header as Error).message).toContain(`Gelezen is werkblad 'Blad1'. ${advice}`);
      // last quarter's profile names the note sheet: the delivery stops with the sheets, not "no column for bsn"
      const profile = { formaat: 'wijkmonitor-profiel', versie: 1, naam: 'vorig kwartaal', lezer: { sheet: 'Toelichting' }, kolommen: {}, decimaal: ',' } as const;
      const prepared = await rejectionOf(prepareExport(file, { profile, ref: loadReferenceTables(), parsers: loadRecordParsers() }));
      expect(prepared).toMatchObject({ code: 'GEEN_GEGEVENS', location: { file: 'bladen.xlsx', row: 1 } });
      expect((prepared as Error).message).toBe(`bladen.xlsx: onder de kopregel (rij 1) van werkblad 'Toelichting' staan geen gegevens. ${advice}`);
      const missing = await rejectionOf(previewFile(file, { sheet: 'Gegevens' }));
      expect((missing as Error).message).toBe(`De werkmap 'bladen.xlsx' heeft geen werkblad met de naam 'Gegevens'. ${advice}`);
    });
  });
});

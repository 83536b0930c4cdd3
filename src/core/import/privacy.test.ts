import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parsePeriode } from '../period/periode.ts';
import { createKey, createPseudonymiser } from '../pseudonym/wm1.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { openDatabase, type Db } from '../store/database.ts';
import { fixtureSet, type FixtureSet } from '../testing/fixtureSet.ts';
import { tempDir } from '../testing/tempDir.ts';
import { importBatch } from './importBatch.ts';
import type { MappingProfile } from './mapping/profile.ts';
import { prepareExport } from './prepareExport.ts';
import { previewFile } from './readers/index.ts';
import { loadRecordParsers } from './recordParsers.ts';
import { suggestMapping } from './mapping/suggestMapping.ts';
import { createValueCheckers } from './mapping/valueCheckers.ts';
import type { ImportPreview } from '../../shared/api.ts';
import { openTestCore } from '../testing/testCore.ts';

/* Issue 9, section 2: what the store takes in from an export. */

const ref = loadReferenceTables();
const parsers = loadRecordParsers();
const BSN = '999913141';
let fixtures: FixtureSet;
beforeAll(async () => {
  fixtures = await fixtureSet();
});

/** GM9903's export with cells of the first data row replaced (by header). */
function exportWith(changes: Record<string, string>): string {
  const lines = readFileSync(fixtures.export('GM9903', '2026Q3'), 'latin1').split('\r\n');
  const header = lines[0]!.split(';');
  const cells = lines[1]!.split(';');
  for (const [column, value] of Object.entries(changes)) cells[header.indexOf(column)] = value;
  lines[1] = cells.join(';');
  const file = path.join(tempDir(), 'export_2026Q3.csv');
  writeFileSync(file, lines.join('\r\n'), 'latin1');
  return file;
}

async function importFile(file: string, mapping: Partial<Record<string, string>> = {}) {
  const db: Db = await openDatabase(path.join(tempDir(), 'wijkmonitor.sqlite'));
  const prepared = await prepareExport(file, { ref, parsers });
  Object.assign(prepared.mapping, mapping);
  const profile: MappingProfile = { formaat: 'wijkmonitor-profiel', versie: 1, naam: 'test', lezer: {}, kolommen: prepared.mapping, decimaal: prepared.decimaal };
  const run = importBatch(db, { prepared, periode: parsePeriode('2026Q3'), profile, pseudonymiser: createPseudonymiser(createKey()), parsers });
  return { db, run };
}

const count = (db: Db, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

describe('the store refuses a BSN in any field', () => {
  test.each([
    ['Bedrag', BSN, 'Bedrag'],
    ['Product', `Begeleiding ${BSN}`, 'Product'],
    ['Verwijzer', '999 913 141', 'Verwijzer'],
    ['Leverancier', 'Zorggroep t.a.v. 999.913.141', 'Leverancier'],
  ])('%s holding a BSN: refused with file, row and column, nothing stored', async (column, value, named) => {
    const { db, run } = await importFile(exportWith({ [column]: value }));
    const error = (await run.catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toContain(`Inlezen geweigerd door de privacycontrole: export_2026Q3.csv, rij 2, kolom ${named}`);
    expect(error!.message).not.toContain(BSN);
    expect(count(db, 'import_batch')).toBe(0);
    expect(count(db, 'voorziening')).toBe(0);
  });

  test('the client’s own BSN in Volume is refused', async () => {
    const own = readFileSync(fixtures.export('GM9903', '2026Q3'), 'latin1').split('\r\n')[1]!.split(';')[0]!;
    const { db, run } = await importFile(exportWith({ Volume: own }));
    await expect(run).rejects.toThrow('kolom Volume');
    expect(count(db, 'voorziening')).toBe(0);
  });

  test('a surname column mapped to a free-text field is refused; huisnummer may be mapped', async () => {
    const { db, run } = await importFile(fixtures.export('GM9903', '2026Q3'), { verwijzer: 'Achternaam' });
    await expect(run).rejects.toThrow('kolom "Achternaam" bevat persoonsgegevens (naam, adres of contactgegeven) en kan niet aan verwijzer worden gekoppeld');
    expect(count(db, 'import_batch')).toBe(0);
    for (const field of ['product', 'aanbieder_naam', 'reden_einde', 'productcode']) {
      const other = await importFile(fixtures.export('GM9903', '2026Q3'), { [field]: 'Straat' });
      await expect(other.run).rejects.toThrow(`kan niet aan ${field} worden gekoppeld`);
    }
    const fine = await importFile(fixtures.export('GM9903', '2026Q3'));
    expect((await fine.run).rijenIngelezen).toBeGreaterThan(0);
    expect(count(fine.db, 'voorziening')).toBeGreaterThan(0);
  });

  test('the mapping never proposes a personal-data column for a free-text field', () => {
    const velden = ref.velden.map((v) => (v.veld === 'verwijzer' ? { ...v, synoniemen: [...v.synoniemen, 'achternaam'] } : v));
    const checkers = createValueCheckers(parsers);
    expect(suggestMapping(['BSN', 'Achternaam'], [[BSN, 'Droomhorst']], velden, checkers).mapping.verwijzer).toBeUndefined();
    expect(suggestMapping(['BSN', 'Verwijzer'], [[BSN, '01']], velden, checkers).mapping.verwijzer).toBe('Verwijzer');
  });
});

describe('a data row chosen as the header row (Kopregel)', () => {
  test('is refused with advice, naming only row and column letter', async () => {
    const file = fixtures.export('GM9903', '2026Q3');
    const error = (await previewFile(file, { headerRow: 2 }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toContain('De kopregel (rij 2) van');
    expect(error!.message).toContain('Kies bij "Kopregel op rij"');
    const dataRow = readFileSync(file, 'latin1').split('\r\n')[1]!.split(';');
    for (const cell of dataRow.filter((c) => c.length >= 4)) expect(error!.message).not.toContain(cell);
  });

  test('is refused in a delivery\'s profile too, so no such header reaches a profile, finding or report', async () => {
    const file = fixtures.export('GM9903', '2026Q3');
    await expect(prepareExport(file, { ref, parsers, profile: { formaat: 'wijkmonitor-profiel', versie: 1, naam: 'x', lezer: { headerRow: 3 }, kolommen: {}, decimaal: ',' } })).rejects.toThrow(
      'lijkt een rij met gegevens, geen kolomnamen',
    );
  });

  test('real headers pass, also one with a year in it', async () => {
    const file = path.join(tempDir(), 'export.csv');
    writeFileSync(file, `BSN;Productcode;Begindatum;Bedrag 2026;2026\r\n${BSN};01A01;01-07-2026;12,50;3\r\n`);
    expect((await previewFile(file)).headers).toEqual(['BSN', 'Productcode', 'Begindatum', 'Bedrag 2026', '2026']);
  });
});

describe('the import preview (what the page gets)', () => {
  async function preview(file: string, lezer?: Record<string, unknown>): Promise<ImportPreview> {
    const { call, core, desktop } = await openTestCore();
    try {
      const { bestanden } = await call('import.dropFiles', { drop: desktop.drop([file]) });
      return await call('import.preview', { bestandId: bestanden[0]!.id, ...(lezer ? { lezer } : {}) });
    } finally {
      core.close();
    }
  }

  test('blanks names, streets and house numbers, shows birth dates as month and year, masks BSNs everywhere', async () => {
    const file = exportWith({ Product: `Begeleiding ${BSN}`, Verwijzer: '999 913 141' });
    const result = await preview(file);
    const column = (header: string) => result.rows.map((row) => row[result.headers.indexOf(header)]!);
    for (const header of ['Achternaam', 'Voorletters', 'Straat', 'Huisnummer', 'Toevoeging']) expect(column(header).every((v) => v === ''), header).toBe(true);
    expect(column('BSN').every((v) => v === '•••••••••')).toBe(true);
    expect(column('Geboortedatum').every((v) => /^\d{2}-\d{4}$/.test(v) || v === '')).toBe(true);
    expect(column('Geboortedatum')[0]).toBe('02-1954');
    expect(column('Product')[0]).toBe('Begeleiding •••••••••');
    expect(column('Verwijzer')[0]).toBe('•••••••••');
    // Codes, dates and amounts still show.
    expect(column('Productcode')[0]).toBe('01A01');
    expect(column('AGB-code')[0]).toBe('75001074');

    const text = JSON.stringify(result);
    const lines = readFileSync(file, 'latin1').split('\r\n').slice(1, 51).map((l) => l.split(';'));
    for (const cells of lines) {
      if (cells.length < 5) continue;
      expect(text).not.toContain(cells[0]!.length >= 7 ? cells[0] : '\u0000');
      expect(text).not.toContain(`"${cells[1]}"`); // Achternaam
      expect(text).not.toContain(cells[3]); // Geboortedatum in full
      expect(text).not.toContain(`"${cells[5]}"`); // Straat
    }
    expect(text).not.toContain(BSN);
  });

  test('a name or street column under an unknown header is blanked by its content', async () => {
    const file = path.join(tempDir(), 'export.csv');
    writeFileSync(file, `BSN;Klant;Adresregel;Productcode;Begindatum\r\n${BSN};J.P.;Dorpsstraat;01A01;01-07-2026\r\n999900006;A.;Kerkweg;02A01;01-07-2026\r\n`);
    const result = await preview(file);
    expect(result.rows.map((r) => [r[1], r[2], r[3]])).toEqual([['', '', '01A01'], ['', '', '02A01']]);
  });

  test('a data row chosen as Kopregel never reaches the page', async () => {
    const file = fixtures.export('GM9903', '2026Q3');
    await expect(preview(file, { headerRow: 2 })).rejects.toThrow('lijkt een rij met gegevens');
  });
});

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
    const error = await run.catch((e: unknown) => e as Error);
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
});

describe('a data row chosen as the header row (Kopregel)', () => {
  test('is refused with advice, naming only row and column letter', async () => {
    const file = fixtures.export('GM9903', '2026Q3');
    const error = await previewFile(file, { headerRow: 2 }).catch((e: unknown) => e as Error);
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

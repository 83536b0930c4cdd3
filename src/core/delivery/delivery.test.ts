import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { writeClientExport } from '../../../fixtures/exports.ts';
import { GEMEENTE_DIALECTS } from '../../../fixtures/generate.ts';
import { readExport } from '../../../fixtures/export-reader.ts';
import { readAreaFile, readProductFile } from '../classification/tableFiles.ts';
import type { ProductRow } from '../classification/productTable.ts';
import { prepareExport } from '../import/prepareExport.ts';
import { loadRecordParsers } from '../import/recordParsers.ts';
import { parsePeriode } from '../period/periode.ts';
import { normaliseBsn } from '../pseudonym/bsn.ts';
import { createKey, createPseudonymiser } from '../pseudonym/wm1.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { FIXTURE_GEMEENTEN, fixtureSet, type FixtureGemeente, type FixtureSet } from '../testing/fixtureSet.ts';
import { tempDir } from '../testing/tempDir.ts';
import { DELIVERY_COLUMNS } from './deliveryRecord.ts';
import { deliveryFiles } from './deliveryTestKit.ts';
import { deliverFromExports } from './deliverFromExports.ts';
import { verifyDelivery } from './verifyDelivery.ts';

const ref = loadReferenceTables();
const parsers = loadRecordParsers();
const periode = parsePeriode('2026Q3');
let fixtures: FixtureSet;

beforeAll(async () => {
  fixtures = await fixtureSet();
});

async function deliver(gemeente: FixtureGemeente, options: { out?: string; products?: ProductRow[]; mapping?: Record<string, string>; exportFile?: string } = {}) {
  const prepared = await prepareExport(options.exportFile ?? fixtures.export(gemeente, '2026Q3'), { ref, parsers });
  if (options.mapping) prepared.mapping = { ...prepared.mapping, ...options.mapping };
  const out = options.out ?? path.join(tempDir(), `${gemeente}_2026Q3_levering.zip`);
  const result = await deliverFromExports({
    exports: [prepared],
    pseudonymiser: createPseudonymiser(createKey()),
    gemeente: { code: gemeente, naam: 'Testgemeente' },
    periode,
    products: options.products ?? (await readProductFile(fixtures.products(gemeente), ref)),
    areas: await readAreaFile(fixtures.areas(gemeente)),
    out,
    appVersion: 'test',
    now: new Date('2026-10-15T09:00:00Z'),
    ref,
    parsers,
  });
  return { ...result, out };
}

describe.each(FIXTURE_GEMEENTEN)('delivery of %s', (gemeente) => {
  test('is accepted by verify and holds no BSN or birth date of its input', async () => {
    const { out, manifest } = await deliver(gemeente);
    expect(await verifyDelivery(out)).toMatchObject({ ok: true, problems: [] });
    expect(manifest.bestanden['voorzieningen.csv'].rijen).toBeGreaterThan(100);

    const files = await deliveryFiles(out);
    expect([...files.keys()].sort()).toEqual(['gebieden.csv', 'kwaliteit.csv', 'levering.json', 'producten.csv', 'voorzieningen.csv']);
    const text = [...files.values()].join('\n');
    const input = await readExport(fixtures.export(gemeente, '2026Q3'), GEMEENTE_DIALECTS[gemeente]);

    const bsnForms = new Set<string>();
    for (const row of input) {
      const bsn = normaliseBsn(row.bsn);
      // 000000000 and 999999999 mean "no BSN"; the quality report names them as such.
      if (bsn.kind === 'sentinel') continue;
      const nine = bsn.kind === 'ok' ? bsn.bsn : String(row.bsn).replace(/\D/g, '').padStart(9, '0');
      if (!/^\d{9}$/.test(nine)) continue;
      bsnForms.add(nine);
      const stripped = nine.replace(/^0+/, '');
      if (stripped.length >= 7) bsnForms.add(stripped);
    }
    const numbers = new Set(text.match(/(?<!\d)\d{7,9}(?!\d)/g) ?? []);
    expect([...bsnForms].filter((form) => numbers.has(form))).toEqual([]);

    // Every date that leaves is a provision date of the input (or the period's own); a birth
    // date may only appear where the very same day is also a begin-, end- or aanvraagdatum.
    const allowed = new Set<string>([periode.begin, periode.eind, '2026-10-15']);
    const raw = await import('../values/date.ts');
    for (const row of input) {
      for (const value of [row.begindatum, row.einddatum]) {
        const parsed = raw.parseDate(value instanceof Date ? value : (value ?? null));
        if (parsed.kind === 'ok') allowed.add(parsed.value);
      }
    }
    const voorzieningen = files.get('voorzieningen.csv')!.split('\r\n').slice(1).filter(Boolean);
    const aanvraag = DELIVERY_COLUMNS.indexOf('aanvraagdatum');
    for (const line of voorzieningen) allowed.add(line.split(';')[aanvraag] ?? '');
    const birthDates = new Set(input.map((r) => raw.parseDate(r.geboortedatum instanceof Date ? r.geboortedatum : r.geboortedatum)).filter((p) => p.kind === 'ok').map((p) => (p as { value: string }).value));
    const leaked = (text.match(/(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/g) ?? []).filter((d) => !allowed.has(d) && birthDates.has(d));
    expect(leaked).toEqual([]);
    const dutchBirthDates = [...birthDates].map((d) => `${d.slice(8, 10)}-${d.slice(5, 7)}-${d.slice(0, 4)}`);
    expect(dutchBirthDates.filter((d) => text.includes(d))).toEqual([]);
  });
});

describe('delivery refusals and integrity', () => {
  test('a changed byte makes verify fail', async () => {
    const { out } = await deliver('GM9902');
    const bytes = readFileSync(out);
    for (const position of [Math.floor(bytes.length / 3), Math.floor(bytes.length / 2), bytes.length - 40]) {
      const changed = Buffer.from(bytes);
      changed[position] = changed[position]! ^ 0xff;
      const copy = path.join(tempDir(), 'gewijzigd.zip');
      writeFileSync(copy, changed);
      const result = await verifyDelivery(copy);
      expect(result.ok, `byte ${position}`).toBe(false);
      expect(result.problems.length).toBeGreaterThan(0);
    }
  });

  test('an unmapped product refuses the delivery, lists the product and writes no file', async () => {
    const products = await readProductFile(fixtures.products('GM9903'), ref);
    const dropped = products[0]!.productcode;
    const dir = tempDir();
    const out = path.join(dir, 'levering.zip');
    await expect(deliver('GM9903', { out, products: products.slice(1) })).rejects.toThrow(
      new RegExp(`Levering geweigerd: 1 product staat niet in de vertaaltabel: ${dropped} \\(\\d+ rij(en)?\\).*er is geen bestand geschreven`),
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  test('the privacy scan refuses a BSN column mapped to another field and writes nothing', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'levering.zip');
    await expect(deliver('GM9903', { out, mapping: { volume: 'BSN' } })).rejects.toThrow(/privacycontrole: voorzieningen\.csv, rij 2, kolom volume/);
    // On a free-text field the header alone refuses it, before a row is read.
    await expect(deliver('GM9903', { out, mapping: { verwijzer: 'BSN' } })).rejects.toThrow('kolom "BSN" bevat persoonsgegevens');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  test('text that looks like a formula is neutralised in the CSV', async () => {
    const products = await readProductFile(fixtures.products('GM9902'), ref);
    products[0] = { ...products[0]!, product: '=HYPERLINK("http://voorbeeld.invalid","klik")' };
    const { out } = await deliver('GM9902', { products });
    const producten = (await deliveryFiles(out)).get('producten.csv')!;
    expect(producten).toContain(`"'=HYPERLINK(""http://voorbeeld.invalid"",""klik"")"`);
    expect(producten).not.toMatch(/;=HYPERLINK/);
  });
});

// The scan reads each batch (5,000 records) as one text and looks field by field only where that
// text may hold a BSN: the refusal must still name the row of the file and the column.
describe('GM9903, a BSN in one field far into a 12,000-row export', () => {
  test('is refused naming its row in voorzieningen.csv and its column, and nothing is written', async () => {
    const file = path.join(tempDir(), 'export_2026Q3.csv');
    await writeClientExport({ gemeente: 'GM9903', dialect: 'csv-cp1252', rows: 12_000, seed: 29, period: '2026Q3', path: file });
    const lines = readFileSync(file, 'latin1').split('\r\n');
    const column = lines[0]!.split(';').indexOf('Verwijzer');
    const withVerwijzer = (at: number, value: string) => {
      const changed = [...lines];
      const fields = changed[at]!.split(';');
      fields[column] = value;
      changed[at] = fields.join(';');
      writeFileSync(file, changed.join('\r\n'), 'latin1');
    };
    // A marker first, to learn which row of the delivery that export line becomes.
    let line = 10_000;
    let row = -1;
    for (; row === -1; line++) {
      withVerwijzer(line, 'MERK77');
      const csv = (await deliveryFiles((await deliver('GM9903', { exportFile: file })).out)).get('voorzieningen.csv')!;
      row = csv.split('\r\n').findIndex((r) => r.split(';')[DELIVERY_COLUMNS.indexOf('verwijzer')] === 'MERK77') + 1;
      withVerwijzer(line, lines[line]!.split(';')[column]!);
    }
    expect(row).toBeGreaterThan(5_000); // past the first batch
    withVerwijzer(line - 1, '999900006');
    const dir = tempDir();
    await expect(deliver('GM9903', { exportFile: file, out: path.join(dir, 'levering.zip') })).rejects.toThrow(
      `privacycontrole: voorzieningen.csv, rij ${row}, kolom verwijzer bevat`,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});

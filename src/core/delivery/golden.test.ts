/**
 * The delivery's bytes must not change when the pipeline is made faster (issue 17): the same
 * input, key and time give the same zip. The digests below were recorded with the code as it was
 * before the speed work (commit dee0150, one thread, objects per row); any change to reading,
 * record building, pseudonymising, CSV writing or deflate that alters one byte fails here.
 * The store import is pinned the same way (every stored record and finding).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { readAreaFile, readProductFile } from '../classification/tableFiles.ts';
import { importBatch } from '../import/importBatch.ts';
import type { MappingProfile } from '../import/mapping/profile.ts';
import { prepareExport, type PreparedExport } from '../import/prepareExport.ts';
import { loadRecordParsers } from '../import/recordParsers.ts';
import { parsePeriode } from '../period/periode.ts';
import { createPseudonymiser } from '../pseudonym/wm1.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { openDatabase } from '../store/database.ts';
import { FIXTURE_GEMEENTEN, fixtureSet, type FixtureGemeente, type FixtureSet } from '../testing/fixtureSet.ts';
import { tempDir } from '../testing/tempDir.ts';
import { deliverFromExports } from './deliverFromExports.ts';
import { writeClientExport } from '../../../fixtures/exports.ts';

const ref = loadReferenceTables();
const parsers = loadRecordParsers();
const periode = parsePeriode('2026Q3');
/** The contract's known-answer key (DESIGN.md): bytes 0x00…0x1f. */
const key = () => Buffer.from(Array.from({ length: 32 }, (_, i) => i));
let fixtures: FixtureSet;

beforeAll(async () => {
  fixtures = await fixtureSet();
});

const GOLDEN = JSON.parse(readFileSync(path.join(import.meta.dirname, 'golden', 'digests.json'), 'utf8')) as {
  delivery: Record<string, string>;
  store: Record<string, string>;
};

// Base64, not hex: a hex digest can hold nine digits in a row, which the repository's BSN check would flag.
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('base64');

async function deliveryDigest(gemeente: FixtureGemeente, exportFile = fixtures.export(gemeente, '2026Q3')): Promise<string> {
  const prepared = await prepareExport(exportFile, { ref, parsers });
  const out = path.join(tempDir(), `${gemeente}_2026Q3_levering.zip`);
  const pseudonymiser = createPseudonymiser(key());
  try {
    await deliverFromExports({
      exports: [prepared],
      pseudonymiser,
      gemeente: { code: gemeente, naam: 'Testgemeente' },
      periode,
      products: await readProductFile(fixtures.products(gemeente), ref),
      areas: await readAreaFile(fixtures.areas(gemeente)),
      out,
      appVersion: 'test',
      now: new Date('2026-10-15T09:00:00Z'),
      ref,
      parsers,
    });
  } finally {
    pseudonymiser.wipe();
  }
  return sha256(readFileSync(out));
}

const profileOf = (prepared: PreparedExport): MappingProfile => ({
  formaat: 'wijkmonitor-profiel',
  versie: 1,
  naam: 'golden',
  lezer: prepared.settings.format === 'csv' ? { encoding: prepared.settings.encoding, delimiter: prepared.settings.delimiter, headerRow: prepared.settings.headerRow } : { sheet: prepared.settings.sheet, headerRow: prepared.settings.headerRow },
  kolommen: prepared.mapping,
  decimaal: prepared.decimaal,
});

async function storeDigest(gemeente: FixtureGemeente, exportFile = fixtures.export(gemeente, '2026Q3')): Promise<string> {
  const db = await openDatabase(path.join(tempDir(), 'wijkmonitor.sqlite'));
  const prepared = await prepareExport(exportFile, { ref, parsers });
  const pseudonymiser = createPseudonymiser(key());
  try {
    await importBatch(db, { prepared, periode, profile: profileOf(prepared), pseudonymiser, parsers, now: new Date('2026-10-15T09:00:00Z') });
  } finally {
    pseudonymiser.wipe();
  }
  const rows = ['voorziening', 'bevinding'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all());
  const batch = db.prepare('SELECT rijen_gelezen, rijen_ingelezen, rijen_uitgesloten, kwaliteit FROM import_batch').all();
  db.close();
  return sha256(JSON.stringify([rows, batch]));
}

describe.each(FIXTURE_GEMEENTEN)('%s, fixed key and time', (gemeente) => {
  test('the delivery zip is byte for byte the one written before the speed work', async () => {
    expect(await deliveryDigest(gemeente)).toBe(GOLDEN.delivery[gemeente]);
  });
  test('the store import holds exactly the records and findings it held before', async () => {
    expect(await storeDigest(gemeente)).toBe(GOLDEN.store[gemeente]);
  });
});

// Many batches (5,000 rows each) and chunks, so batch order, carry-over and back-pressure count.
describe('GM9903, 23,456 rows of Windows-1252 CSV', () => {
  let big: string;
  beforeAll(async () => {
    big = path.join(tempDir(), 'export_2026Q3.csv');
    await writeClientExport({ gemeente: 'GM9903', dialect: 'csv-cp1252', rows: 23_456, seed: 17, period: '2026Q3', path: big });
  });
  test('the delivery zip is byte for byte the one written before the speed work', async () => {
    expect(await deliveryDigest('GM9903', big)).toBe(GOLDEN.delivery['GM9903-groot']);
  });
  test('the store import holds exactly the records and findings it held before', async () => {
    expect(await storeDigest('GM9903', big)).toBe(GOLDEN.store['GM9903-groot']);
  });
});

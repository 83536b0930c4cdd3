import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { replaceAreas, replaceProducts } from '../../classification/classificationStore.ts';
import { readAreaFile, readProductFile } from '../../classification/tableFiles.ts';
import { importBatch } from '../../import/importBatch.ts';
import { prepareExport } from '../../import/prepareExport.ts';
import { loadRecordParsers } from '../../import/recordParsers.ts';
import { parsePeriode } from '../../period/periode.ts';
import { createPseudonymiser } from '../../pseudonym/wm1.ts';
import { loadReferenceTables } from '../../resources/referenceTables.ts';
import { setGemeente } from '../../settings/settings.ts';
import { openDatabase } from '../../store/database.ts';
import { FIXTURE_GEMEENTEN, fixtureSet } from '../../testing/fixtureSet.ts';
import { tempDir } from '../../testing/tempDir.ts';
import { EXPORT_LEVELS, type Figure } from '../figures.ts';
import { writeFiguresCsv } from '../figuresCsv.ts';
import { quarterlyRecords } from '../haarlemTestData.ts';
import { testRecords, type TestRecords } from '../indicatorTestKit.ts';
import { REPEAT_CARE, syntheticQuarters } from '../oracleCases.ts';
import { closeStoreFigures, withStoreFigures } from '../storeRecordSet.ts';
import { computeFiguresSql, streamFiguresSql } from './figuresSql.ts';
import { buildDuckScope } from './recordTables.ts';

/*
 * The oracle (testdata/golden/README.md): for the same records the SQL engine writes the figures
 * CSV the one-pass JS engine wrote, byte for byte.
 */
const ref = loadReferenceTables();
const pijlerVolgorde = ref.pijlers.map((p) => p.code);
const GOLDEN = path.join(import.meta.dirname, '..', 'testdata', 'golden');

async function expectGolden(figures: Iterable<Figure>, name: string): Promise<void> {
  const file = path.join(tempDir(), 'cijfers.csv');
  const rows = await writeFiguresCsv(file, figures);
  expect(rows).toBeGreaterThan(10);
  const expected = gunzipSync(readFileSync(path.join(GOLDEN, `${name}.csv.gz`))).toString('utf8');
  const actual = readFileSync(file, 'utf8');
  // Line by line first: a difference then names the figure, not just "strings differ".
  const want = expected.split('\r\n');
  const got = actual.split('\r\n');
  const first = want.findIndex((line, i) => line !== got[i]);
  expect(first === -1 ? null : { line: first, golden: want[first], sql: got[first] }, name).toBeNull();
  expect(actual).toBe(expected);
}

async function expectGoldenOf(t: TestRecords, name: string, code: string): Promise<void> {
  await expectGolden(await t.figures(code, EXPORT_LEVELS, { pijlerVolgorde }), `${name}-${code}`);
}

describe('the SQL engine writes the oracle’s figures CSV byte for byte', () => {
  test('synthetic quarters of two gemeenten: a quarter with its predecessor, a half year, a year', async () => {
    const t = await testRecords();
    for (const s of syntheticQuarters()) t.load(s.periode, s.records, s.gemeente);
    for (const code of ['2026Q3', '2026Q1', '2026H2', '2026']) await expectGoldenOf(t, 'synthetisch', code);

    // ALLE follows the gemeenten's rows; those stay exactly the oracle's.
    const own = await t.figures('2026Q3', EXPORT_LEVELS, { pijlerVolgorde });
    const withAlle = await t.figures('2026Q3', EXPORT_LEVELS, { pijlerVolgorde, alle: true });
    expect(withAlle.slice(0, own.length)).toEqual(own);
    const alle = withAlle.slice(own.length);
    expect(alle.length).toBeGreaterThan(100);
    expect(alle.every((f) => f.gemeente === 'ALLE' && f.niveau === 'gemeente' && f.gebied === '')).toBe(true);
    const sum = (indicator: string, dimensie: string) => own.filter((f) => f.niveau === 'gemeente' && f.indicator === indicator && f.dimensie === dimensie).reduce((n, f) => n + f.waarde, 0);
    const of = (indicator: string, dimensie: string) => alle.find((f) => f.indicator === indicator && f.dimensie === dimensie)?.waarde;
    // Clients of two gemeenten are never one client, so every count of ALLE is the sum of theirs.
    for (const [indicator, dimensie] of [['clienten', ''], ['huishoudens', 'pijler=JW'], ['instroom', 'pijler=WMO'], ['herhaald_beroep', ''], ['clienten', 'productcode=JW1|aanbieder=A2'], ['voorzieningen', 'aanbieder=zorg zuid'], ['stapeling', 'pijler=WMO+JW'], ['clienten_jeugd_18_plus', '']] as const) {
      expect(of(indicator, dimensie), `${indicator} ${dimensie}`).toBe(sum(indicator, dimensie));
    }
    expect(of('kosten', '')).toBeCloseTo(sum('kosten', ''), 2);
    expect(of('stapeling', 'pijler=WMO+JW')).toBeGreaterThan(0);

    // In batches (one split or level at a time), the same figures in the same order.
    const scope = await t.scope('2026Q3');
    const batches: Figure[][] = [];
    const count = await streamFiguresSql(t.connection, { periode: scope.periode, vorige: scope.vorige, levels: EXPORT_LEVELS, pijlerVolgorde, alle: true }, (batch) => {
      batches.push(batch);
    });
    expect(batches.length).toBeGreaterThan(20);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThan(withAlle.length / 4);
    expect(batches.flat()).toEqual(withAlle);
    expect(count).toBe(withAlle.length);

    // Distinct clients and households counted by count(DISTINCT) in every split, not as bit strings: the same figures.
    const byHashSets: Figure[] = [];
    await streamFiguresSql(t.connection, { periode: scope.periode, vorige: scope.vorige, levels: EXPORT_LEVELS, pijlerVolgorde, alle: true, idBitsBudget: 0 }, (batch) => {
      byHashSets.push(...batch);
    });
    expect(byHashSets).toEqual(withAlle);
    t.close();
  });

  test('repeat care and instroom over a gap', async () => {
    const t = await testRecords();
    for (const [periode, records] of Object.entries(REPEAT_CARE)) t.load(periode, records);
    await expectGoldenOf(t, 'herhaald', '2026Q2');
    t.close();
  });

  test('Haarlem bijlage 6 records (four quarters, one year)', async () => {
    const t = await testRecords();
    for (const [quarter, records] of quarterlyRecords()) t.load(quarter, records, 'GM0392');
    for (const code of ['2019', '2019Q4', '2019H2']) await expectGoldenOf(t, 'haarlem', code);
    t.close();
  });

  test.each(FIXTURE_GEMEENTEN)('fixture gemeente %s from its store, both quarters', async (gemeente) => {
    const fixtures = await fixtureSet();
    const parsers = loadRecordParsers();
    const db = await openDatabase(path.join(tempDir(), 'wijkmonitor.sqlite'));
    setGemeente(db, gemeente, gemeente);
    replaceProducts(db, await readProductFile(fixtures.products(gemeente), ref));
    replaceAreas(db, await readAreaFile(fixtures.areas(gemeente)));
    // The key the oracle was written with: pseudonyms, and so the order of first sight, depend on it.
    const pseudonymiser = createPseudonymiser(Buffer.alloc(32, 7));
    for (const periode of ['2026Q2', '2026Q3'] as const) {
      const prepared = await prepareExport(fixtures.export(gemeente, periode), { ref, parsers });
      const profile = { formaat: 'wijkmonitor-profiel', versie: 1, naam: 'test', lezer: {}, kolommen: prepared.mapping, decimaal: prepared.decimaal } as never;
      await importBatch(db, { prepared, periode: parsePeriode(periode), profile, pseudonymiser, parsers });
    }
    for (const code of ['2026Q3', '2026Q2']) {
      const figures = await withStoreFigures(db, async ({ connection, set }) => {
        const scope = await buildDuckScope(connection, set, parsePeriode(code));
        return computeFiguresSql(connection, { periode: scope.periode, vorige: scope.vorige, levels: EXPORT_LEVELS, pijlerVolgorde });
      });
      await expectGolden(figures, `${gemeente}-${code}`);
    }
    closeStoreFigures(db);
    db.close();
  }, 60_000);
});

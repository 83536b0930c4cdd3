import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDuckDb } from '../../central/store/duckdb.ts';
import type { DeliveryRecord } from '../../delivery/deliveryRecord.ts';
import { replaceAreas, replaceProducts } from '../../classification/classificationStore.ts';
import { readAreaFile, readProductFile } from '../../classification/tableFiles.ts';
import { importBatch } from '../../import/importBatch.ts';
import { prepareExport } from '../../import/prepareExport.ts';
import { loadRecordParsers } from '../../import/recordParsers.ts';
import { parsePeriode } from '../../period/periode.ts';
import { createKey, createPseudonymiser } from '../../pseudonym/wm1.ts';
import { loadReferenceTables } from '../../resources/referenceTables.ts';
import { setGemeente } from '../../settings/settings.ts';
import { openDatabase, type Db } from '../../store/database.ts';
import { FIXTURE_GEMEENTEN, fixtureSet } from '../../testing/fixtureSet.ts';
import { tempDir } from '../../testing/tempDir.ts';
import { computeFigures, EXPORT_LEVELS } from '../figures.ts';
import { writeFiguresCsv } from '../figuresCsv.ts';
import { quarterlyRecords } from '../haarlemTestData.ts';
import { loadTestSource, rec } from '../indicatorTestKit.ts';
import { buildPeriodScope } from '../periodScope.ts';
import { syncStoreRecordSet } from '../storeRecordSet.ts';
import { computeFiguresSql } from './figuresSql.ts';
import { buildDuckScope, createDuckRecordSet, type DuckRecordSet } from './recordTables.ts';
import { copyScopeToDuckDb } from './scopeTables.ts';
import { Random } from '../../../../fixtures/random.ts';

/*
 * The oracle: the one-pass JS engine (figures.ts) and the SQL engine must write the same figures
 * CSV, byte for byte, for the same records.
 */
const ref = loadReferenceTables();
const pijlerVolgorde = ref.pijlers.map((p) => p.code);
let duck: Awaited<ReturnType<typeof openDuckDb>>;

beforeAll(async () => {
  duck = await openDuckDb({ tempDir: tempDir('wm-duck-') });
});
afterAll(() => duck.close());

/** The same records into SQLite's record set (old engine) and DuckDB's (the deliveries' direct path). */
type Pair = { db: Db; set: DuckRecordSet };
async function pair(): Promise<Pair> {
  return { db: new Database(':memory:'), set: await createDuckRecordSet(duck.connection) };
}
async function load(p: Pair, periode: string, records: DeliveryRecord[], gemeente = 'GM9901'): Promise<void> {
  await loadTestSource(p.db, periode, records, gemeente);
  const sink = p.set.open({ gemeente, gemeentenaam: `Testgemeente ${gemeente}`, periode: parsePeriode(periode), omschrijving: `test ${periode}` });
  sink.add(records);
  sink.finish();
}

async function allThree(p: Pair, code: string): Promise<void> {
  const result = await bothCsv(p.db, code);
  expectSame(result);
  const periode = parsePeriode(code);
  const scope = await buildDuckScope(duck.connection, p.set, periode);
  expect(scope).toEqual(buildPeriodScope(p.db, periode));
  const file = path.join(tempDir(), 'direct.csv');
  await writeFiguresCsv(file, await computeFiguresSql(duck.connection, { periode, vorige: scope.vorige, levels: EXPORT_LEVELS, pijlerVolgorde }));
  expectSame({ ...result, sql: readFileSync(file, 'utf8') });
}

async function bothCsv(db: Db, code: string): Promise<{ js: string; sql: string; rows: number }> {
  const periode = parsePeriode(code);
  const dir = tempDir();
  const scope = buildPeriodScope(db, periode);
  const jsFile = path.join(dir, 'js.csv');
  const rows = await writeFiguresCsv(jsFile, computeFigures(db, scope, { levels: EXPORT_LEVELS, pijlerVolgorde }));
  const again = buildPeriodScope(db, periode);
  await copyScopeToDuckDb(db, again, duck.connection);
  const sqlFile = path.join(dir, 'sql.csv');
  await writeFiguresCsv(sqlFile, await computeFiguresSql(duck.connection, { periode, vorige: again.vorige, levels: EXPORT_LEVELS, pijlerVolgorde }));
  return { js: readFileSync(jsFile, 'utf8'), sql: readFileSync(sqlFile, 'utf8'), rows };
}

function expectSame(result: { js: string; sql: string; rows: number }): void {
  expect(result.rows).toBeGreaterThan(10);
  // Line by line first: a difference then names the figure, not just "strings differ".
  const js = result.js.split('\r\n');
  const sql = result.sql.split('\r\n');
  const first = js.findIndex((line, i) => line !== sql[i]);
  expect(first === -1 ? null : { line: first, js: js[first], sql: sql[first] }).toBeNull();
  expect(result.sql).toBe(result.js);
}

/** A seeded mix: several gemeenten, households across clients, JW ages around 18, repeat care, moves. */
function synthetic(seed: number, count: number, quarter: number): DeliveryRecord[] {
  const generator = new Random(seed);
  const rnd = () => generator.next();
  const pick = <T,>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const day = (from: string, span: number) => new Date(Date.parse(from) + Math.floor(rnd() * span) * 86_400_000).toISOString().slice(0, 10);
  const qBegin = `2026-${String(quarter * 3 - 2).padStart(2, '0')}-01`;
  return Array.from({ length: count }, (_, i) => {
    const c = Math.floor(rnd() ** 1.5 * count * 0.4);
    const pijler = pick(['WMO', 'JW', 'PW', 'SHV', 'JW']);
    const begindatum = rnd() < 0.5 ? day('2025-01-01', 450) : day(qBegin, 90);
    const ended = rnd() < 0.45;
    return rec({
      client: `T${String(c).padStart(5, '0')}`,
      huishouden: c % 4 === 0 ? null : `H${Math.floor(c / 2)}`,
      leeftijd: rnd() < 0.1 ? null : pijler === 'JW' ? 14 + Math.floor(rnd() * 8) : 30 + (c % 50),
      wijk: `WK9901${String((c + (rnd() < 0.1 ? i : 0)) % 7).padStart(2, '0')}`,
      gebied: rnd() < 0.2 ? null : `G${c % 3}`,
      pijler,
      productcode: `${pijler}${Math.floor(rnd() * 6)}`,
      voorziening: `${pijler}-0${Math.floor(rnd() * 3)}`,
      leefdomein: `LD0${1 + (c % 4)}`,
      begindatum,
      einddatum: ended ? new Date(Math.max(Date.parse(begindatum), Date.parse(qBegin)) + Math.floor(rnd() * 100) * 86_400_000).toISOString().slice(0, 10) : null,
      aanbieder: rnd() < 0.1 ? null : pick(['A1', 'A2', 'A3', 'A4']),
      aanbieder_naam: pick(['Zorg Noord', 'Zorg Zuid', 'zorg  noord']),
      kosten: rnd() < 0.2 ? null : Math.round(rnd() * 300_000) / 100,
      aanvraagdatum: rnd() < 0.5 ? day('2025-12-01', 200) : null,
    });
  });
}

describe('the SQL engine writes the old engine’s figures CSV byte for byte', () => {
  test('synthetic quarters of two gemeenten: a quarter with its predecessor, a half year, a year', async () => {
    const p = await pair();
    for (const gemeente of ['GM9901', 'GM9902']) {
      for (const q of [1, 2, 3, 4]) await load(p, `2026Q${q}`, synthetic(q * 7 + gemeente.charCodeAt(5), 1500, q), gemeente);
    }
    for (const code of ['2026Q3', '2026Q1', '2026H2', '2026']) await allThree(p, code);

    // ALLE follows the gemeenten's rows; those stay exactly the old engine's.
    const periode = parsePeriode('2026Q3');
    const scope = await buildDuckScope(duck.connection, p.set, periode);
    const withAlle = await computeFiguresSql(duck.connection, { periode, vorige: scope.vorige, levels: EXPORT_LEVELS, pijlerVolgorde, alle: true });
    const own = await computeFiguresSql(duck.connection, { periode, vorige: scope.vorige, levels: EXPORT_LEVELS, pijlerVolgorde });
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
    p.set.close();
  });

  test('repeat care and instroom over a gap, by hand', async () => {
    const p = await pair();
    await load(p, '2026Q1', [
      rec({ client: 'R1', begindatum: '2025-06-01', einddatum: '2026-01-20' }),
      rec({ client: 'R2', begindatum: '2026-01-05', pijler: 'JW', leeftijd: 17 }),
      rec({ client: 'R3', begindatum: '2025-01-01', einddatum: '2026-03-31', wijk: 'WK990102' }),
    ]);
    await load(p, '2026Q2', [
      rec({ client: 'R1', begindatum: '2026-04-10' }),
      rec({ client: 'R2', begindatum: '2026-01-05', pijler: 'JW', leeftijd: 18 }),
      rec({ client: 'R3', begindatum: '2026-04-01', wijk: 'WK990101' }),
      rec({ client: 'R4', begindatum: '2026-05-01', huishouden: 'H-R1' }),
    ]);
    await allThree(p, '2026Q2');
    p.set.close();
  });

  test('Haarlem bijlage 6 records (four quarters, one year)', async () => {
    const p = await pair();
    for (const [quarter, records] of quarterlyRecords()) await load(p, quarter, records, 'GM0392');
    for (const code of ['2019', '2019Q4', '2019H2']) await allThree(p, code);
    p.set.close();
  });

  test.each(FIXTURE_GEMEENTEN)('fixture gemeente %s from its store, both quarters', async (gemeente) => {
    const fixtures = await fixtureSet();
    const parsers = loadRecordParsers();
    const db = await openDatabase(path.join(tempDir(), 'wijkmonitor.sqlite'));
    setGemeente(db, gemeente, gemeente);
    replaceProducts(db, await readProductFile(fixtures.products(gemeente), ref));
    replaceAreas(db, await readAreaFile(fixtures.areas(gemeente)));
    const pseudonymiser = createPseudonymiser(createKey());
    for (const periode of ['2026Q2', '2026Q3'] as const) {
      const prepared = await prepareExport(fixtures.export(gemeente, periode), { ref, parsers });
      const profile = { formaat: 'wijkmonitor-profiel', versie: 1, naam: 'test', lezer: {}, kolommen: prepared.mapping, decimaal: prepared.decimaal } as never;
      await importBatch(db, { prepared, periode: parsePeriode(periode), profile, pseudonymiser, parsers });
    }
    await syncStoreRecordSet(db);
    for (const code of ['2026Q3', '2026Q2']) expectSame(await bothCsv(db, code));
    db.close();
  }, 60_000);
});

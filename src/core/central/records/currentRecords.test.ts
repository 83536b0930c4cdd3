import { afterEach, describe, expect, test } from 'vitest';
import { tempDir } from '../../testing/tempDir.ts';
import { rec, records, writeTestDelivery } from '../centralTestKit.ts';
import { importDeliveries } from '../intake/importDeliveries.ts';
import { openCentralStore, type CentralStore } from '../store/centralStore.ts';
import { duckTempDir, openDuckDb } from '../store/duckdb.ts';
import { currentRecordFiles, recordsSql } from './currentRecords.ts';

const opened: CentralStore[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

async function storeWith(deliveries: Parameters<typeof writeTestDelivery>[0][]) {
  const s = await openCentralStore(tempDir('wm-central-'));
  opened.push(s);
  const files = [];
  for (const d of deliveries) files.push(await writeTestDelivery({ ...d, dir: tempDir() }));
  const lines = await importDeliveries(s, files, { signal: new AbortController().signal });
  expect(lines.map((l) => l.uitkomst).filter((u) => u === 'geweigerd')).toEqual([]);
  return s;
}

async function totals(s: CentralStore, sql: string) {
  const duck = await openDuckDb({ tempDir: duckTempDir(s.dataDir) });
  try {
    const rows = (await duck.connection.runAndReadAll(`SELECT count(*)::INTEGER AS voorzieningen, count(DISTINCT client)::INTEGER AS clienten, CAST(sum(kosten) AS DOUBLE) AS kosten, max(CAST(einddatum AS VARCHAR)) AS eind FROM (${sql})`)).getRowObjects();
    return rows[0];
  } finally {
    duck.close();
  }
}

// c1 runs through both quarters (an open voorziening), c2 only in Q1, c3 starts in Q2.
const q1 = [rec({ client: 'c1', begindatum: '2026-01-10', kosten: 100 }), rec({ client: 'c2', begindatum: '2026-02-01', einddatum: '2026-03-15', kosten: 50 })];
const q2 = [rec({ client: 'c1', begindatum: '2026-01-10', kosten: 120 }), rec({ client: 'c3', begindatum: '2026-05-01', kosten: 10 })];

describe('records for a period', () => {
  test('a year uses the year delivery when present, else its quarters, and says which', async () => {
    const s = await storeWith([
      { gemeente: 'GM9901', periode: '2026Q1', records: q1 },
      { gemeente: 'GM9901', periode: '2026Q2', records: q2 },
      { gemeente: 'GM9901', periode: '2026', records: records(5, { begindatum: '2026-01-01' }) },
      { gemeente: 'GM9902', periode: '2026Q1', records: q1 },
      { gemeente: 'GM9902', periode: '2026Q2', records: q2 },
    ]);
    const year = currentRecordFiles(s, '2026');
    expect(year.map((g) => [g.gemeente, g.bron, g.delen.map((d) => d.periode), g.ontbreekt])).toEqual([
      ['GM9901', 'levering', ['2026'], []],
      ['GM9902', 'deelperioden', ['2026Q1', '2026Q2'], ['2026Q3', '2026Q4']],
    ]);
    expect(year[1]!.uitleg).toContain('2026Q3, 2026Q4 ontbreekt');
    // Both kept: the quarter figure still comes from the quarter.
    expect(currentRecordFiles(s, '2026Q1').map((g) => [g.gemeente, g.delen.map((d) => d.periode)])).toEqual([['GM9901', ['2026Q1']], ['GM9902', ['2026Q1']]]);
    // No half-year delivery: its quarters.
    expect(currentRecordFiles(s, '2026H1')[0]!.delen.map((d) => d.periode)).toEqual(['2026Q1', '2026Q2']);
    expect(await totals(s, recordsSql(year[0]!.delen))).toMatchObject({ voorzieningen: 5 });
  });

  test('from quarters a voorziening running through both counts once, with the costs of both', async () => {
    const s = await storeWith([
      { periode: '2026Q1', records: q1 },
      { periode: '2026Q2', records: q2 },
    ]);
    const [half] = currentRecordFiles(s, '2026H1');
    expect(await totals(s, recordsSql(half!.delen))).toEqual({ voorzieningen: 3, clienten: 3, kosten: 280, eind: '2026-03-15' });
  });

  test('the latest quarter decides values such as einddatum; a superseded version is never used', async () => {
    const s = await storeWith([
      { periode: '2026Q1', records: [rec({ client: 'c1', begindatum: '2026-01-10', einddatum: null })] },
      { periode: '2026Q2', records: [rec({ client: 'c1', begindatum: '2026-01-10', einddatum: '2026-04-30' })] },
      { periode: '2026Q2', records: [rec({ client: 'c1', begindatum: '2026-01-10', einddatum: '2026-05-31' })], aangemaakt: '2026-07-01T00:00:00.000Z' },
    ]);
    const [half] = currentRecordFiles(s, '2026H1');
    expect(half!.delen.map((d) => [d.periode, d.versie])).toEqual([['2026Q1', 1], ['2026Q2', 2]]);
    expect(await totals(s, recordsSql(half!.delen))).toMatchObject({ voorzieningen: 1, eind: '2026-05-31' });
  });

  test('quarters pseudonymised with different keys are flagged: their clients cannot be linked', async () => {
    const s = await storeWith([
      { gemeente: 'GM9901', periode: '2026Q1', records: q1, sleutel: '1111111111111111' },
      { gemeente: 'GM9901', periode: '2026Q2', records: q2, sleutel: '2222222222222222' },
      { gemeente: 'GM9902', periode: '2026Q1', records: q1 },
      { gemeente: 'GM9902', periode: '2026Q2', records: q2 },
    ]);
    const half = currentRecordFiles(s, '2026H1');
    expect(half.map((g) => [g.gemeente, g.sleutelBreuk])).toEqual([['GM9901', true], ['GM9902', false]]);
    expect(half[0]!.uitleg).toContain('verschillende sleutels');
    expect(currentRecordFiles(s, '2026Q2')[0]!.sleutelBreuk).toBe(false);
  });

  test('two identical voorzieningen inside one delivery stay two', async () => {
    const twice = [rec({ client: 'c1', begindatum: '2026-01-10', kosten: 5 }), rec({ client: 'c1', begindatum: '2026-01-10', kosten: 5 })];
    const s = await storeWith([
      { periode: '2026Q1', records: twice },
      { periode: '2026Q2', records: twice },
    ]);
    expect(await totals(s, recordsSql(currentRecordFiles(s, '2026H1')[0]!.delen))).toMatchObject({ voorzieningen: 2, clienten: 1, kosten: 20 });
  });
});

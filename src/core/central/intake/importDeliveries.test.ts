import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { tempDir } from '../../testing/tempDir.ts';
import { rec, records, writeTestDelivery } from '../centralTestKit.ts';
import { openCentralStore, type CentralStore } from '../store/centralStore.ts';
import { duckTempDir, openDuckDb, sqlText } from '../store/duckdb.ts';
import { verifyDelivery } from '../../delivery/verifyDelivery.ts';
import { importDeliveries } from './importDeliveries.ts';

const opened: CentralStore[] = [];
async function store() {
  const s = await openCentralStore(tempDir('wm-central-'));
  opened.push(s);
  return s;
}
afterEach(() => opened.splice(0).forEach((s) => s.close()));

const run = (s: CentralStore, files: string[], signal = new AbortController().signal) => importDeliveries(s, files, { signal });

function parquetFiles(dir: string): string[] {
  const root = path.join(dir, 'records');
  return existsSync(root) ? (readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith('.parquet')) : [];
}

describe('central intake', () => {
  test('a delivery becomes one typed Parquet file and one current row', async () => {
    const s = await store();
    const file = await writeTestDelivery({
      periode: '2026Q3',
      records: [
        rec({ client: 'c1', kosten: 100.25, leeftijd: 7, begindatum: '2026-07-01', einddatum: '2026-08-31', product: '=formule', categorie: '02', volume: 2.5 }),
        rec({ client: 'c2', kosten: -20.1, begindatum: '2025-01-15' }),
      ],
    });
    const [line] = await run(s, [file]);
    expect(line).toMatchObject({ uitkomst: 'nieuw', gemeente: 'GM9901', periode: '2026Q3', versie: 1, rijen: 2, sleutelGewijzigd: false });
    const row = s.db.prepare('SELECT status, parquet, rijen, versie FROM levering').get() as { status: string; parquet: string; rijen: number };
    expect(row).toMatchObject({ status: 'actueel', rijen: 2, versie: 1 });
    expect(row.parquet).toMatch(/^records\/periode=2026Q3\/gemeente=GM9901\/[0-9a-f]{12}\.parquet$/);

    const duck = await openDuckDb({ tempDir: duckTempDir(s.dataDir) });
    try {
      const source = `read_parquet(${sqlText(s.resolve(row.parquet))})`;
      const types = (await duck.connection.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${source})`)).getRowObjects();
      const typeOf = Object.fromEntries(types.map((t) => [t.column_name, t.column_type]));
      expect(typeOf).toMatchObject({ leeftijd: 'SMALLINT', begindatum: 'DATE', einddatum: 'DATE', kosten: 'DECIMAL(18,2)', categorie: 'VARCHAR', client: 'VARCHAR', volume: 'DOUBLE' });
      const values = (await duck.connection.runAndReadAll(`SELECT client, CAST(kosten AS VARCHAR) AS kosten, leeftijd, CAST(einddatum AS VARCHAR) AS eind, product, categorie FROM ${source} ORDER BY client`)).getRowObjects();
      expect(values).toEqual([
        { client: 'c1', kosten: '100.25', leeftijd: 7, eind: '2026-08-31', product: '=formule', categorie: '02' },
        { client: 'c2', kosten: '-20.10', leeftijd: 40, eind: null, product: 'Product 1', categorie: null },
      ]);
    } finally {
      duck.close();
    }
    expect(existsSync(path.join(s.dataDir, 'ontvangst-tmp')) ? readdirSync(path.join(s.dataDir, 'ontvangst-tmp')) : []).toEqual([]);
  });

  test('the same file again is already present; another file for the period supersedes it', async () => {
    const s = await store();
    const first = await writeTestDelivery({ periode: '2026Q3', records: records(3), dir: tempDir() });
    const second = await writeTestDelivery({ periode: '2026Q3', records: records(4), aangemaakt: '2026-10-20T10:00:00.000Z', dir: tempDir() });
    expect((await run(s, [first]))[0]!.uitkomst).toBe('nieuw');
    expect(await run(s, [first])).toEqual([{ bestand: path.basename(first), uitkomst: 'al aanwezig', gemeente: 'GM9901', periode: '2026Q3', versie: 1 }]);
    expect((await run(s, [second]))[0]).toMatchObject({ uitkomst: 'vervangt', versie: 2, vervangt: 1, rijen: 4 });
    const rows = s.db.prepare('SELECT versie, status, parquet FROM levering ORDER BY versie').all() as { versie: number; status: string; parquet: string }[];
    expect(rows.map((r) => [r.versie, r.status])).toEqual([[1, 'vervangen'], [2, 'actueel']]);
    // The superseded version is kept for the audit log, its records too.
    for (const r of rows) expect(existsSync(s.resolve(r.parquet))).toBe(true);
    expect((await run(s, [first]))[0]!.uitkomst).toBe('al aanwezig');
  });

  test('a later period never replaces an earlier one', async () => {
    const s = await store();
    await run(s, [await writeTestDelivery({ periode: '2026Q2', records: records(2) }), await writeTestDelivery({ periode: '2026Q3', records: records(2) })]);
    expect(s.db.prepare("SELECT periode FROM levering WHERE status = 'actueel' ORDER BY periode").pluck().all()).toEqual(['2026Q2', '2026Q3']);
  });

  test('a tampered delivery is refused with the reason, nothing stored, and the others still go in', async () => {
    const s = await store();
    const bad = await writeTestDelivery({ gemeente: 'GM9902', periode: '2026Q3', records: records(3), tamper: (csv) => csv.replace('Product 1', 'Product 2') });
    const good = await writeTestDelivery({ gemeente: 'GM9903', periode: '2026Q3', records: records(3) });
    const lines = await run(s, [bad, good]);
    expect(lines[0]).toMatchObject({ uitkomst: 'geweigerd', gemeente: 'GM9902' });
    expect(lines[0]!.reden).toContain('controlesom');
    expect(lines[1]).toMatchObject({ uitkomst: 'nieuw', gemeente: 'GM9903' });
    const refused = s.db.prepare("SELECT parquet, reden FROM levering WHERE status = 'geweigerd'").get() as { parquet: null; reden: string };
    expect(refused.parquet).toBeNull();
    expect(parquetFiles(s.dataDir)).toHaveLength(1);
  });

  test('a field that could be a BSN is refused by the privacy scan, naming row and column but not the value', async () => {
    const s = await store();
    // 999900006: a synthetic test number (9999…) that passes the 11-proef.
    const file = await writeTestDelivery({ periode: '2026Q3', records: [rec({ client: 'c1' }), rec({ client: 'c2', verwijzer: '999900006' })] });
    const [line] = await run(s, [file]);
    expect(line!.uitkomst).toBe('geweigerd');
    expect(line!.reden).toContain('rij 3, kolom verwijzer');
    expect(line!.reden).not.toContain('999900006');
    expect(JSON.stringify(s.db.prepare('SELECT * FROM levering').all())).not.toContain('999900006');
    expect(parquetFiles(s.dataDir)).toEqual([]);
  });

  test.each([
    ['too few', 24, (csv: string) => csv.replace(/^((?:[^\r]*\r\n){2}[^;]*);[^;]*/, '$1')],
    ['too many', 26, (csv: string) => csv.replace(/^((?:[^\r]*\r\n){2}[^\r]*)/, '$1;x')],
  ])('a plain file with a row of %s fields is refused with what verify says of it, not what DuckDB says', async (_, fields, rewrite) => {
    const s = await store();
    // Its checksums and row count match: only reading it field by field finds the row.
    // No quote, CRLF, no empty line: plain, so the first check reads its bytes only.
    const file = await writeTestDelivery({ periode: '2026Q3', records: records(3), rewrite });
    const [line] = await run(s, [file]);
    expect(line!.uitkomst).toBe('geweigerd');
    expect(line!.reden).toContain(`rij 3 heeft ${fields} velden in plaats van 25`);
    expect(line!.reden).toBe((await verifyDelivery(file)).problems.join(' '));
    expect(parquetFiles(s.dataDir)).toEqual([]);
  });

  test('a file that is no zip at all is refused without gemeente or periode', async () => {
    const s = await store();
    const file = path.join(tempDir(), 'kapot.zip');
    (await import('node:fs')).writeFileSync(file, 'geen zip');
    const [line] = await run(s, [file]);
    expect(line).toMatchObject({ uitkomst: 'geweigerd', gemeente: null, periode: null });
    expect(line!.reden).toContain('kapot.zip');
  });

  test('a value that breaks the column type is refused naming row and column, never the value', async () => {
    const s = await store();
    const file = await writeTestDelivery({ periode: '2026Q3', records: [rec({ client: 'c1' }), rec({ client: 'c2', begindatum: '2026-13-45' })] });
    const [line] = await run(s, [file]);
    expect(line!.uitkomst).toBe('geweigerd');
    expect(line!.reden).toMatch(/rij 3, kolom begindatum/);
    expect(line!.reden).not.toContain('2026-13-45');
    expect(parquetFiles(s.dataDir)).toEqual([]);
  });

  test('a key fingerprint that differs from the previous delivery is accepted and flagged', async () => {
    const s = await store();
    await run(s, [await writeTestDelivery({ periode: '2026Q2', records: records(2), sleutel: '1111111111111111' })]);
    const [same] = await run(s, [await writeTestDelivery({ periode: '2026Q3', records: records(2), sleutel: '1111111111111111' })]);
    const [changed] = await run(s, [await writeTestDelivery({ periode: '2026Q4', records: records(2), sleutel: '2222222222222222' })]);
    expect(same!.sleutelGewijzigd).toBe(false);
    expect(changed).toMatchObject({ uitkomst: 'nieuw', sleutelGewijzigd: true });
    expect(s.db.prepare('SELECT periode, sleutel_gewijzigd FROM levering ORDER BY periode').raw().all()).toEqual([['2026Q2', 0], ['2026Q3', 0], ['2026Q4', 1]]);
  });

  test('a cancelled import leaves neither a row nor a file; files before it stay', async () => {
    const s = await store();
    const done = await writeTestDelivery({ gemeente: 'GM9904', periode: '2026Q3', records: records(10) });
    const big = await writeTestDelivery({ gemeente: 'GM9905', periode: '2026Q3', records: records(60_000) });
    const controller = new AbortController();
    const promise = importDeliveries(s, [done, big], {
      signal: controller.signal,
      progress: (event) => {
        if (event.phase.endsWith('inlezen') && event.phase.startsWith('GM9905')) setTimeout(() => controller.abort(), 5);
      },
    });
    await expect(promise).rejects.toThrow();
    expect(s.db.prepare('SELECT gemeente FROM levering').pluck().all()).toEqual(['GM9904']);
    expect(parquetFiles(s.dataDir)).toHaveLength(1);
    expect(readdirSync(path.join(s.dataDir, 'ontvangst-tmp'))).toEqual([]);
  });

  test('a cancel at any moment of a file leaves the catalogue and records folder as before', async () => {
    for (const delay of [0, 20, 60]) {
      const s = await store();
      const big = await writeTestDelivery({ periode: '2026Q3', records: records(40_000) });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), delay);
      const outcome = await importDeliveries(s, [big], { signal: controller.signal }).then(() => 'klaar', () => 'afgebroken');
      const rows = s.db.prepare('SELECT count(*) FROM levering').pluck().get();
      // Either it finished before the cancel (one row, one file) or nothing at all is left.
      expect([outcome, rows, parquetFiles(s.dataDir).length]).toEqual(outcome === 'klaar' ? ['klaar', 1, 1] : ['afgebroken', 0, 0]);
    }
  });
});

import { spawn } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { replaceAreas, replaceProducts } from '../classification/classificationStore.ts';
import { readAreaFile, readProductFile } from '../classification/tableFiles.ts';
import { deliverFromStore } from '../delivery/deliverFromStore.ts';
import { deliveryFiles } from '../delivery/deliveryTestKit.ts';
import { verifyDelivery } from '../delivery/verifyDelivery.ts';
import { parsePeriode } from '../period/periode.ts';
import { createKey, createPseudonymiser, type Pseudonymiser } from '../pseudonym/wm1.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import { openDatabase, type Db } from '../store/database.ts';
import { fixtureSet, type FixtureSet } from '../testing/fixtureSet.ts';
import { tempDir } from '../testing/tempDir.ts';
import { importBatch, removeStagingBatches } from './importBatch.ts';
import type { MappingProfile } from './mapping/profile.ts';
import { prepareExport, type PreparedExport } from './prepareExport.ts';
import { loadRecordParsers } from './recordParsers.ts';

const ref = loadReferenceTables();
const parsers = loadRecordParsers();
let fixtures: FixtureSet;
beforeAll(async () => {
  fixtures = await fixtureSet();
});

const profileOf = (prepared: PreparedExport): MappingProfile => ({
  formaat: 'wijkmonitor-profiel',
  versie: 1,
  naam: 'test',
  lezer: prepared.settings.format === 'csv' ? { encoding: prepared.settings.encoding, delimiter: prepared.settings.delimiter, headerRow: prepared.settings.headerRow } : { sheet: prepared.settings.sheet, headerRow: prepared.settings.headerRow },
  kolommen: prepared.mapping,
  decimaal: prepared.decimaal,
});

async function newStore(): Promise<{ db: Db; file: string }> {
  const file = path.join(tempDir(), 'wijkmonitor.sqlite');
  return { db: await openDatabase(file), file };
}

async function importFixture(db: Db, pseudonymiser: Pseudonymiser, periode: '2026Q2' | '2026Q3', signal?: AbortSignal) {
  const prepared = await prepareExport(fixtures.export('GM9903', periode), { ref, parsers });
  return importBatch(db, { prepared, periode: parsePeriode(periode), profile: profileOf(prepared), pseudonymiser, parsers, signal });
}

/** Everything the store holds, so "unchanged" can be compared exactly. */
function snapshot(db: Db): string {
  const tables = ['import_batch', 'voorziening', 'bevinding', 'product', 'gebied', 'levering'];
  return JSON.stringify(tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()));
}

describe('importing into the store', () => {
  test('stores pseudonymised records and findings, never a BSN or birth date, and refuses the same file twice', async () => {
    const { db } = await newStore();
    const pseudonymiser = createPseudonymiser(createKey());
    const summary = await importFixture(db, pseudonymiser, '2026Q3');
    expect(summary.rijenGelezen).toBe(2000);
    expect(summary.rijenIngelezen + summary.rijenUitgesloten).toBe(2000);
    expect(db.prepare('SELECT count(*) FROM voorziening').pluck().get()).toBe(summary.rijenIngelezen);
    expect(db.prepare("SELECT status FROM import_batch").pluck().all()).toEqual(['klaar']);
    const columns = (db.prepare('PRAGMA table_info(voorziening)').all() as { name: string }[]).map((c) => c.name);
    expect(columns).not.toContain('bsn');
    expect(columns).not.toContain('geboortedatum');
    expect(db.prepare("SELECT count(*) FROM voorziening WHERE client NOT GLOB '[0-9a-f]*' OR length(client) <> 32").pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM voorziening WHERE geboortemaand IS NOT NULL AND length(geboortemaand) <> 7").pluck().get()).toBe(0);

    const before = snapshot(db);
    await expect(importFixture(db, pseudonymiser, '2026Q3')).rejects.toThrow(/export_2026Q3\.csv is al ingelezen op .* \(periode 2026Q3\)/);
    expect(snapshot(db)).toBe(before);
    db.close();
  });

  test('a cancelled import leaves the store exactly as it was', async () => {
    const { db } = await newStore();
    const pseudonymiser = createPseudonymiser(createKey());
    await importFixture(db, pseudonymiser, '2026Q2');
    const before = snapshot(db);
    const controller = new AbortController();
    const prepared = await prepareExport(fixtures.export('GM9903', '2026Q3'), { ref, parsers });
    const running = importBatch(db, {
      prepared,
      periode: parsePeriode('2026Q3'),
      profile: profileOf(prepared),
      pseudonymiser,
      parsers,
      signal: controller.signal,
      onProgress: ({ done, total }) => {
        if (total && done > 0) controller.abort();
      },
    });
    await expect(running).rejects.toThrow('Inlezen van export_2026Q3.csv geannuleerd; er is niets opgeslagen.');
    expect(snapshot(db)).toBe(before);
    db.close();
  });

  test('a process killed halfway through an import leaves the store unchanged after restart', async () => {
    const { db, file } = await newStore();
    const pseudonymiser = createPseudonymiser(createKey());
    await importFixture(db, pseudonymiser, '2026Q2');
    const before = snapshot(db);
    db.close();

    // A child imports a large export and reports each committed chunk; it is killed after the first.
    const big = path.join(tempDir(), 'groot.csv');
    const { writeClientExport } = await import('../../../fixtures/exports.ts');
    await writeClientExport({ gemeente: 'GM9903', dialect: 'csv-cp1252', rows: 20_000, seed: 7, period: '2026Q3', path: big });
    const child = spawn(process.execPath, [path.join(import.meta.dirname, 'importBatch.killTarget.ts'), file, big], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('chunk')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`child exited before a chunk was written (${code})`)));
    });
    await new Promise((resolve) => child.once('exit', resolve));

    const reopened = await openDatabase(file);
    expect(reopened.prepare("SELECT count(*) FROM import_batch WHERE status = 'staging'").pluck().get()).toBe(1);
    expect(removeStagingBatches(reopened)).toBe(1);
    expect(snapshot(reopened)).toBe(before);
    reopened.close();
  });

  test('a delivery from the store equals the import, and a year sums the quarters of one voorziening', async () => {
    const { db } = await newStore();
    const pseudonymiser = createPseudonymiser(createKey());
    replaceProducts(db, await readProductFile(fixtures.products('GM9903'), ref));
    replaceAreas(db, await readAreaFile(fixtures.areas('GM9903')));
    const q2 = await importFixture(db, pseudonymiser, '2026Q2');
    const q3 = await importFixture(db, pseudonymiser, '2026Q3');
    const deliver = (code: string) =>
      deliverFromStore(db, {
        periode: parsePeriode(code),
        pseudonymiser,
        gemeente: { code: 'GM9903', naam: 'Maasvoorde' },
        out: path.join(tempDir(), `GM9903_${code}_levering.zip`),
        appVersion: 'test',
        now: new Date('2026-10-15T09:00:00Z'),
        ref,
      });

    const quarter = await deliver('2026Q3');
    expect(await verifyDelivery(quarter.file)).toMatchObject({ ok: true });
    expect(quarter.manifest.kwaliteit.rijen_gelezen).toBe(q3.rijenGelezen);

    const year = await deliver('2026');
    expect(await verifyDelivery(year.file)).toMatchObject({ ok: true });
    const rows = (await deliveryFiles(year.file)).get('voorzieningen.csv')!.split('\r\n').slice(1).filter(Boolean).map((l) => l.split(';'));
    // Voorzieningen running through both quarters appear once, with Q2 + Q3 costs.
    const stored = db
      .prepare(
        `SELECT a.client, a.productcode, a.begindatum, a.kosten + b.kosten AS total FROM voorziening a JOIN voorziening b
         ON a.client = b.client AND a.productcode = b.productcode AND a.begindatum = b.begindatum AND a.aanbieder IS b.aanbieder
         WHERE a.batch_id = ? AND b.batch_id = ? AND a.kosten IS NOT NULL AND b.kosten IS NOT NULL LIMIT 5`,
      )
      .all(q2.batchId, q3.batchId) as { client: string; productcode: string; begindatum: string; total: number }[];
    expect(stored.length).toBeGreaterThan(0);
    for (const s of stored) {
      const matches = rows.filter((r) => r[0] === s.client && r[8] === s.productcode && r[14] === s.begindatum);
      expect(matches.length).toBeGreaterThanOrEqual(1);
      expect(matches.some((r) => Math.abs(Number(r[21]) - s.total) < 0.005)).toBe(true);
    }
    expect(year.manifest.kwaliteit.rijen_gelezen).toBe(q2.rijenGelezen + q3.rijenGelezen);
    db.close();
  });
});

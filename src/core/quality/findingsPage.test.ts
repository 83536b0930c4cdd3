import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FindingLine, FindingsPage } from '../../shared/api.ts';
import { createCore, type Core } from '../host/core.ts';
import { openDatabase, type Db } from '../store/database.ts';
import { createScriptedDialogs } from '../testing/scriptedDialogs.ts';
import { tempDir } from '../testing/tempDir.ts';
import { findingsPageSql } from './storeQuality.ts';

// Two exports of one quarter with 12 000 open end dates each: more than a grid ever holds at once.
const PER_BATCH = 12_000;
let db: Db;
let core: Core;

beforeAll(async () => {
  db = await openDatabase(path.join(tempDir(), 'wijkmonitor.sqlite'));
  const batch = db.prepare(
    `INSERT INTO import_batch (status, periode, bestand, grootte, sha256, ingelezen, profiel, sleutel, rijen_gelezen, rijen_ingelezen, rijen_uitgesloten, kwaliteit)
     VALUES ('klaar', '2026Q3', ?, 1, ?, '2026-10-01', '{"kolommen":{}}', 'f', ?, ?, 0, '{}')`,
  );
  const finding = db.prepare('INSERT INTO bevinding (batch_id, bron_rij, gegeven, kolom, controle, uitgesloten) VALUES (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const bestand of ['wmo_2026Q3.csv', 'jeugd_2026Q3.xlsx']) {
      const id = Number(batch.run(bestand, bestand, PER_BATCH + 1, PER_BATCH).lastInsertRowid);
      // Inserted out of row order, so an order that relied on insertion would show.
      for (let i = PER_BATCH; i >= 1; i--) {
        const rij = i + 1;
        finding.run(id, rij, 'einddatum', i % 3 === 0 ? 'Einddatum' : 'Einde', 'open_einddatum', i % 7 === 0 ? 1 : 0);
        if (i % 10 === 0) finding.run(id, rij, 'postcode', 'Postcode', 'ongeldig', 0);
      }
    }
  })();
  core = createCore(db, { appVersion: 't', dialogs: createScriptedDialogs() });
});
afterAll(() => core.close());

async function page(args: Record<string, unknown>): Promise<FindingsPage> {
  const response = await core.call('quality.findings', { periode: '2026Q3', gegeven: 'einddatum', controle: 'open_einddatum', ...args });
  if (!response.ok) throw new Error(`${response.error.code}: ${response.error.message}`);
  return response.result as FindingsPage;
}

const key = (f: FindingLine) => `${f.bestand}|${f.rij}`;

describe('quality.findings, paged from the store', () => {
  test('walks all 24 000 rows of one finding in pages, in the export’s order, without overlap or gaps', async () => {
    const seen: FindingLine[] = [];
    for (let offset = 0; ; offset += 1000) {
      const { rijen, totaal } = await page({ offset, limit: 1000 });
      expect(totaal).toBe(2 * PER_BATCH);
      if (rijen.length === 0) break;
      seen.push(...rijen);
    }
    expect(seen).toHaveLength(2 * PER_BATCH);
    expect(new Set(seen.map(key)).size).toBe(2 * PER_BATCH);
    expect(seen.every((f) => f.gegeven === 'einddatum' && f.controle === 'open_einddatum')).toBe(true);
    // The first export imported comes first, each in row order.
    expect(seen.slice(0, 3).map(key)).toEqual(['wmo_2026Q3.csv|2', 'wmo_2026Q3.csv|3', 'wmo_2026Q3.csv|4']);
    expect(key(seen[PER_BATCH]!)).toBe('jeugd_2026Q3.xlsx|2');
    expect(key(seen.at(-1)!)).toBe(`jeugd_2026Q3.xlsx|${PER_BATCH + 1}`);
  });

  test('sorts in the store, across pages, with ties kept in the export’s order', async () => {
    const byRowDesc = await page({ offset: 0, limit: 4, sort: [{ kolom: 'rij', richting: 'desc' }] });
    expect(byRowDesc.rijen.map(key)).toEqual([
      `wmo_2026Q3.csv|${PER_BATCH + 1}`,
      `jeugd_2026Q3.xlsx|${PER_BATCH + 1}`,
      `wmo_2026Q3.csv|${PER_BATCH}`,
      `jeugd_2026Q3.xlsx|${PER_BATCH}`,
    ]);

    const byFile = await page({ offset: PER_BATCH - 1, limit: 2, sort: [{ kolom: 'bestand', richting: 'asc' }] });
    // "jeugd…" sorts before "wmo…": the page boundary falls between the two files.
    expect(byFile.rijen.map(key)).toEqual([`jeugd_2026Q3.xlsx|${PER_BATCH + 1}`, 'wmo_2026Q3.csv|2']);

    // Left out first, then by column header: every 7th row, and of those the "Einddatum" ones (before "Einde") first.
    const excluded = await page({ offset: 0, limit: 1000, sort: [{ kolom: 'uitgesloten', richting: 'desc' }, { kolom: 'kolom', richting: 'asc' }] });
    const expectedExcluded = 2 * Math.floor(PER_BATCH / 7);
    expect(excluded.rijen.every((f) => f.uitgesloten)).toBe(true);
    const tail = await page({ offset: expectedExcluded - 1, limit: 2, sort: [{ kolom: 'uitgesloten', richting: 'desc' }] });
    expect(tail.rijen.map((f) => f.uitgesloten)).toEqual([true, false]);
    expect(excluded.rijen.slice(0, 2).map((f) => f.kolom)).toEqual(['Einddatum', 'Einddatum']);
  });

  test('only answers the finding asked for, and an offset past the end is an empty page', async () => {
    const postcode = await page({ gegeven: 'postcode', controle: 'ongeldig', offset: 0, limit: 1000 });
    expect(postcode.totaal).toBe((2 * PER_BATCH) / 10);
    expect(postcode.rijen.every((f) => f.kolom === 'Postcode')).toBe(true);
    expect(await page({ offset: 5 * PER_BATCH, limit: 100 })).toEqual({ rijen: [], totaal: 2 * PER_BATCH });
  });

  test('refuses pages that are too big and sort columns outside the list', async () => {
    await expect(page({ offset: 0, limit: 100_000 })).rejects.toThrow(/^ONGELDIGE_INVOER/);
    await expect(page({ offset: -1, limit: 10 })).rejects.toThrow(/^ONGELDIGE_INVOER/);
    await expect(page({ offset: 0, limit: 10, sort: [{ kolom: 'f.id; DROP TABLE bevinding', richting: 'asc' }] })).rejects.toThrow(/^ONGELDIGE_INVOER/);
    await expect(page({ offset: 0, limit: 10, sort: [{ kolom: 'rij', richting: 'sideways' }] })).rejects.toThrow(/^ONGELDIGE_INVOER/);
    expect(db.prepare('SELECT count(*) FROM bevinding').pluck().get()).toBe(2 * PER_BATCH + (2 * PER_BATCH) / 10);
  });

  test('pages in the export’s order by walking an index, not by sorting every finding', () => {
    const plan = (sql: string, params: number) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array.from({ length: params }, () => 1)) as { detail: string }[]).map((r) => r.detail).join(' | ');
    const { rows, count } = findingsPageSql(2, []);
    expect(plan(rows, 2 + 2 + 2)).toContain('USING INDEX bevinding_regel');
    expect(plan(rows, 2 + 2 + 2)).not.toContain('TEMP B-TREE');
    expect(plan(count, 2 + 2)).toContain('COVERING INDEX bevinding_regel');
  });
});

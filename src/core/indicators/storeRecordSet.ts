import type { DuckDBConnection } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDuckDb } from '../central/store/duckdb.ts';
import { createAreaLookup } from '../classification/areaTable.ts';
import { listAreas, listProducts } from '../classification/classificationStore.ts';
import { toDeliveryRecord } from '../delivery/toDeliveryRecord.ts';
import type { DeliveryRecord } from '../delivery/deliveryRecord.ts';
import { batchesFor, storedRecords } from '../import/storedBatches.ts';
import { overlapsPeriode, parsePeriode } from '../period/periode.ts';
import { getSettings } from '../settings/settings.ts';
import type { Db } from '../store/database.ts';
import { listLasten } from '../lasten/lastenTable.ts';
import { createDuckRecordSet, type DuckRecordSet } from './sql/recordTables.ts';

/** What a product the vertaaltabel does not classify yet counts as in the gemeente's own figures. */
export const NIET_INGEDEELD = 'niet ingedeeld';

/** The store's records in DuckDB, as of one state of the store (its signature). */
export type StoreFigures = { connection: DuckDBConnection; set: DuckRecordSet; nietIngedeeld: number };

type Open = StoreFigures & { signature: string; close(): void };

/** Per store connection: its DuckDB and the work queued on it. */
const open = new WeakMap<Db, Open>();
const queue = new WeakMap<Db, Promise<unknown>>();

/**
 * The gemeente's own figures come from its store, turned into delivery records exactly as a
 * delivery would derive them (toDeliveryRecord: age, wijk, classification), one source per
 * imported period, in one DuckDB kept for the store connection: the same SQL engine as `figures`
 * and the analyst edition. The records are reloaded only when an import, the vertaaltabel, the
 * area table or the gemeente changed. Unlike a delivery, a product that is not classified yet
 * still counts (as "niet ingedeeld"), so the municipality sees all of its data; the Overzicht
 * says how many. Work runs one at a time per store: the scope tables (fv, fh) are per connection.
 */
export function withStoreFigures<T>(db: Db, work: (figures: StoreFigures) => Promise<T>): Promise<T> {
  const next = (queue.get(db) ?? Promise.resolve()).catch(() => undefined).then(async () => work(await current(db)));
  queue.set(db, next);
  return next;
}

/** Closes the store's DuckDB and removes its spill folder (the app closes the store). */
export function closeStoreFigures(db: Db): void {
  const figures = open.get(db);
  // A query still running (an Overzicht table) stops now rather than holding up the close.
  figures?.connection.interrupt();
  figures?.close();
  open.delete(db);
}

async function current(db: Db): Promise<Open> {
  const signature = storeSignature(db);
  const existing = open.get(db);
  if (existing?.signature === signature) return existing;
  closeStoreFigures(db);
  const loaded = await load(db, signature);
  open.set(db, loaded);
  return loaded;
}

async function load(db: Db, signature: string): Promise<Open> {
  // The records are pseudonymised but still personal data: a spill folder of their own, beside
  // the store (or private in the system's temp folder for a store in memory), removed on close.
  const parent = db.memory ? os.tmpdir() : path.dirname(db.name);
  const dir = mkdtempSync(path.join(parent, 'wm-cijfers-'));
  const duck = await openDuckDb({ tempDir: path.join(dir, 'spill'), memoryLimit: '1GB' });
  const close = () => {
    duck.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const set = await createDuckRecordSet(duck.connection);
    const settings = getSettings(db);
    const products = new Map(listProducts(db).map((p) => [p.productcode, p]));
    const area = createAreaLookup(listAreas(db));
    const periods = [...new Set((db.prepare("SELECT DISTINCT periode FROM import_batch WHERE status = 'klaar'").all() as { periode: string }[]).map((r) => r.periode))];
    let nietIngedeeld = 0;
    for (const code of periods) {
      const periode = parsePeriode(code);
      const batches = batchesFor(db, periode).filter((b) => b.periode === periode.code);
      const sink = set.open({ gemeente: settings.gemeenteCode ?? 'GM0000', gemeentenaam: settings.gemeenteNaam ?? '', periode, omschrijving: `import ${periode.code}` });
      for await (const chunk of storedRecords(db, batches.map((b) => b.id))) {
        const records: DeliveryRecord[] = [];
        for (const r of chunk) {
          if (!overlapsPeriode(r.begindatum, r.einddatum, periode)) continue;
          const product = products.get(r.productcode) ?? { productcode: r.productcode, product: r.product ?? '', pijler: r.pijler ?? NIET_INGEDEELD, categorie: r.categorie ?? '', voorziening: NIET_INGEDEELD, leefdomein: NIET_INGEDEELD, financier: '' };
          const record = toDeliveryRecord(r, product, area(r.pc4, r.pc6), periode);
          if (record.voorziening === NIET_INGEDEELD) nietIngedeeld++;
          records.push(record);
        }
        sink.add(records);
      }
      const { bron } = sink.finish() as { bron: number };
      // The lasten of the period (toerekening): allocated in every figure of a scope using it.
      await set.addLasten(bron, listLasten(db, periode.code));
    }
    set.flush();
    return { connection: duck.connection, set, nietIngedeeld, signature, close: () => (set.close(), close()) };
  } catch (error) {
    close();
    throw error;
  }
}

function storeSignature(db: Db): string {
  const hash = createHash('sha256');
  const parts = [
    "SELECT group_concat(id) AS v FROM import_batch WHERE status = 'klaar'",
    "SELECT group_concat(productcode || '|' || pijler || '|' || voorziening || '|' || leefdomein || '|' || financier || '|' || product || '|' || categorie, ';') AS v FROM product",
    "SELECT group_concat(postcode || '|' || wijk || '|' || gebied, ';') AS v FROM gebied",
    "SELECT group_concat(key || '=' || value, ';') AS v FROM settings",
    "SELECT group_concat(periode || '|' || productcode || '|' || aanbieder || '|' || kosten, ';') AS v FROM lasten",
  ];
  for (const sql of parts) hash.update(String((db.prepare(sql).get() as { v: string | null }).v)).update('\n');
  return hash.digest('hex');
}

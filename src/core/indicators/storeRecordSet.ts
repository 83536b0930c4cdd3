import { createHash } from 'node:crypto';
import { createAreaLookup } from '../classification/areaTable.ts';
import { listAreas, listProducts } from '../classification/classificationStore.ts';
import { toDeliveryRecord } from '../delivery/toDeliveryRecord.ts';
import type { DeliveryRecord } from '../delivery/deliveryRecord.ts';
import { batchesFor, storedRecords } from '../import/storedBatches.ts';
import { overlapsPeriode, parsePeriode } from '../period/periode.ts';
import { getSettings } from '../settings/settings.ts';
import type { Db } from '../store/database.ts';
import { clearRecordSet, loadRecords } from './recordSet.ts';

/** What a product the vertaaltabel does not classify yet counts as in the gemeente's own figures. */
export const NIET_INGEDEELD = 'niet ingedeeld';

/** Per connection (the record set lives in its temporary tables): the store state it reflects. */
const loaded = new WeakMap<Db, string>();
const running = new WeakMap<Db, Promise<unknown>>();

/**
 * The gemeente's own figures come from its store, turned into delivery records exactly as a
 * delivery would derive them (toDeliveryRecord: age, wijk, classification), one source per
 * imported period. The set is rebuilt only when an import, the vertaaltabel, the area table or
 * the gemeente changed. Unlike a delivery, a product that is not classified yet still counts
 * (as "niet ingedeeld"), so the municipality sees all of its data; the Overzicht says how many.
 */
export function syncStoreRecordSet(db: Db): Promise<{ nietIngedeeld: number }> {
  // One sync at a time per connection: two Overzicht calls must not rebuild the set together.
  const next = (running.get(db) ?? Promise.resolve()).catch(() => undefined).then(() => sync(db));
  running.set(db, next);
  return next;
}

async function sync(db: Db): Promise<{ nietIngedeeld: number }> {
  const signature = storeSignature(db);
  if (signature === loaded.get(db)) return { nietIngedeeld: countUnclassified(db) };
  loaded.delete(db);
  clearRecordSet(db);
  const settings = getSettings(db);
  const products = new Map(listProducts(db).map((p) => [p.productcode, p]));
  const area = createAreaLookup(listAreas(db));
  const periods = [...new Set((db.prepare("SELECT DISTINCT periode FROM import_batch WHERE status = 'klaar'").all() as { periode: string }[]).map((r) => r.periode))];
  for (const code of periods) {
    const periode = parsePeriode(code);
    const batches = batchesFor(db, periode).filter((b) => b.periode === periode.code);
    async function* records(): AsyncGenerator<DeliveryRecord[]> {
      for await (const chunk of storedRecords(db, batches.map((b) => b.id))) {
        yield chunk
          .filter((r) => overlapsPeriode(r.begindatum, r.einddatum, periode))
          .map((r) =>
            toDeliveryRecord(
              r,
              products.get(r.productcode) ?? { productcode: r.productcode, product: r.product ?? '', pijler: r.pijler ?? NIET_INGEDEELD, categorie: r.categorie ?? '', voorziening: NIET_INGEDEELD, leefdomein: NIET_INGEDEELD, financier: '' },
              area(r.pc4, r.pc6),
              periode,
            ),
          );
      }
    }
    await loadRecords(db, { gemeente: settings.gemeenteCode ?? 'GM0000', gemeentenaam: settings.gemeenteNaam ?? '', periode, omschrijving: `import ${periode.code}` }, records());
  }
  loaded.set(db, signature);
  return { nietIngedeeld: countUnclassified(db) };
}

function countUnclassified(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM ind_record WHERE voorziening = ?').get(NIET_INGEDEELD) as { n: number }).n;
}

function storeSignature(db: Db): string {
  const hash = createHash('sha256');
  const parts = [
    "SELECT group_concat(id) AS v FROM import_batch WHERE status = 'klaar'",
    "SELECT group_concat(productcode || '|' || pijler || '|' || voorziening || '|' || leefdomein || '|' || financier || '|' || product || '|' || categorie, ';') AS v FROM product",
    "SELECT group_concat(postcode || '|' || wijk || '|' || gebied, ';') AS v FROM gebied",
    "SELECT group_concat(key || '=' || value, ';') AS v FROM settings",
  ];
  for (const sql of parts) hash.update(String((db.prepare(sql).get() as { v: string | null }).v)).update('\n');
  return hash.digest('hex');
}

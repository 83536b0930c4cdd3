import { listAreas, listProducts } from '../classification/classificationStore.ts';
import { validateProductRows, type ProductRow } from '../classification/productTable.ts';
import { UserError } from '../errors.ts';
import type { Periode } from '../period/periode.ts';
import type { Pseudonymiser } from '../pseudonym/wm1.ts';
import { storeQualityWithFindings } from '../quality/storeQuality.ts';
import { batchesFor, storedRecords } from '../import/storedBatches.ts';
import type { ReferenceTables } from '../resources/referenceTables.ts';
import type { Db } from '../store/database.ts';
import { listLasten } from '../lasten/lastenTable.ts';
import { createPrivacyScan } from './privacyScan.ts';
import { writeDelivery, type DeliveryCommit, type DeliveryResult } from './writeDelivery.ts';

export type StoreDeliveryInput = {
  periode: Periode;
  pseudonymiser: Pseudonymiser;
  gemeente: { code: string; naam: string };
  out: string;
  appVersion: string;
  now: Date;
  ref: ReferenceTables;
  signal?: AbortSignal;
  onProgress?: (delivered: number) => void;
  commit?: DeliveryCommit;
};

/** The app's delivery: from what was imported into the store, with the store's classification. */
export async function deliverFromStore(db: Db, input: StoreDeliveryInput): Promise<DeliveryResult> {
  const batches = batchesFor(db, input.periode);
  if (batches.length === 0) {
    throw new UserError('GEEN_IMPORT', `Er is nog niets ingelezen voor periode ${input.periode.code}. Lees eerst de export(s) van die periode in.`);
  }
  const quality = storeQualityWithFindings(db, batches, input.ref);
  return writeDelivery({
    out: input.out,
    gemeente: input.gemeente,
    periode: input.periode,
    fingerprint: input.pseudonymiser.fingerprint,
    appVersion: input.appVersion,
    now: input.now,
    products: storedClassification(db, input.ref),
    areas: listAreas(db),
    records: storedRecords(db, batches.map((b) => b.id)),
    quality,
    privacyScan: createPrivacyScan(),
    signal: input.signal,
    onProgress: input.onProgress,
    commit: input.commit,
    lasten: listLasten(db, input.periode.code),
  });
}

/**
 * The store's vertaaltabel as the code lists read it today. Older versions stored what an edit
 * said (a financier in free text): such a row is brought to its code, or the delivery is refused
 * with the row and column to fix in Producten, instead of delivering a value outside the list.
 */
function storedClassification(db: Db, ref: ReferenceTables): ProductRow[] {
  const lines = listProducts(db).map((product, i) => ({ row: i + 1, values: { ...product } }));
  return validateProductRows(lines, 'de vertaaltabel in Producten', ref);
}

import { listAreas, listProducts } from '../classification/classificationStore.ts';
import { UserError } from '../errors.ts';
import type { Periode } from '../period/periode.ts';
import type { Pseudonymiser } from '../pseudonym/wm1.ts';
import { storeQualityWithFindings } from '../quality/storeQuality.ts';
import { batchesFor, storedRecords } from '../import/storedBatches.ts';
import type { ReferenceTables } from '../resources/referenceTables.ts';
import type { Db } from '../store/database.ts';
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
    products: listProducts(db),
    areas: listAreas(db),
    records: storedRecords(db, batches.map((b) => b.id)),
    quality,
    privacyScan: createPrivacyScan(),
    signal: input.signal,
    onProgress: input.onProgress,
    commit: input.commit,
  });
}

import path from 'node:path';
import type { AreaRow } from '../classification/areaTable.ts';
import type { ProductRow } from '../classification/productTable.ts';
import { BERICHTEN_MAPPING, withBerichten, type BerichtenSeam } from '../import/berichten/combine.ts';
import { exportRecords } from '../import/exportRecords.ts';
import type { PreparedExport } from '../import/prepareExport.ts';
import type { RecordParsers } from '../import/recordBuilder.ts';
import type { Periode } from '../period/periode.ts';
import type { Pseudonymiser } from '../pseudonym/wm1.ts';
import { createQualityReport } from '../quality/qualityReport.ts';
import type { ReferenceTables } from '../resources/referenceTables.ts';
import { addInputBsn, createPrivacyScan } from './privacyScan.ts';
import type { DeliveryLast } from '../lasten/deliveryLasten.ts';
import { writeDelivery, type DeliveryCommit, type DeliveryResult } from './writeDelivery.ts';

export type ExportsDeliveryInput = {
  exports: readonly PreparedExport[];
  pseudonymiser: Pseudonymiser;
  gemeente: { code: string; naam: string };
  periode: Periode;
  products: readonly ProductRow[];
  areas: readonly AreaRow[];
  out: string;
  appVersion: string;
  now: Date;
  ref: ReferenceTables;
  parsers: RecordParsers;
  signal?: AbortSignal;
  onProgress?: (event: { phase: string; done: number; total: number | null }) => void;
  commit?: DeliveryCommit;
  /** iWmo/iJw messages read next to the exports (issue 18). */
  berichten?: BerichtenSeam;
  /** The lasten of the period (`--lasten`): the delivery becomes v2 with lasten.csv. */
  lasten?: readonly DeliveryLast[];
};

/**
 * The command-line delivery: exports stream straight into the delivery file, row by row, with
 * nothing stored. The same record builder, quality report and writer serve the app's store path.
 */
export async function deliverFromExports(input: ExportsDeliveryInput): Promise<DeliveryResult> {
  const inputBsns = new Set<number>();
  const mapping = Object.assign(input.berichten ? { ...BERICHTEN_MAPPING } : {}, ...input.exports.map((e) => e.mapping));
  const quality = createQualityReport(mapping, input.ref);
  const fromExports = () =>
    exportRecords({
      exports: input.exports,
      pseudonymiser: input.pseudonymiser,
      parsers: input.parsers,
      peildatum: input.periode.eind,
      quality,
      onBsn: (bsn) => addInputBsn(inputBsns, bsn),
      signal: input.signal,
      onProgress: input.onProgress,
    });

  return writeDelivery({
    out: input.out,
    gemeente: input.gemeente,
    periode: input.periode,
    fingerprint: input.pseudonymiser.fingerprint,
    appVersion: input.appVersion,
    now: input.now,
    products: input.products,
    areas: input.areas,
    records: input.berichten
      ? withBerichten({
          exports: input.exports.length > 0 ? fromExports() : null,
          berichten: input.berichten,
          pseudonymiser: input.pseudonymiser,
          periode: input.periode,
          quality,
          onBsn: (bsn) => addInputBsn(inputBsns, bsn),
          signal: input.signal,
          onProgress: input.onProgress,
        })
      : fromExports(),
    quality,
    privacyScan: createPrivacyScan(inputBsns),
    signal: input.signal,
    commit: input.commit,
    bronnen: [...input.exports.map((e) => e.bestand), ...(input.berichten?.sources ?? []).map((f) => path.basename(f))],
    lasten: input.lasten,
  });
}

import type { AreaRow } from '../classification/areaTable.ts';
import type { ProductRow } from '../classification/productTable.ts';
import { readRows } from '../import/readers/index.ts';
import type { PreparedExport } from '../import/prepareExport.ts';
import { createRecordBuilder, type RecordParsers } from '../import/recordBuilder.ts';
import type { StoredRecord } from '../import/storedRecord.ts';
import type { Periode } from '../period/periode.ts';
import type { Pseudonymiser } from '../pseudonym/wm1.ts';
import type { Finding } from '../quality/finding.ts';
import { createQualityReport } from '../quality/qualityReport.ts';
import type { ReferenceTables } from '../resources/referenceTables.ts';
import { addInputBsn, createPrivacyScan } from './privacyScan.ts';
import { writeDelivery, type DeliveryResult } from './writeDelivery.ts';

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
};

/**
 * The command-line delivery: exports stream straight into the delivery file, row by row, with
 * nothing stored. The same record builder, quality report and writer serve the app's store path.
 */
export async function deliverFromExports(input: ExportsDeliveryInput): Promise<DeliveryResult> {
  const inputBsns = new Set<number>();
  const mapping = Object.assign({}, ...input.exports.map((e) => e.mapping));
  const quality = createQualityReport(mapping, input.ref);

  async function* records(): AsyncGenerator<StoredRecord[]> {
    for (const prepared of input.exports) {
      const builder = createRecordBuilder({
        bestand: prepared.bestand,
        headers: prepared.headers,
        mapping: prepared.mapping,
        decimaal: prepared.decimaal,
        pseudonymiser: input.pseudonymiser,
        parsers: input.parsers,
        peildatum: input.periode.eind,
        onBsn: (bsn) => addInputBsn(inputBsns, bsn),
      });
      const reader = readRows(prepared.file, prepared.settings, {
        signal: input.signal,
        onBytes: (done, total) => input.onProgress?.({ phase: `lezen ${prepared.bestand}`, done, total }),
      });
      for await (const batch of reader.batches) {
        const findings: Finding[] = [];
        const built: StoredRecord[] = [];
        for (const row of batch) {
          const record = builder.build(row.row, row.cells, findings);
          if (record) built.push(record);
        }
        quality.addRowsRead(batch.length);
        quality.addFindings(findings);
        yield built;
      }
    }
  }

  return writeDelivery({
    out: input.out,
    gemeente: input.gemeente,
    periode: input.periode,
    fingerprint: input.pseudonymiser.fingerprint,
    appVersion: input.appVersion,
    now: input.now,
    products: input.products,
    areas: input.areas,
    records: records(),
    quality,
    privacyScan: createPrivacyScan(inputBsns),
    signal: input.signal,
  });
}

import type { Pseudonymiser } from '../pseudonym/wm1.ts';
import type { Finding } from '../quality/finding.ts';
import type { QualityReport } from '../quality/qualityReport.ts';
import type { PreparedExport } from './prepareExport.ts';
import { readRows } from './readers/index.ts';
import { createRecordBuilder, type RecordParsers } from './recordBuilder.ts';
import type { StoredRecord } from './storedRecord.ts';

export type ExportRecordsInput = {
  exports: readonly PreparedExport[];
  pseudonymiser: Pseudonymiser;
  parsers: RecordParsers;
  /** The period's last day: ages and birth-date plausibility are judged at it. */
  peildatum: string;
  /** Receives rows read and findings; records are added by whoever classifies them. */
  quality: QualityReport;
  onBsn?: (bsn9: string) => void;
  onFindings?: (findings: readonly Finding[]) => void;
  signal?: AbortSignal;
  onProgress?: (event: { phase: string; done: number; total: number | null }) => void;
};

/** Streams the records of one or more prepared exports, batch by batch, nothing kept in memory. */
export async function* exportRecords(input: ExportRecordsInput): AsyncGenerator<StoredRecord[]> {
  for (const prepared of input.exports) {
    const builder = createRecordBuilder({
      bestand: prepared.bestand,
      headers: prepared.headers,
      mapping: prepared.mapping,
      decimaal: prepared.decimaal,
      pseudonymiser: input.pseudonymiser,
      parsers: input.parsers,
      peildatum: input.peildatum,
      onBsn: input.onBsn,
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
      input.quality.addRowsRead(batch.length);
      input.quality.addFindings(findings);
      input.onFindings?.(findings);
      yield built;
    }
  }
}

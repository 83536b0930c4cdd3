import type { Finding } from '../quality/finding.ts';
import type { Location } from '../errors.ts';
import type { PreparedExport } from './prepareExport.ts';
import { STORED_COLUMNS, type StoredRecord } from './storedRecord.ts';

export type PackedValue = string | number | null;

/**
 * Messages between `exportRecords` (the caller's thread: classification, privacy scan, CSV,
 * checksum and deflate, or the store's inserts) and `exportRecordsWorker.ts` (reading, parsing,
 * record building and pseudonymising). Two threads, so both cores of a laptop work (issue 17).
 */
export type RecordWorkerData = {
  exports: readonly PreparedExport[];
  /** A copy of the pseudonymiser's key, zeroed by the worker as soon as its pseudonymiser has it. */
  key: Uint8Array;
  resourcesDir: string;
  peildatum: string;
  /** Batches the worker may have sent ahead of the caller's consumption. */
  window: number;
};

export type ToRecordWorker = { type: 'ack' } | { type: 'stop' };

/** A UserError (or another error) as it crosses the thread boundary. */
export type PostedError = { name: string; message: string; code?: string; location?: Location };

export type FromRecordWorker =
  | { type: 'bytes'; bestand: string; done: number; total: number }
  /**
   * One batch of the reader: `rowsRead` rows, the records built from them as one flat array
   * (STORED_COLUMNS order, `count` records), the findings, and the valid BSNs met in it (as
   * numbers, for the privacy scan of what leaves; never stored), each only the first time.
   */
  | { type: 'batch'; rowsRead: number; count: number; values: PackedValue[]; findings: Finding[]; bsns: Int32Array }
  | { type: 'done' }
  | { type: 'error'; error: PostedError };

/** What one record occupies in a batch's flat `values`. */
export const PACKED_WIDTH = STORED_COLUMNS.length;

/**
 * Appends one record to a batch's flat values in STORED_COLUMNS order. Spelled out field by
 * field: a loop over the column names (`record[column]`) is a keyed lookup per value, 22 million
 * at a million rows, and was the worker's largest own cost after parsing (profiled, issue 17).
 * A test holds both functions to STORED_COLUMNS.
 */
export function packRecord(values: PackedValue[], r: StoredRecord): void {
  values.push(
    r.bron_rij, r.client, r.huishouden, r.geboortemaand, r.geslacht, r.pc4, r.pc6, r.pijler, r.productcode, r.product, r.categorie,
    r.begindatum, r.einddatum, r.aanbieder, r.aanbieder_naam, r.volume, r.eenheid, r.frequentie, r.kosten, r.verwijzer, r.reden_einde,
    r.aanvraagdatum,
  );
}

/** The worker's flat batch back into records; one literal, so every record has the same shape. */
export function unpackRecords(values: readonly PackedValue[], count: number): StoredRecord[] {
  const out = new Array<StoredRecord>(count);
  for (let r = 0, o = 0; r < count; r++, o += PACKED_WIDTH) {
    out[r] = {
      bron_rij: values[o] as number,
      client: values[o + 1] as string,
      huishouden: values[o + 2] as string | null,
      geboortemaand: values[o + 3] as string | null,
      geslacht: values[o + 4] as string,
      pc4: values[o + 5] as string | null,
      pc6: values[o + 6] as string | null,
      pijler: values[o + 7] as string | null,
      productcode: values[o + 8] as string,
      product: values[o + 9] as string | null,
      categorie: values[o + 10] as string | null,
      begindatum: values[o + 11] as string,
      einddatum: values[o + 12] as string | null,
      aanbieder: values[o + 13] as string | null,
      aanbieder_naam: values[o + 14] as string | null,
      volume: values[o + 15] as number | null,
      eenheid: values[o + 16] as string | null,
      frequentie: values[o + 17] as string | null,
      kosten: values[o + 18] as number | null,
      verwijzer: values[o + 19] as string | null,
      reden_einde: values[o + 20] as string | null,
      aanvraagdatum: values[o + 21] as string | null,
    };
  }
  return out;
}

import type { Finding } from '../quality/finding.ts';
import type { Location } from '../errors.ts';
import type { PreparedExport } from './prepareExport.ts';

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
  | { type: 'batch'; rowsRead: number; count: number; values: (string | number | null)[]; findings: Finding[]; bsns: Int32Array }
  | { type: 'done' }
  | { type: 'error'; error: PostedError };

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UserError } from '../errors.ts';
import { keyForWorker, type Pseudonymiser } from '../pseudonym/wm1.ts';
import type { Finding } from '../quality/finding.ts';
import type { QualityReport } from '../quality/qualityReport.ts';
import type { PreparedExport } from './prepareExport.ts';
import { readRows } from './readers/index.ts';
import { createRecordBuilder, type RecordParsers } from './recordBuilder.ts';
import { recordParsersSource } from './recordParsers.ts';
import { unpackRecords, type FromRecordWorker, type PostedError, type RecordWorkerData, type ToRecordWorker } from './recordWorkerProtocol.ts';
import type { StoredRecord } from './storedRecord.ts';

export type ExportRecordsInput = {
  exports: readonly PreparedExport[];
  pseudonymiser: Pseudonymiser;
  parsers: RecordParsers;
  /** The period's last day: ages and birth-date plausibility are judged at it. */
  peildatum: string;
  /** Receives rows read and findings; records are added by whoever classifies them. */
  quality: QualityReport;
  /** Told every valid BSN before its batch is yielded (from the worker: each distinct one once). */
  onBsn?: (bsn9: string) => void;
  onFindings?: (findings: readonly Finding[]) => void;
  signal?: AbortSignal;
  onProgress?: (event: { phase: string; done: number; total: number | null }) => void;
};

/**
 * Streams the records of one or more prepared exports, batch by batch, nothing kept in memory.
 *
 * Reading, parsing, record building and pseudonymising run in a worker thread
 * (`exportRecordsWorker.ts`) while the caller's thread works on the batches already built (the
 * delivery's classification, privacy scan, CSV, checksum and deflate; the store's inserts): on a
 * two-core laptop that is most of the difference to the parse floor (issue 17). Batches, findings,
 * BSNs for the scan, progress and errors come out exactly as from the single-thread path, which
 * stays for pseudonymisers or parsers that cannot be handed to a worker (test doubles) and for a
 * build where the worker's source file is not beside this one.
 */
export async function* exportRecords(input: ExportRecordsInput): AsyncGenerator<StoredRecord[]> {
  const resourcesDir = recordParsersSource(input.parsers);
  const key = resourcesDir !== undefined && WORKER_FILE !== '' ? keyForWorker(input.pseudonymiser) : undefined;
  if (key === undefined || resourcesDir === undefined) {
    yield* inThisThread(input);
    return;
  }
  yield* inWorker(input, key, resourcesDir);
}

/**
 * The worker's entry: the TypeScript source beside this file under Node, or in the Electron build
 * (electron.vite.config.ts, an entry of its own) `out/main/chunks/exportRecordsWorker.js`, beside
 * the chunk this code is bundled into. Neither there: one thread.
 */
const WORKER_URL = [new URL('./exportRecordsWorker.ts', import.meta.url), new URL('./exportRecordsWorker.js', import.meta.url)].find(
  (url) => url.protocol === 'file:' && existsSync(fileURLToPath(url)),
);
const WORKER_FILE = WORKER_URL === undefined ? '' : fileURLToPath(WORKER_URL);
/** Batches (5,000 rows each) the worker may build ahead: enough to never wait, few enough to stay small. */
const WINDOW = 3;

async function* inThisThread(input: ExportRecordsInput): AsyncGenerator<StoredRecord[]> {
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

type Event = FromRecordWorker | { type: 'crashed' };

/** How long a stopped reading thread gets to wipe its key and exit before it is terminated. */
const STOP_GRACE_MS = 30_000;

async function* inWorker(input: ExportRecordsInput, key: Buffer, resourcesDir: string): AsyncGenerator<StoredRecord[]> {
  input.signal?.throwIfAborted();
  let worker: Worker;
  try {
    worker = new Worker(WORKER_FILE, {
      workerData: { exports: input.exports, key, resourcesDir, peildatum: input.peildatum, window: WINDOW } satisfies RecordWorkerData,
    });
  } finally {
    // workerData is copied when the worker is made: this thread's copy of the key is done with.
    key.fill(0);
  }
  const events: Event[] = [];
  let wake: (() => void) | null = null;
  let exited = false;
  const push = (event: Event) => {
    events.push(event);
    wake?.();
    wake = null;
  };
  const exit = new Promise<void>((resolve) => worker.once('exit', () => {
    exited = true;
    push({ type: 'crashed' });
    resolve();
  }));
  worker.on('message', (message: FromRecordWorker) => push(message));
  worker.on('error', () => push({ type: 'crashed' }));
  const send = (message: ToRecordWorker) => {
    if (!exited) worker.postMessage(message);
  };
  const onAbort = () => {
    wake?.();
    wake = null;
  };
  input.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      input.signal?.throwIfAborted();
      if (events.length === 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      const event = events.shift()!;
      switch (event.type) {
        case 'bytes':
          input.onProgress?.({ phase: `lezen ${event.bestand}`, done: event.done, total: event.total });
          break;
        case 'batch': {
          if (input.onBsn) for (const bsn of event.bsns) input.onBsn(String(bsn).padStart(9, '0'));
          const records = unpackRecords(event.values, event.count);
          input.quality.addRowsRead(event.rowsRead);
          input.quality.addFindings(event.findings);
          input.onFindings?.(event.findings);
          // Acknowledged before the caller works on it, so the worker builds the next one meanwhile.
          send({ type: 'ack' });
          yield records;
          break;
        }
        case 'done':
          return;
        case 'error':
          throw revive(event.error);
        case 'crashed':
          throw new Error('exportRecords: de leesthread is onverwacht gestopt');
      }
    }
  } finally {
    input.signal?.removeEventListener('abort', onAbort);
    // Stopped (a cancel, a refusal downstream, or the end): the worker wipes its key and exits.
    send({ type: 'stop' });
    // terminate() is the last resort only: Node can crash the whole process when a worker is
    // terminated while another starts (nodejs/node#56312), and on a loaded machine a worker in the
    // middle of a batch easily needs more than a second or two to see the stop.
    const timeout = new Promise<'late'>((resolve) => setTimeout(resolve, STOP_GRACE_MS, 'late').unref());
    if ((await Promise.race([exit, timeout])) === 'late') await worker.terminate();
  }
}

/** The worker's error as the single-thread path would have thrown it: a UserError stays one. */
function revive(posted: PostedError): Error {
  if (posted.name === 'UserError' && posted.code !== undefined) return new UserError(posted.code, posted.message, posted.location);
  const error = new Error(posted.message) as Error & { code?: string };
  error.name = posted.name;
  if (posted.code !== undefined) error.code = posted.code;
  return error;
}

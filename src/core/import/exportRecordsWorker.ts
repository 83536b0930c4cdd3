/**
 * The reading half of `exportRecords` in a worker thread: reads each export, builds and
 * pseudonymises its records, and posts them in batches while the caller's thread classifies,
 * scans and writes the previous ones. At most `window` batches are in flight, so memory stays
 * bounded however fast the file is read. The key is zeroed on arrival (the pseudonymiser keeps
 * only its padded blocks) and the pseudonymiser is wiped when the job ends, fails or is stopped.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { UserError } from '../errors.ts';
import { createPseudonymiser } from '../pseudonym/wm1.ts';
import type { Finding } from '../quality/finding.ts';
import { readRows } from './readers/index.ts';
import { createRecordBuilder } from './recordBuilder.ts';
import { loadRecordParsers } from './recordParsers.ts';
import { packRecord, type FromRecordWorker, type PackedValue, type PostedError, type RecordWorkerData, type ToRecordWorker } from './recordWorkerProtocol.ts';

if (!parentPort) throw new Error('exportRecordsWorker must run in a worker thread');
const port: MessagePort = parentPort;
const data = workerData as RecordWorkerData;
const stop = new AbortController();
let credit = data.window;
let wake: (() => void) | null = null;
const post = (message: FromRecordWorker, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);

port.on('message', (message: ToRecordWorker) => {
  if (message.type === 'ack') credit++;
  else stop.abort();
  wake?.();
  wake = null;
});

function postedError(error: unknown): PostedError {
  if (error instanceof UserError) return { name: error.name, message: error.message, code: error.code, ...(error.location ? { location: error.location } : {}) };
  const e = error as { name?: unknown; message?: unknown; code?: unknown } | null;
  return {
    name: typeof e?.name === 'string' ? e.name : 'Error',
    message: typeof e?.message === 'string' ? e.message : String(error),
    ...(typeof e?.code === 'string' ? { code: e.code } : {}),
  };
}

async function run(): Promise<void> {
  const pseudonymiser = createPseudonymiser(Buffer.from(data.key.buffer, data.key.byteOffset, data.key.byteLength));
  data.key.fill(0);
  try {
    const parsers = loadRecordParsers(data.resourcesDir);
    // Each distinct BSN is posted once: the caller only puts them in a set for the privacy scan,
    // and a third of a million numbers cost less there than a million (issue 17).
    const posted = new Set<number>();
    for (const prepared of data.exports) {
      let bsns: number[] = [];
      const builder = createRecordBuilder({
        bestand: prepared.bestand,
        headers: prepared.headers,
        mapping: prepared.mapping,
        decimaal: prepared.decimaal,
        pseudonymiser,
        parsers,
        peildatum: data.peildatum,
        onBsn: (bsn) => {
          const value = Number(bsn);
          if (posted.has(value)) return;
          posted.add(value);
          bsns.push(value);
        },
      });
      const reader = readRows(prepared.file, prepared.settings, {
        signal: stop.signal,
        onBytes: (done, total) => post({ type: 'bytes', bestand: prepared.bestand, done, total }),
      });
      for await (const batch of reader.batches) {
        const findings: Finding[] = [];
        const values: PackedValue[] = [];
        let count = 0;
        for (const row of batch) {
          const record = builder.build(row.row, row.cells, findings);
          if (!record) continue;
          // Flat, in column order: one array to clone instead of an object per record.
          packRecord(values, record);
          count++;
        }
        const found = Int32Array.from(bsns);
        bsns = [];
        post({ type: 'batch', rowsRead: batch.length, count, values, findings, bsns: found }, [found.buffer as ArrayBuffer]);
        credit--;
        while (credit <= 0 && !stop.signal.aborted) await new Promise<void>((resolve) => (wake = resolve));
        stop.signal.throwIfAborted();
      }
    }
    post({ type: 'done' });
  } catch (error) {
    if (!stop.signal.aborted) post({ type: 'error', error: postedError(error) });
  } finally {
    pseudonymiser.wipe();
    port.removeAllListeners('message');
    port.close();
  }
}

void run();

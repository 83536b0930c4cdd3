import type { DuckDBConnection } from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDuckDb } from '../../central/store/duckdb.ts';

/**
 * A DuckDB for one figures run. Its folder is private (mkdtemp, 0700) and removed afterwards:
 * the gemeente edition's records are pseudonymised but still personal data. DuckDB spills into
 * it, and `work` gets it for the files it extracts.
 * Cancelling interrupts the running query, so a long figures run stops at once rather than at
 * the end of its current query.
 */
export async function withFiguresDuckDb<T>(work: (connection: DuckDBConnection, scratch: string) => Promise<T>, options: { signal?: AbortSignal | undefined; tempParent?: string } = {}): Promise<T> {
  const dir = mkdtempSync(path.join(options.tempParent ?? os.tmpdir(), 'wm-duckdb-'));
  const duck = await openDuckDb({ tempDir: path.join(dir, 'spill') });
  const stop = () => duck.connection.interrupt();
  options.signal?.addEventListener('abort', stop, { once: true });
  try {
    options.signal?.throwIfAborted();
    const result = await work(duck.connection, dir);
    options.signal?.throwIfAborted();
    return result;
  } catch (error) {
    // An interrupted query reports "INTERRUPT"; the caller wants the abort reason instead.
    options.signal?.throwIfAborted();
    throw error;
  } finally {
    options.signal?.removeEventListener('abort', stop);
    duck.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

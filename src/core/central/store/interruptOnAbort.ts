import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * Runs `work` on a connection so that a cancel interrupts the query running at that moment, not
 * only the next one (a period's figures take minutes nationally). An interrupted query reports
 * DuckDB's "INTERRUPT"; the caller gets `cancelled()` instead (by default the abort's reason).
 */
export async function interruptOnAbort<T>(connection: DuckDBConnection, signal: AbortSignal | undefined, work: () => Promise<T>, cancelled: () => unknown = () => signal!.reason): Promise<T> {
  const stop = () => connection.interrupt();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    return await work();
  } catch (error) {
    if (signal?.aborted) throw cancelled();
    throw error;
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}

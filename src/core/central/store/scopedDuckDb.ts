import type { DuckDBConnection } from '@duckdb/node-api';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { duckTempDir, openDuckDb } from './duckdb.ts';

/**
 * One DuckDB for one job, spilling to a folder of its own inside the data folder: the app and
 * the CLI may work on the same data folder at once, and two DuckDB instances must never share
 * spill files. The folder goes when the job ends, however it ends.
 */
export async function withScopedDuckDb<T>(dataDir: string, options: { memoryLimit?: string; threads?: number }, work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const tempDir = path.join(duckTempDir(dataDir), randomUUID());
  const duck = await openDuckDb({ tempDir, ...options });
  try {
    return await work(duck.connection);
  } finally {
    duck.close();
    rmSync(tempDir, { recursive: true, force: true });
  }
}

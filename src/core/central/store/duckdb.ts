import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export type DuckDbOptions = {
  /** Spill files go here, inside the data folder, never to a shared temp folder. */
  tempDir: string;
  memoryLimit?: string;
  threads?: number;
};

/**
 * Opens an embedded DuckDB for figures and Parquet. An offline app must never try to download
 * an extension: autoinstall and autoload are off, so anything beyond the built-in ones (parquet,
 * json, icu, core_functions) fails at once instead of reaching for the network.
 */
export async function openDuckDb(options: DuckDbOptions): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection; close(): void }> {
  mkdirSync(options.tempDir, { recursive: true, mode: 0o700 });
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    enable_external_access: 'true',
    temp_directory: options.tempDir,
    memory_limit: options.memoryLimit ?? '4GB',
    threads: String(options.threads ?? 2),
  });
  const connection = await instance.connect();
  return {
    instance,
    connection,
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** A SQL string literal, for file paths (DuckDB does not bind table-function arguments). */
export function sqlText(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export const duckTempDir = (dataDir: string) => path.join(dataDir, 'duckdb-tmp');

import path from 'node:path';
import { openDatabase, type Db } from '../../store/database.ts';
import { catalogueMigrations } from './catalogueMigrations.ts';

export const CATALOGUE_FILE = 'wijkmonitor-analist.sqlite';
export const RECORDS_DIR = 'records';

/** The analyst edition's store: the SQLite catalogue plus the Parquet records beside it. */
export type CentralStore = {
  db: Db;
  dataDir: string;
  /** Absolute path of a catalogue-relative Parquet path (`records/periode=…/…`). */
  resolve(relative: string): string;
  close(): void;
};

export async function openCentralStore(dataDir: string): Promise<CentralStore> {
  const db = await openDatabase(path.join(dataDir, CATALOGUE_FILE), { migrations: catalogueMigrations });
  return {
    db,
    dataDir,
    resolve: (relative) => path.join(dataDir, ...relative.split('/')),
    close() {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

/** `records/periode=<P>/gemeente=<GM>/<sha256-12>.parquet`, the partitioned layout Spark/Trino read too. */
export function recordsPath(periode: string, gemeente: string, sha256: string): string {
  return `${RECORDS_DIR}/periode=${periode}/gemeente=${gemeente}/${sha256.slice(0, 12)}.parquet`;
}

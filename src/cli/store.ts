import path from 'node:path';
import { openDatabase, type Db } from '../core/store/database.ts';
import { DATABASE_FILE } from '../core/host/core.ts';

/** Opens the data folder's store for one command and always closes it again. */
export async function withStore<T>(dataDir: string, work: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase(path.join(dataDir, DATABASE_FILE));
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

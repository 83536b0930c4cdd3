import path from 'node:path';
import { openDatabase, type Db } from '../core/store/database.ts';
import { DATABASE_FILE } from '../core/host/core.ts';
import { storeFailure } from '../core/store/storeFailure.ts';
import { acquireWriterLock } from '../core/store/writerLock.ts';
import { UserError } from '../core/errors.ts';
import { createErrorLog } from '../core/log/errorLog.ts';

/**
 * Opens the data folder's store for one command and always closes it again. Such a command may
 * write (history, migrations), so it is a writer: it holds the folder's lock while it runs.
 */
export async function withStore<T>(dataDir: string, work: (db: Db) => Promise<T>): Promise<T> {
  const lock = acquireWriterLock(dataDir, 'de opdrachtregel van Wijkmonitor');
  const file = path.join(dataDir, DATABASE_FILE);
  try {
    const db = await openDatabase(file);
    try {
      return await work(db);
    } catch (error) {
      // Only the store's own SQLite errors name the store: a figures scratch database is not opened here.
      const code = (error as { code?: unknown } | null)?.code;
      const failure = typeof code === 'string' && code.startsWith('SQLITE_') ? storeFailure(error, file, 'De opdracht is niet voltooid.') : null;
      if (failure) throw failure;
      // The user gets a neutral line (main.ts); the log gets what a beheerder needs, without data.
      if (!(error instanceof UserError)) createErrorLog(dataDir).write('opdrachtregel', error);
      throw error;
    } finally {
      db.close();
    }
  } finally {
    lock.release();
  }
}

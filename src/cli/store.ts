import path from 'node:path';
import { UserError } from '../core/errors.ts';
import { openDatabase, type Db } from '../core/store/database.ts';
import { DATABASE_FILE } from '../core/host/core.ts';

/** Opens the data folder's store for one command and always closes it again. */
export async function withStore<T>(dataDir: string, work: (db: Db) => Promise<T>): Promise<T> {
  const file = path.join(dataDir, DATABASE_FILE);
  let db: Db;
  try {
    db = await openDatabase(file);
  } catch (error) {
    throw storeOpenError(file, error);
  }
  try {
    return await work(db);
  } catch (error) {
    // Only the store's own SQLite errors: a figures scratch database is not opened here.
    const code = (error as { code?: unknown } | null)?.code;
    throw typeof code === 'string' && code.startsWith('SQLITE_') ? storeOpenError(file, error) : error;
  } finally {
    db.close();
  }
}

/**
 * Why the store could not be opened or used, naming the database file, instead of "er ging intern iets
 * mis". SQLite's error codes say it: a file that is not (or no longer) a database, a lock held by
 * another connection (the app, another command), no permission, a full disk. Anything else
 * passes unchanged.
 */
export function storeOpenError(file: string, error: unknown): unknown {
  if (error instanceof UserError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error;
  const name = `De database '${file}'`;
  const other = 'Kies zo nodig met --data (of WIJKMONITOR_DATA) een andere gegevensmap.';
  let message: string | undefined;
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    message = `${name} is beschadigd of geen Wijkmonitor-database (${code}). Zet een reservekopie terug (map backups naast de database), of verplaats het bestand. ${other}`;
  } else if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    message = `${name} is vergrendeld door een ander programma (de Wijkmonitor-app of een andere wijkmonitor-opdracht) (${code}). Sluit dat en probeer het opnieuw.`;
  } else if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM' || code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    message = `${name} kan niet worden geopend of beschreven: geen toegang of een alleen-lezen map (${code}). ${other}`;
  } else if (code === 'SQLITE_FULL' || code.startsWith('SQLITE_IOERR') || code === 'ENOSPC') {
    message = `${name} kan niet worden geschreven: de schijf is vol of meldt een fout (${code}). Maak ruimte vrij en probeer het opnieuw.`;
  }
  if (!message) return error;
  const result = new UserError('DATABASE_NIET_TE_OPENEN', message);
  result.cause = error;
  return result;
}

import Database from 'better-sqlite3';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.ts';
import { migrations as appMigrations, type Migration } from './migrations.ts';
import { storeFailure } from './storeFailure.ts';

export type Db = Database.Database;

export type OpenOptions = {
  migrations?: readonly Migration[];
  /** Where backups taken before a migration go; defaults to `backups/` beside the database. */
  backupDir?: string;
  now?: () => Date;
  /** How long to wait for another connection's lock before saying the store is locked (5 s). */
  busyTimeoutMs?: number;
};

export function latestVersion(migrations: readonly Migration[] = appMigrations): number {
  return migrations.at(-1)?.version ?? 0;
}

/**
 * Opens (or creates) the store and brings its schema up to date. A database written by a newer
 * version of the app is refused rather than touched, and an existing database is copied with
 * SQLite's backup API before any migration runs, so a failed upgrade never costs the user data.
 */
export async function openDatabase(file: string, options: OpenOptions = {}): Promise<Db> {
  const migrations = options.migrations ?? appMigrations;
  checkMigrationOrder(migrations);
  mkdirSync(path.dirname(file), { recursive: true, mode: PRIVATE_DIR });
  createPrivateFile(file);
  let db: Db;
  try {
    db = new Database(file);
  } catch (error) {
    throw storeFailure(error, file) ?? error;
  }
  try {
    // First: even reading the schema version waits for a lock another connection holds.
    db.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    const current = checkNotTooNew(db, file, migrations);
    // Only now: switching to WAL rewrites the header of a file we may have had to refuse.
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    const pending = migrations.filter((m) => m.version > current);
    if (pending.length > 0 && current > 0) {
      await backup(db, file, current, options);
    }
    for (const migration of pending) {
      db.transaction(() => {
        migration.up(db);
        db.pragma(`user_version = ${migration.version}`);
      })();
    }
    return db;
  } catch (error) {
    db.close();
    throw storeFailure(error, file) ?? error;
  }
}

/**
 * The store for reading only (`wijkmonitor info`): no migration, no WAL switch, no clean-up, no
 * writer lock, so it never disturbs the app or a command that is writing. Null when there is no
 * store yet.
 */
export function openDatabaseReadOnly(file: string, migrations: readonly Migration[] = appMigrations): Db | null {
  if (!existsSync(file)) return null;
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw storeFailure(error, file) ?? error;
  }
  try {
    checkNotTooNew(db, file, migrations);
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    db.close();
    throw storeFailure(error, file) ?? error;
  }
}

function checkNotTooNew(db: Db, file: string, migrations: readonly Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = latestVersion(migrations);
  if (current > latest) {
    throw new UserError(
      'DATABASE_TE_NIEUW',
      `De database ${path.basename(file)} is gemaakt door een nieuwere versie van Wijkmonitor ` +
        `(schemaversie ${current}; deze versie kent tot en met ${latest}). ` +
        'Installeer de nieuwste versie van Wijkmonitor; de database is niet gewijzigd.',
    );
  }
  return current;
}

/** Folders of the store, its backups and logs: the user only. */
export const PRIVATE_DIR = 0o700;
/** The store, its -wal/-shm, backups, logs and key files: readable and writable by the user only. */
export const PRIVATE_FILE = 0o600;

/**
 * Creates the file empty with mode 0600 before SQLite opens it (SQLite would create it 0644), and
 * narrows an existing one. SQLite gives the -wal and -shm files the main file's mode, so those
 * follow. On Windows mode bits mean nothing: the data folder lies in the user's profile
 * (%APPDATA%), whose ACL already admits only that user, SYSTEM and administrators.
 */
export function createPrivateFile(file: string): void {
  if (existsSync(file)) {
    try {
      if (process.platform !== 'win32') chmodSync(file, PRIVATE_FILE);
    } catch {
      // Not ours to change (another owner, a read-only disk): opening will say what is wrong.
    }
    return;
  }
  try {
    closeSync(openSync(file, 'wx', PRIVATE_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw storeFailure(error, file) ?? error;
  }
}

async function backup(db: Db, file: string, fromVersion: number, options: OpenOptions): Promise<string> {
  const dir = options.backupDir ?? path.join(path.dirname(file), 'backups');
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const target = path.join(dir, `${path.basename(file, '.sqlite')}-v${fromVersion}-${stamp}.sqlite`);
  if (existsSync(target)) throw new Error(`backup target exists: ${target}`);
  // SQLite writes the copy into the empty private file instead of creating a 0644 one.
  closeSync(openSync(target, 'wx', PRIVATE_FILE));
  await db.backup(target);
  return target;
}

function checkMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
}

import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.ts';
import { migrations as appMigrations, type Migration } from './migrations.ts';

export type Db = Database.Database;

export type OpenOptions = {
  migrations?: readonly Migration[];
  /** Where backups taken before a migration go; defaults to `backups/` beside the database. */
  backupDir?: string;
  now?: () => Date;
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
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
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
    // Only now: switching to WAL rewrites the header of a file we may have had to refuse.
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
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
    throw error;
  }
}

async function backup(db: Db, file: string, fromVersion: number, options: OpenOptions): Promise<string> {
  const dir = options.backupDir ?? path.join(path.dirname(file), 'backups');
  mkdirSync(dir, { recursive: true });
  const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const target = path.join(dir, `${path.basename(file, '.sqlite')}-v${fromVersion}-${stamp}.sqlite`);
  if (existsSync(target)) throw new Error(`backup target exists: ${target}`);
  await db.backup(target);
  return target;
}

function checkMigrationOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
}

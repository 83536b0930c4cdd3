import type { Database } from 'better-sqlite3';

export type Migration = {
  /** 1, 2, 3 … in order without gaps; stored in `PRAGMA user_version` once applied. */
  version: number;
  name: string;
  up: (db: Database) => void;
};

/** The schema's history. Never edit an applied migration; add the next number. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'instellingen en logboek',
    up: (db) => {
      db.exec(`
        CREATE TABLE settings (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;
        CREATE TABLE audit_log (
          id      INTEGER PRIMARY KEY,
          at      TEXT NOT NULL,
          action  TEXT NOT NULL,
          details TEXT NOT NULL DEFAULT '{}'
        ) STRICT;
      `);
    },
  },
];

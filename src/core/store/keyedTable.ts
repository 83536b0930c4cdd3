import type { Db } from './database.ts';

/**
 * A store table the gemeente edits row by row (programmering, lasten): its columns, of which the
 * first `keys` make the primary key, and the four ways the app reads and writes it. Rows come
 * back ordered by the key, so the screen and an export list them the same way every time.
 */
export function keyedTable<R extends object, K extends keyof R & string>(table: string, columns: readonly (keyof R & string)[], keys: readonly K[]) {
  const insert = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`;
  const values = columns.filter((c) => !(keys as readonly string[]).includes(c));
  const upsert = `${insert}
       ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${values.map((c) => `${c} = excluded.${c}`).join(', ')}`;
  const order = `ORDER BY ${keys.join(', ')}`;
  const byKey = keys.map((k) => `${k} = ?`).join(' AND ');
  return {
    /** Every row, or those with the given value in one key column. */
    list(db: Db, where?: { column: K; value: R[K] }): R[] {
      const select = `SELECT ${columns.join(', ')} FROM ${table}`;
      return (where === undefined ? db.prepare(`${select} ${order}`).all() : db.prepare(`${select} WHERE ${where.column} = ? ${order}`).all(where.value)) as R[];
    },
    /** Replaces the whole table in one transaction: an import lands whole or not at all. */
    replace(db: Db, rows: readonly R[]): void {
      const statement = db.prepare(insert);
      db.transaction(() => {
        db.prepare(`DELETE FROM ${table}`).run();
        for (const row of rows) statement.run(row);
      })();
    },
    /** Stores one row; a row with its key already there gets its other columns. */
    upsert(db: Db, row: R): void {
      db.prepare(upsert).run(row);
    },
    /** False when no row has this key. */
    delete(db: Db, key: Pick<R, K>): boolean {
      return db.prepare(`DELETE FROM ${table} WHERE ${byKey}`).run(...keys.map((k) => key[k])).changes > 0;
    },
  };
}

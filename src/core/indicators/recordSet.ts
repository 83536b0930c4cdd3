import { createAanbiederKeys } from '../delivery/aanbiederKey.ts';
import { DELIVERY_COLUMNS, type DeliveryRecord } from '../delivery/deliveryRecord.ts';
import type { Periode } from '../period/periode.ts';
import type { Db } from '../store/database.ts';

/*
 * The indicator engine reads delivery records (levering v1) and nothing else, so the gemeente's
 * own store and the analyst's merged deliveries feed it the same way. Records sit in temporary
 * tables of the connection: a scratch copy shaped for counting, never part of the store's schema.
 * Costs are kept in whole cents so sums over a million rows are exact.
 */

/** One source of records: a delivery (or the store's import of one period) of one gemeente. */
export type RecordSource = { gemeente: string; gemeentenaam: string; periode: Periode; omschrijving: string };

// aanbieder_sleutel: the aanbieder as the engine groups it (aanbiederKey.ts), derived once at load
// rather than every time a period's records are gathered.
const RECORD_COLUMNS = [...DELIVERY_COLUMNS.map((c) => (c === 'kosten' ? 'kosten_cent' : c)), 'aanbieder_sleutel'];

export function ensureRecordSet(db: Db): void {
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS ind_bron (
      id INTEGER PRIMARY KEY,
      gemeente TEXT NOT NULL,
      gemeentenaam TEXT NOT NULL,
      periode TEXT NOT NULL,
      begin TEXT NOT NULL,
      eind TEXT NOT NULL,
      omschrijving TEXT NOT NULL,
      -- 0 while loading: a failed or cancelled load is removed and never counted.
      klaar INTEGER NOT NULL DEFAULT 0
    );
    CREATE TEMP TABLE IF NOT EXISTS ind_record (
      bron INTEGER NOT NULL,
      rij INTEGER NOT NULL,
      client TEXT NOT NULL, huishouden TEXT, leeftijd INTEGER, geslacht TEXT, pc4 TEXT,
      wijk TEXT NOT NULL, gebied TEXT, pijler TEXT NOT NULL, productcode TEXT NOT NULL, product TEXT,
      categorie TEXT, voorziening TEXT NOT NULL, leefdomein TEXT NOT NULL, financier TEXT,
      begindatum TEXT NOT NULL, einddatum TEXT, aanbieder TEXT, aanbieder_naam TEXT,
      volume REAL, eenheid TEXT, frequentie TEXT, kosten_cent INTEGER,
      verwijzer TEXT, reden_einde TEXT, aanvraagdatum TEXT, aanbieder_sleutel TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS temp.ind_record_bron ON ind_record (bron);
  `);
}

const CHUNK = 5000;

export type RecordLoad = {
  /** Adds records; each call of up to CHUNK records is committed on its own. */
  add(records: readonly DeliveryRecord[]): void;
  /** Makes the source count, replacing an earlier load of the same gemeente and period. */
  finish(): { bron: number; rijen: number };
  /** Removes what was added; the source never counted. */
  abort(): void;
};

/**
 * Starts loading one source. Chunks are committed one by one (the connection stays free for other
 * calls between them), and the source only counts once finished, so a failed or cancelled load
 * leaves the record set as it was.
 */
export function startLoad(db: Db, source: RecordSource): RecordLoad {
  ensureRecordSet(db);
  const bron = Number(
    db
      .prepare('INSERT INTO ind_bron (gemeente, gemeentenaam, periode, begin, eind, omschrijving) VALUES (?, ?, ?, ?, ?, ?)')
      .run(source.gemeente, source.gemeentenaam, source.periode.code, source.periode.begin, source.periode.eind, source.omschrijving).lastInsertRowid,
  );
  const insert = db.prepare(`INSERT INTO ind_record (bron, rij, ${RECORD_COLUMNS.join(', ')}) VALUES (${['?', '?', ...RECORD_COLUMNS.map(() => '?')].join(', ')})`);
  let rij = 0;
  const aanbiederKey = createAanbiederKeys();
  // One array reused for every row: binding is most of the cost of a load (profiled).
  const values: unknown[] = new Array(RECORD_COLUMNS.length + 2);
  const insertChunk = db.transaction((chunk: readonly DeliveryRecord[]) => {
    for (const record of chunk) {
      values[0] = bron;
      values[1] = ++rij;
      for (let i = 0; i < DELIVERY_COLUMNS.length; i++) {
        const column = DELIVERY_COLUMNS[i]!;
        values[i + 2] = column === 'kosten' ? toCents(record.kosten) : record[column];
      }
      values[DELIVERY_COLUMNS.length + 2] = aanbiederKey(record.aanbieder, record.aanbieder_naam);
      insert.run(values);
    }
  });
  return {
    add: (records) => {
      for (let i = 0; i < records.length; i += CHUNK) insertChunk(records.slice(i, i + CHUNK));
    },
    finish: () => {
      db.transaction(() => {
        const older = db
          .prepare('SELECT id FROM ind_bron WHERE gemeente = ? AND periode = ? AND id <> ?')
          .all(source.gemeente, source.periode.code, bron) as { id: number }[];
        for (const { id } of older) dropSource(db, id);
        db.prepare('UPDATE ind_bron SET klaar = 1 WHERE id = ?').run(bron);
      })();
      return { bron, rijen: rij };
    },
    abort: () => db.transaction(() => dropSource(db, bron))(),
  };
}

/** Loads a source from batches of records (the store's path), all or nothing. */
export async function loadRecords(
  db: Db,
  source: RecordSource,
  batches: AsyncIterable<readonly DeliveryRecord[]> | Iterable<readonly DeliveryRecord[]>,
  signal?: AbortSignal,
): Promise<{ bron: number; rijen: number }> {
  const load = startLoad(db, source);
  try {
    for await (const batch of batches) {
      signal?.throwIfAborted();
      load.add(batch);
    }
    return load.finish();
  } catch (error) {
    load.abort();
    throw error;
  }
}

function dropSource(db: Db, id: number): void {
  db.prepare('DELETE FROM ind_record WHERE bron = ?').run(id);
  db.prepare('DELETE FROM ind_bron WHERE id = ?').run(id);
}

/** Forgets every loaded source (the store's records are rebuilt after an import or a new table). */
export function clearRecordSet(db: Db): void {
  ensureRecordSet(db);
  db.exec('DELETE FROM ind_record; DELETE FROM ind_bron;');
}

export type LoadedSource = { id: number; gemeente: string; gemeentenaam: string; periode: string; begin: string; eind: string; omschrijving: string; rijen: number };

export function loadedSources(db: Db): LoadedSource[] {
  ensureRecordSet(db);
  return db
    .prepare(
      `SELECT b.id, b.gemeente, b.gemeentenaam, b.periode, b.begin, b.eind, b.omschrijving,
              (SELECT COUNT(*) FROM ind_record r WHERE r.bron = b.id) AS rijen
       FROM ind_bron b WHERE klaar = 1 ORDER BY b.gemeente, b.begin, b.eind`,
    )
    .all() as LoadedSource[];
}

function toCents(euros: number | null): number | null {
  return euros === null ? null : Math.round(euros * 100);
}

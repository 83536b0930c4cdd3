import type { Db } from '../store/database.ts';
import { AREA_COLUMNS, type AreaRow } from './areaTable.ts';
import { PRODUCT_COLUMNS, type ProductRow } from './productTable.ts';

export function listProducts(db: Db): ProductRow[] {
  return db.prepare(`SELECT ${PRODUCT_COLUMNS.join(', ')} FROM product ORDER BY productcode`).all() as ProductRow[];
}

/** Replaces the whole vertaaltabel in one transaction: an import either lands whole or not at all. */
export function replaceProducts(db: Db, rows: readonly ProductRow[]): void {
  const insert = db.prepare(`INSERT INTO product (${PRODUCT_COLUMNS.join(', ')}) VALUES (${PRODUCT_COLUMNS.map((c) => `@${c}`).join(', ')})`);
  db.transaction(() => {
    db.prepare('DELETE FROM product').run();
    for (const row of rows) insert.run(row);
  })();
}

export function upsertProduct(db: Db, row: ProductRow): void {
  db.prepare(
    `INSERT INTO product (${PRODUCT_COLUMNS.join(', ')}) VALUES (${PRODUCT_COLUMNS.map((c) => `@${c}`).join(', ')})
     ON CONFLICT (productcode) DO UPDATE SET ${PRODUCT_COLUMNS.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}`,
  ).run(row);
}

export function listAreas(db: Db): AreaRow[] {
  return db.prepare(`SELECT ${AREA_COLUMNS.join(', ')} FROM gebied ORDER BY postcode`).all() as AreaRow[];
}

export function upsertArea(db: Db, row: AreaRow): void {
  db.prepare(
    `INSERT INTO gebied (${AREA_COLUMNS.join(', ')}) VALUES (${AREA_COLUMNS.map((c) => `@${c}`).join(', ')})
     ON CONFLICT (postcode) DO UPDATE SET ${AREA_COLUMNS.slice(1).map((c) => `${c} = excluded.${c}`).join(', ')}`,
  ).run(row);
}

export function replaceAreas(db: Db, rows: readonly AreaRow[]): void {
  const insert = db.prepare(`INSERT INTO gebied (${AREA_COLUMNS.join(', ')}) VALUES (${AREA_COLUMNS.map((c) => `@${c}`).join(', ')})`);
  db.transaction(() => {
    db.prepare('DELETE FROM gebied').run();
    for (const row of rows) insert.run(row);
  })();
}

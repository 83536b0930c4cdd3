import { z } from 'zod';
import type { AreaTable, ProductImportResult, ProductTable } from '../../shared/api.ts';
import { defineHandler, noArgs } from '../api/registry.ts';
import { recordAction } from '../audit/auditLog.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import type { Db } from '../store/database.ts';
import { AREA_COLUMNS, validateAreaRows } from './areaTable.ts';
import { DEFAULT_FINANCIER } from './classificationCodes.ts';
import { listAreas, listProducts, replaceAreas, replaceProducts, upsertArea, upsertProduct } from './classificationStore.ts';
import { compareProductTables, PRODUCT_COLUMNS, suggestClassification, validateProductRows } from './productTable.ts';
import { importTableFile, saveTableFile } from './tableFileDialogs.ts';
import { readAreaFile, readProductFile, writeTableFile } from './tableFiles.ts';

const ref = loadReferenceTables();
const tableFilter = [{ name: 'Vertaaltabel (CSV of Excel)', extensions: ['csv', 'xlsx'] }];

/** The vertaaltabel with everything imported exports use but it does not classify yet. */
function productTable(db: Db): ProductTable {
  const unmapped = db
    .prepare(
      `SELECT v.productcode, max(v.product) AS product, max(v.categorie) AS categorie, max(v.pijler) AS pijler, count(*) AS rijen
       FROM voorziening v JOIN import_batch b ON b.id = v.batch_id AND b.status = 'klaar'
       WHERE v.productcode NOT IN (SELECT productcode FROM product)
       GROUP BY v.productcode ORDER BY rijen DESC`,
    )
    .all() as { productcode: string; product: string | null; categorie: string | null; pijler: string | null; rijen: number }[];
  return {
    producten: listProducts(db),
    nietIngedeeld: unmapped.map((u) => {
      const s = suggestClassification({ productcode: u.productcode, product: u.product ?? undefined, categorie: u.categorie ?? undefined, pijler: u.pijler ?? undefined }, ref);
      return {
        productcode: u.productcode,
        product: u.product,
        rijen: u.rijen,
        voorstel: s ? { productcode: u.productcode, product: u.product ?? '', pijler: s.pijler, categorie: s.categorie, voorziening: s.voorziening, leefdomein: s.leefdomein, financier: DEFAULT_FINANCIER, reden: s.reden } : null,
      };
    }),
    keuzes: {
      pijlers: ref.pijlers.map((p) => p.code),
      voorzieningen: ref.voorzieningsoorten.map((v) => ({ code: v.code, naam: v.naam, pijler: v.pijler })),
      leefdomeinen: ref.leefdomeinen.map((l) => ({ code: l.code, naam: l.naam })),
      financiers: ref.financiers.map((f) => ({ code: f.code, naam: f.naam })),
    },
  };
}

/** The area table with the postcodes seen in imports that it does not place in a wijk. */
function areaTable(db: Db): AreaTable {
  const unknown = db
    .prepare(
      `SELECT coalesce(v.pc6, v.pc4) AS postcode, count(*) AS rijen
       FROM voorziening v JOIN import_batch b ON b.id = v.batch_id AND b.status = 'klaar'
       WHERE v.pc4 IS NOT NULL AND v.pc4 NOT IN (SELECT postcode FROM gebied) AND (v.pc6 IS NULL OR v.pc6 NOT IN (SELECT postcode FROM gebied))
       GROUP BY 1 ORDER BY rijen DESC LIMIT 500`,
    )
    .all() as { postcode: string; rijen: number }[];
  return { gebieden: listAreas(db), onbekend: unknown };
}

const area = z.object(Object.fromEntries(AREA_COLUMNS.map((c) => [c, z.string().max(200)])) as Record<(typeof AREA_COLUMNS)[number], z.ZodString>).strict();

const product = z.object(Object.fromEntries(PRODUCT_COLUMNS.map((c) => [c, z.string().max(200)])) as Record<(typeof PRODUCT_COLUMNS)[number], z.ZodString>).strict();

export const classificationHandlers = [
  defineHandler('products.table', noArgs, (_args, { db }) => productTable(db)),

  defineHandler('products.save', z.object({ product }).strict(), ({ product }, { db }) => {
    // The same checks as an imported table, so an edit cannot store what an import would refuse.
    const [row] = validateProductRows([{ row: 1, values: { ...product } }], 'de vertaaltabel', ref);
    upsertProduct(db, row!);
    recordAction(db, 'product ingedeeld', { productcode: row!.productcode, voorziening: row!.voorziening });
    return productTable(db);
  }),

  defineHandler('products.import', noArgs, async (_args, { db, dialogs }): Promise<ProductImportResult> => {
    const ingelezen = await importTableFile(db, dialogs, {
      title: 'Vertaaltabel importeren',
      filters: tableFilter,
      action: 'vertaaltabel geïmporteerd',
      read: (file) => readProductFile(file, ref),
      replace: replaceProducts,
      ingelezen: (bestand, rows) => ({ bestand, ingelezen: rows.length, ...compareProductTables(listProducts(db), rows) }),
      logged: ({ bestand, ingelezen, nieuw, gewijzigd, vervallen }) => ({ bestand, producten: ingelezen, nieuw, gewijzigd, vervallen }),
    });
    return { ...productTable(db), ingelezen };
  }),

  defineHandler('products.export', noArgs, (_args, { db, dialogs }) =>
    saveTableFile(dialogs, { title: 'Vertaaltabel exporteren', defaultName: 'vertaaltabel.csv', filters: tableFilter }, (file) => writeTableFile(file, PRODUCT_COLUMNS, listProducts(db))),
  ),
];

export const areaHandlers = [
  defineHandler('areas.table', noArgs, (_args, { db }) => areaTable(db)),

  defineHandler('areas.save', z.object({ gebied: area }).strict(), ({ gebied }, { db }) => {
    const [row] = validateAreaRows([{ row: 1, values: { ...gebied } }], 'de gebiedsindeling');
    upsertArea(db, row!);
    recordAction(db, 'gebied bijgewerkt', { postcode: row!.postcode, wijk: row!.wijk });
    return areaTable(db);
  }),

  defineHandler('areas.import', noArgs, async (_args, { db, dialogs }) => {
    await importTableFile(db, dialogs, {
      title: 'Gebiedsindeling importeren',
      filters: tableFilter,
      action: 'gebiedsindeling geïmporteerd',
      read: readAreaFile,
      replace: replaceAreas,
      ingelezen: (bestand, rows) => ({ bestand, postcodes: rows.length }),
    });
    return areaTable(db);
  }),

  defineHandler('areas.export', noArgs, (_args, { db, dialogs }) =>
    saveTableFile(dialogs, { title: 'Gebiedsindeling exporteren', defaultName: 'gebieden.csv', filters: tableFilter }, (file) => writeTableFile(file, AREA_COLUMNS, listAreas(db))),
  ),
];

import { z } from 'zod';
import type { LastenImportResult, LastenTabel } from '../../shared/api.ts';
import { defineHandler, noArgs } from '../api/registry.ts';
import { recordAction } from '../audit/auditLog.ts';
import { importTableFile, saveTableFile } from '../classification/tableFileDialogs.ts';
import { UserError } from '../errors.ts';
import type { Db } from '../store/database.ts';
import { deleteLastenRow, listLasten, readLastenFile, replaceLasten, saveLastenRow, validateLastenRows, writeLastenFile } from './lastenTable.ts';
import { loadToerekening, REGEL_OMSCHRIJVING, regelFor } from './toerekeningRegels.ts';

const tableFilter = [{ name: 'Lasten (CSV of Excel)', extensions: ['csv', 'xlsx'] }];
const toerekening = loadToerekening();

/** The table and, per product in it, the rule resources/toerekening.csv applies. */
const tabel = (db: Db): LastenTabel => {
  const regels = listLasten(db);
  const products = [...new Set(regels.map((r) => r.productcode))].sort();
  return {
    regels,
    regelsPerProduct: [
      { productcode: '*', regel: toerekening.standaard, omschrijving: REGEL_OMSCHRIJVING[toerekening.standaard] },
      ...products.map((productcode) => {
        const regel = regelFor(toerekening, productcode);
        return { productcode, regel, omschrijving: REGEL_OMSCHRIJVING[regel] };
      }),
    ],
  };
};

const text = z.string().max(200);
const sleutel = z.object({ periode: text, productcode: text, aanbieder: text }).strict();
const regel = sleutel.extend({ kosten: z.number().finite().min(0).max(1e13) }).strict();

export const lastenHandlers = [
  defineHandler('lasten.table', noArgs, (_args, { db }) => tabel(db)),

  defineHandler('lasten.save', z.object({ regel, vorige: sleutel.nullable() }).strict(), ({ regel, vorige }, { db }) => {
    // Through the table's own check, so an edit meets the rules of an import.
    const [row] = validateLastenRows([{ row: 1, values: { ...regel, kosten: String(regel.kosten) } }], 'de lasten');
    saveLastenRow(db, row!, vorige);
    recordAction(db, 'lasten opgeslagen', { periode: row!.periode, productcode: row!.productcode, aanbieder: row!.aanbieder });
    return tabel(db);
  }),

  defineHandler('lasten.delete', z.object({ sleutel }).strict(), ({ sleutel }, { db }) => {
    if (!deleteLastenRow(db, sleutel)) throw new UserError('NIET_GEVONDEN', 'Deze regel staat niet (meer) in de lasten.');
    recordAction(db, 'lasten verwijderd', { ...sleutel });
    return tabel(db);
  }),

  defineHandler('lasten.import', noArgs, async (_args, { db, dialogs }): Promise<LastenImportResult> => {
    const ingelezen = await importTableFile(db, dialogs, {
      title: 'Lasten importeren',
      filters: tableFilter,
      action: 'lasten geïmporteerd',
      read: readLastenFile,
      replace: replaceLasten,
      ingelezen: (bestand, rows) => ({ bestand, regels: rows.length, perioden: [...new Set(rows.map((r) => r.periode))].sort() }),
    });
    return { ...tabel(db), ingelezen };
  }),

  defineHandler('lasten.export', noArgs, (_args, { db, dialogs }) =>
    saveTableFile(dialogs, { title: 'Lasten exporteren', defaultName: 'lasten.csv', filters: tableFilter }, (file) => writeLastenFile(file, listLasten(db))),
  ),
];

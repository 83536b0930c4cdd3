import { z } from 'zod';
import type { ProgrammeringImportResult, ProgrammeringTabel } from '../../shared/api.ts';
import { defineHandler, noArgs } from '../api/registry.ts';
import { recordAction } from '../audit/auditLog.ts';
import { importTableFile, saveTableFile } from '../classification/tableFileDialogs.ts';
import { UserError } from '../errors.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import type { Db } from '../store/database.ts';
import { deleteProgrammeringRow, listProgrammering, readProgrammeringFile, replaceProgrammering, saveProgrammeringRow, validateProgrammeringRows, writeProgrammeringFile } from './programmeringTable.ts';

const ref = loadReferenceTables();
const pijlers = ref.pijlers.map((p) => p.code);
const tableFilter = [{ name: 'Programmering (CSV of Excel)', extensions: ['csv', 'xlsx'] }];

const tabel = (db: Db): ProgrammeringTabel => ({ regels: listProgrammering(db), pijlers });

const text = z.string().max(200);
const sleutel = z.object({ jaar: z.number().int().min(2000).max(2100), pijler: text, productcode: text, aanbieder: text, wijk: text }).strict();
const target = z.number().finite().min(0).max(1e13).nullable();
const regel = sleutel.extend({ clienten: target, kosten: target, aandeel: target }).strict();

/** A number as the table's own check reads it, so an edit meets the rules of an import. */
const asText = (n: number | null) => (n === null ? '' : String(n));

export const programmeringHandlers = [
  defineHandler('programmering.table', noArgs, (_args, { db }) => tabel(db)),

  defineHandler('programmering.save', z.object({ regel, vorige: sleutel.nullable() }).strict(), ({ regel, vorige }, { db }) => {
    const values = { ...regel, jaar: String(regel.jaar), clienten: asText(regel.clienten), kosten: asText(regel.kosten), aandeel: asText(regel.aandeel) };
    const [row] = validateProgrammeringRows([{ row: 1, values }], 'de programmering', pijlers);
    saveProgrammeringRow(db, row!, vorige);
    recordAction(db, 'streefwaarde opgeslagen', { jaar: row!.jaar, pijler: row!.pijler, productcode: row!.productcode, aanbieder: row!.aanbieder, wijk: row!.wijk });
    return tabel(db);
  }),

  defineHandler('programmering.delete', z.object({ sleutel }).strict(), ({ sleutel }, { db }) => {
    if (!deleteProgrammeringRow(db, sleutel)) throw new UserError('NIET_GEVONDEN', 'Deze streefwaarde staat niet (meer) in de programmering.');
    recordAction(db, 'streefwaarde verwijderd', { ...sleutel });
    return tabel(db);
  }),

  defineHandler('programmering.import', noArgs, async (_args, { db, dialogs }): Promise<ProgrammeringImportResult> => {
    const ingelezen = await importTableFile(db, dialogs, {
      title: 'Programmering importeren',
      filters: tableFilter,
      action: 'programmering geïmporteerd',
      read: (file) => readProgrammeringFile(file, pijlers),
      replace: replaceProgrammering,
      ingelezen: (bestand, rows) => ({ bestand, regels: rows.length, jaren: [...new Set(rows.map((r) => r.jaar))].sort() }),
    });
    return { ...tabel(db), ingelezen };
  }),

  defineHandler('programmering.export', noArgs, (_args, { db, dialogs }) =>
    saveTableFile(dialogs, { title: 'Programmering exporteren', defaultName: 'programmering.csv', filters: tableFilter }, (file) => writeProgrammeringFile(file, listProgrammering(db))),
  ),
];

import path from 'node:path';
import type { ProgrammeringRegel } from '../../shared/api.ts';
import { UserError } from '../errors.ts';
import { readTableFile, writeTableFile } from '../classification/tableFiles.ts';
import type { TableLine } from '../classification/productTable.ts';
import type { Db } from '../store/database.ts';

/*
 * The programmering (Haarlem, "Programmering"): per year the targets the gemeente steers on, per
 * pijler and product, optionally per aanbieder and per wijk. An empty productcode, aanbieder or
 * wijk is the total over all of them, so a target can be set at any level. `aandeel` is the target
 * share (percentage) of clients within the row's group: a product row's share of its pijler, an
 * aanbieder's or wijk's share of its product.
 */

export const PROGRAMMERING_COLUMNS = ['jaar', 'pijler', 'productcode', 'aanbieder', 'wijk', 'clienten', 'kosten', 'aandeel'] as const;

/** A row of the table is the contract's ProgrammeringRegel: one type for the screen and the core. */
export type ProgrammeringRow = ProgrammeringRegel;

export type ProgrammeringKey = Pick<ProgrammeringRow, 'jaar' | 'pijler' | 'productcode' | 'aanbieder' | 'wijk'>;

export const keyOf = (r: ProgrammeringKey): string => [r.jaar, r.pijler, r.productcode, r.aanbieder, r.wijk].join('\u001f');

/**
 * A target as people type it: `1234`, `1234,5`, `1.234,56`, `1234.56`. A comma is the decimal
 * mark when there is one; without one a dot followed by groups of three digits is a thousands
 * separator (`1.234` clients), as in a Dutch spreadsheet.
 */
export function parseTarget(text: string): number | null | 'ongeldig' {
  const t = text.trim().replace(/^€\s*/, '').replace(/[\s\u00a0\u202f]/g, '');
  if (t === '') return null;
  let normal: string;
  if (t.includes(',')) normal = /^\d{1,3}(\.\d{3})*(,\d+)?$|^\d+(,\d+)?$/.test(t) ? t.replace(/\./g, '').replace(',', '.') : '';
  else normal = /^\d{1,3}(\.\d{3})+$/.test(t) ? t.replace(/\./g, '') : /^\d+(\.\d+)?$/.test(t) ? t : '';
  if (normal === '') return 'ongeldig';
  const value = Number(normal);
  return Number.isFinite(value) && value < 1e13 ? value : 'ongeldig';
}

export function validateProgrammeringRows(lines: readonly TableLine[], file: string, pijlers: readonly string[]): ProgrammeringRow[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const rows = lines.map(({ row, values }) => {
    const get = (column: string) => (values[column] ?? '').trim();
    const number = (column: 'clienten' | 'kosten' | 'aandeel') => {
      const value = parseTarget(get(column));
      if (value === 'ongeldig') {
        problems.push(`rij ${row}, kolom ${column}: '${get(column)}' is geen getal van 0 of meer`);
        return null;
      }
      return value;
    };
    const jaarText = get('jaar');
    const jaar = /^\d{4}$/.test(jaarText) ? Number(jaarText) : NaN;
    if (!(jaar >= 2000 && jaar <= 2100)) problems.push(`rij ${row}, kolom jaar: '${jaarText}' is geen jaartal (2000-2100)`);
    const pijler = get('pijler').toUpperCase();
    if (!pijlers.includes(pijler)) problems.push(`rij ${row}, kolom pijler: '${get('pijler')}' is geen pijler (${pijlers.join(', ')})`);
    const target: ProgrammeringRow = {
      jaar,
      pijler,
      productcode: get('productcode'),
      aanbieder: get('aanbieder'),
      wijk: /^\d{6}$/.test(get('wijk')) ? `WK${get('wijk')}` : get('wijk'),
      clienten: number('clienten'),
      kosten: number('kosten'),
      aandeel: number('aandeel'),
    };
    if (target.aandeel !== null && target.aandeel > 100) problems.push(`rij ${row}, kolom aandeel: ${get('aandeel')} is meer dan 100 (het aandeel is een percentage)`);
    if (target.clienten === null && target.kosten === null && target.aandeel === null && !problems.some((p) => p.startsWith(`rij ${row},`))) {
      problems.push(`rij ${row}, kolom clienten: geen streefwaarde (vul clienten, kosten of aandeel in)`);
    }
    const key = keyOf(target);
    if (seen.has(key)) problems.push(`rij ${row}, kolom jaar: dezelfde combinatie van jaar, pijler, productcode, aanbieder en wijk staat ook in rij ${seen.get(key)}`);
    else seen.set(key, row);
    return target;
  });
  if (problems.length > 0) {
    const more = problems.length > 10 ? ` (en nog ${problems.length - 10} andere)` : '';
    throw new UserError('PROGRAMMERING_ONGELDIG', `Programmering ${file}: ${problems.slice(0, 10).join('; ')}${more}.`, { file });
  }
  return rows;
}

export async function readProgrammeringFile(file: string, pijlers: readonly string[]): Promise<ProgrammeringRow[]> {
  const lines = await readTableFile(file, PROGRAMMERING_COLUMNS, ['jaar', 'pijler', 'productcode', 'clienten', 'kosten']);
  if (lines.length === 0) {
    throw new UserError('PROGRAMMERING_LEEG', `De programmering '${path.basename(file)}' bevat geen rijen, alleen een kopregel. Vul per regel een jaar, pijler en streefwaarde in.`, { file: path.basename(file) });
  }
  return validateProgrammeringRows(lines, path.basename(file), pijlers);
}

/** Numbers with `.` as decimal point, as every interchange file of the app writes them. */
const text = (value: number | null) => (value === null ? '' : String(value));

export function writeProgrammeringFile(file: string, rows: readonly ProgrammeringRow[]): Promise<void> {
  return writeTableFile(
    file,
    PROGRAMMERING_COLUMNS,
    rows.map((r) => ({ ...r, jaar: String(r.jaar), clienten: text(r.clienten), kosten: text(r.kosten), aandeel: text(r.aandeel) })),
  );
}

const ORDER = 'ORDER BY jaar, pijler, productcode, aanbieder, wijk';

export function listProgrammering(db: Db, jaar?: number): ProgrammeringRow[] {
  const cols = PROGRAMMERING_COLUMNS.join(', ');
  return (jaar === undefined ? db.prepare(`SELECT ${cols} FROM programmering ${ORDER}`).all() : db.prepare(`SELECT ${cols} FROM programmering WHERE jaar = ? ${ORDER}`).all(jaar)) as ProgrammeringRow[];
}

/** Replaces the whole programmering in one transaction: an import lands whole or not at all. */
export function replaceProgrammering(db: Db, rows: readonly ProgrammeringRow[]): void {
  const insert = db.prepare(`INSERT INTO programmering (${PROGRAMMERING_COLUMNS.join(', ')}) VALUES (${PROGRAMMERING_COLUMNS.map((c) => `@${c}`).join(', ')})`);
  db.transaction(() => {
    db.prepare('DELETE FROM programmering').run();
    for (const row of rows) insert.run(row);
  })();
}

/**
 * Stores one target; with `vorige` (the key before the edit) the row it replaces goes in the same
 * transaction, so changing a key column moves the row instead of copying it.
 */
export function saveProgrammeringRow(db: Db, row: ProgrammeringRow, vorige: ProgrammeringKey | null): void {
  db.transaction(() => {
    if (vorige) deleteProgrammeringRow(db, vorige);
    db.prepare(
      `INSERT INTO programmering (${PROGRAMMERING_COLUMNS.join(', ')}) VALUES (${PROGRAMMERING_COLUMNS.map((c) => `@${c}`).join(', ')})
       ON CONFLICT (jaar, pijler, productcode, aanbieder, wijk) DO UPDATE SET clienten = excluded.clienten, kosten = excluded.kosten, aandeel = excluded.aandeel`,
    ).run(row);
  })();
}

export function deleteProgrammeringRow(db: Db, key: ProgrammeringKey): boolean {
  const { jaar, pijler, productcode, aanbieder, wijk } = key;
  return db.prepare('DELETE FROM programmering WHERE jaar = ? AND pijler = ? AND productcode = ? AND aanbieder = ? AND wijk = ?').run(jaar, pijler, productcode, aanbieder, wijk).changes > 0;
}

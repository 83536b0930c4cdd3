import path from 'node:path';
import type { ProgrammeringRegel } from '../../shared/api.ts';
import { UserError } from '../errors.ts';
import { readTableFile, writeTableFile } from '../classification/tableFiles.ts';
import type { TableLine } from '../classification/productTable.ts';
import { refuseTableProblems } from '../classification/tableProblems.ts';
import type { Db } from '../store/database.ts';
import { keyedTable } from '../store/keyedTable.ts';

/*
 * The programmering (Haarlem, "Programmering"): per year the targets the gemeente steers on, per
 * pijler and product, optionally per aanbieder and per wijk. An empty productcode, aanbieder or
 * wijk is the total over all of them, so a target can be set at any level. `aandeel` is the target
 * share (percentage) of clients within the row's group: a product row's share of its pijler, an
 * aanbieder's or wijk's share of its product.
 */

/** What identifies a target: the level it is set at. */
const PROGRAMMERING_KEY = ['jaar', 'pijler', 'productcode', 'aanbieder', 'wijk'] as const;

export const PROGRAMMERING_COLUMNS = [...PROGRAMMERING_KEY, 'clienten', 'kosten', 'aandeel'] as const;

/** A row of the table is the contract's ProgrammeringRegel: one type for the screen and the core. */
export type ProgrammeringRow = ProgrammeringRegel;

export type ProgrammeringKey = Pick<ProgrammeringRow, (typeof PROGRAMMERING_KEY)[number]>;

export const keyOf = (r: ProgrammeringKey): string => PROGRAMMERING_KEY.map((k) => r[k]).join('\u001f');

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
  refuseTableProblems(problems, 'PROGRAMMERING_ONGELDIG', 'Programmering', file);
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

const programmering = keyedTable<ProgrammeringRow, keyof ProgrammeringKey>('programmering', PROGRAMMERING_COLUMNS, PROGRAMMERING_KEY);

export function listProgrammering(db: Db, jaar?: number): ProgrammeringRow[] {
  return programmering.list(db, jaar === undefined ? undefined : { column: 'jaar', value: jaar });
}

/** Replaces the whole programmering in one transaction: an import lands whole or not at all. */
export const replaceProgrammering = programmering.replace;

/**
 * Stores one target; with `vorige` (the key before the edit) the row it replaces goes in the same
 * transaction, so changing a key column moves the row instead of copying it.
 */
export function saveProgrammeringRow(db: Db, row: ProgrammeringRow, vorige: ProgrammeringKey | null): void {
  db.transaction(() => {
    if (vorige) deleteProgrammeringRow(db, vorige);
    programmering.upsert(db, row);
  })();
}

export const deleteProgrammeringRow = programmering.delete;

import path from 'node:path';
import type { LastenRegel, LastenSleutel } from '../../shared/api.ts';
import { readTableFile, writeTableFile } from '../classification/tableFiles.ts';
import type { TableLine } from '../classification/productTable.ts';
import { refuseTableProblems } from '../classification/tableProblems.ts';
import { UserError } from '../errors.ts';
import { parsePeriode } from '../period/periode.ts';
import { parseTarget } from '../programmering/programmeringTable.ts';
import type { Db } from '../store/database.ts';
import { keyedTable } from '../store/keyedTable.ts';

/*
 * The lasten (Arrangementenmonitor §3.2, toerekening): per period what the gemeente paid for a
 * product that has no costs per client — a subsidy, a budget per aanbieder, a contract sum — so
 * the monitor can allocate it to the clients of that product (toerekening.ts). An empty
 * aanbieder is the product's total over every aanbieder; a product has either that total or
 * amounts per aanbieder in a period, never both, or the same money would be allocated twice.
 */

/** What identifies a row: one amount per period, product and aanbieder. */
const LASTEN_KEY = ['periode', 'productcode', 'aanbieder'] as const satisfies readonly (keyof LastenSleutel)[];

export const LASTEN_COLUMNS = [...LASTEN_KEY, 'kosten'] as const;

export type LastenRow = LastenRegel;

export const lastenKey = (r: LastenSleutel): string => LASTEN_KEY.map((k) => r[k]).join('\u001f');

/** Checks lines of a lasten table (file, screen or delivery); problems name the row and column. */
export function validateLastenRows(lines: readonly TableLine[], file: string, options: { periode?: string } = {}): LastenRow[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const rows = lines.map(({ row, values }) => {
    const get = (column: string) => (values[column] ?? '').trim();
    let periode = options.periode ?? '';
    if (options.periode === undefined) {
      try {
        periode = parsePeriode(get('periode')).code;
      } catch {
        problems.push(`rij ${row}, kolom periode: '${get('periode').slice(0, 30)}' is geen periode (2026Q3, 2026H2 of 2026)`);
      }
    }
    const productcode = get('productcode');
    if (productcode === '') problems.push(`rij ${row}, kolom productcode: leeg (de lasten horen bij een product)`);
    const kosten = parseTarget(get('kosten'));
    if (kosten === null || kosten === 'ongeldig') problems.push(`rij ${row}, kolom kosten: '${get('kosten').slice(0, 30)}' is geen bedrag van 0 of meer`);
    const regel: LastenRow = { periode, productcode, aanbieder: get('aanbieder'), kosten: typeof kosten === 'number' ? Math.round(kosten * 100) / 100 : 0 };
    const key = lastenKey(regel);
    if (seen.has(key)) problems.push(`rij ${row}, kolom productcode: dezelfde combinatie van periode, productcode en aanbieder staat ook in rij ${seen.get(key)}`);
    else seen.set(key, row);
    return { row, regel };
  });
  // A total and per-aanbieder amounts of one product in one period: the money would count twice.
  const totals = new Map(rows.filter((r) => r.regel.aanbieder === '').map((r) => [`${r.regel.periode}\u001f${r.regel.productcode}`, r.row]));
  for (const { row, regel } of rows) {
    const total = totals.get(`${regel.periode}\u001f${regel.productcode}`);
    if (regel.aanbieder !== '' && total !== undefined) {
      problems.push(`rij ${row}, kolom aanbieder: product ${regel.productcode} heeft in ${regel.periode} al een totaal zonder aanbieder (rij ${total}); geef óf het totaal óf de bedragen per aanbieder`);
    }
  }
  refuseTableProblems(problems, 'LASTEN_ONGELDIG', 'Lasten', file);
  return rows.map((r) => r.regel);
}

export async function readLastenFile(file: string): Promise<LastenRow[]> {
  const lines = await readTableFile(file, LASTEN_COLUMNS, ['periode', 'productcode', 'kosten']);
  if (lines.length === 0) {
    throw new UserError('LASTEN_LEEG', `De lasten '${path.basename(file)}' bevatten geen rijen, alleen een kopregel. Vul per regel een periode, productcode en bedrag in.`, { file: path.basename(file) });
  }
  return validateLastenRows(lines, path.basename(file));
}

export function writeLastenFile(file: string, rows: readonly LastenRow[]): Promise<void> {
  return writeTableFile(file, LASTEN_COLUMNS, rows.map((r) => ({ ...r, kosten: String(r.kosten) })));
}

const lasten = keyedTable<LastenRow, keyof LastenSleutel>('lasten', LASTEN_COLUMNS, LASTEN_KEY);

export function listLasten(db: Db, periode?: string): LastenRow[] {
  return lasten.list(db, periode === undefined ? undefined : { column: 'periode', value: periode });
}

/** Replaces the whole table in one transaction: an import lands whole or not at all. */
export const replaceLasten = lasten.replace;

/**
 * Stores one row after checking it against the rows it joins (a total beside amounts per
 * aanbieder is refused); with `vorige` the row it replaces goes in the same transaction.
 */
export function saveLastenRow(db: Db, row: LastenRow, vorige: LastenSleutel | null): void {
  db.transaction(() => {
    if (vorige) deleteLastenRow(db, vorige);
    const others = listLasten(db, row.periode).filter((r) => lastenKey(r) !== lastenKey(row));
    const lines = [...others, row].map((r, i) => ({ row: i + 1, values: { periode: r.periode, productcode: r.productcode, aanbieder: r.aanbieder, kosten: String(r.kosten) } }));
    try {
      validateLastenRows(lines, 'de lasten');
    } catch (error) {
      if (error instanceof UserError) {
        throw new UserError('LASTEN_ONGELDIG', `Niet opgeslagen: product ${row.productcode} heeft in ${row.periode} óf een totaal zonder aanbieder óf bedragen per aanbieder, niet allebei.`);
      }
      throw error;
    }
    lasten.upsert(db, row);
  })();
}

export const deleteLastenRow = lasten.delete;

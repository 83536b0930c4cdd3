import type { DuckDBConnection } from '@duckdb/node-api';
import { DEFAULT_FINANCIER } from '../classification/classificationCodes.ts';
import { sqlText } from '../central/store/duckdb.ts';
import { UserError } from '../errors.ts';
import { DELIVERY_COLUMNS, type DeliveryColumn } from './deliveryRecord.ts';

/*
 * Reading `voorzieningen.csv` (levering v1) in DuckDB: the one place that says what a value of
 * each column must look like. The file is first read as text, exactly as written, so a value
 * against the contract is found with its row and column (and never quoted back: it might be
 * personal data), then converted. DuckDB's own typed CSV reading is more forgiving than the
 * contract ("1e5", " 12" and "7.5" as an age pass), so the checks are ours.
 */

type Soort = 'tekst' | 'getal' | 'geheel' | 'datum';
type Rule = { soort: Soort; verplicht?: true; standaard?: string };

/** Per column what the contract allows (shared/DESIGN.md, "Delivery format"). */
export const DELIVERY_VALUE_RULES: Record<DeliveryColumn, Rule> = {
  client: { soort: 'tekst', verplicht: true },
  huishouden: { soort: 'tekst' },
  leeftijd: { soort: 'geheel' },
  geslacht: { soort: 'tekst', standaard: '0' },
  pc4: { soort: 'tekst' },
  wijk: { soort: 'tekst', verplicht: true },
  gebied: { soort: 'tekst' },
  pijler: { soort: 'tekst', verplicht: true },
  productcode: { soort: 'tekst', verplicht: true },
  product: { soort: 'tekst' },
  categorie: { soort: 'tekst' },
  voorziening: { soort: 'tekst', verplicht: true },
  leefdomein: { soort: 'tekst', verplicht: true },
  financier: { soort: 'tekst', standaard: DEFAULT_FINANCIER },
  begindatum: { soort: 'datum', verplicht: true },
  einddatum: { soort: 'datum' },
  aanbieder: { soort: 'tekst' },
  aanbieder_naam: { soort: 'tekst' },
  volume: { soort: 'getal' },
  eenheid: { soort: 'tekst' },
  frequentie: { soort: 'tekst' },
  kosten: { soort: 'getal' },
  verwijzer: { soort: 'tekst' },
  reden_einde: { soort: 'tekst' },
  aanvraagdatum: { soort: 'datum' },
};

/** What is wrong with a value, as the error message says it. */
const PATTERN: Record<Exclude<Soort, 'tekst'>, { regex: string; type: string; what: string }> = {
  getal: { regex: '-?[0-9]+([.][0-9]+)?', type: 'DOUBLE', what: 'geen geldig getal (verwacht: cijfers met een punt als decimaalteken)' },
  geheel: { regex: '-?[0-9]+', type: 'INTEGER', what: 'geen geldig getal (verwacht: cijfers met een punt als decimaalteken)' },
  // The form, and a day that exists (2026-02-31 has the form but is no date).
  datum: { regex: '[0-9]{4}-[0-9]{2}-[0-9]{2}', type: 'DATE', what: 'geen datum als JJJJ-MM-DD' },
};

const quoted = (column: string, alias = '') => `${alias}"${column}"`;

/** Costs as read: whole cents fit, with sixteen digits of euros to spare. */
const KOSTEN_TYPE = 'DECIMAL(18, 2)';

/** A staged record's row in the file, the header being row 1. */
export const stagedRow = (alias = '') => `(${alias}rowid + 2)`;

/**
 * The writer guards text against spreadsheet formulas with a leading '; a reader undoes that
 * (csvChunk.ts formulaStart: = + - @ tab CR). One anchored regular expression: per value it
 * costs what two character tests in a CASE cost (measured over 20 k records), but DuckDB plans
 * the CASE form of the 17 text columns in ~45 ms per statement, which the analyst's intake pays
 * once per delivery (684 in the benchmark); the regular expression plans in ~1 ms.
 */
export const unguarded = (column: string, alias = '') => `regexp_replace(${quoted(column, alias)}, '^''([=+@\\t\\r-])', '\\1')`;

/** Which columns a reading undoes the guard in: every one, unless the staged file was looked at (guardedColumns). */
export type GuardedColumns = ReadonlySet<DeliveryColumn> | 'alle';

/**
 * The columns of a staged table in which some value starts with a ': only there can a guard be
 * undone, so only there does a value need `unguarded`. A file the app wrote has such values in
 * a few columns at most, often none; the regular expression on every value of every column cost
 * about 0.6 CPU s per million records, this look 0.1 s.
 */
export async function guardedColumns(connection: DuckDBConnection, table: string): Promise<ReadonlySet<DeliveryColumn>> {
  const flags = DELIVERY_COLUMNS.map((c) => `coalesce(bool_or(starts_with(${quoted(c)}, '''')), false)`).join(', ');
  const [row] = (await connection.runAndReadAll(`SELECT ${flags} FROM ${table}`)).getRowsJS();
  return new Set(DELIVERY_COLUMNS.filter((_, i) => row![i] === true));
}

const valueOf = (column: DeliveryColumn, alias: string, guarded: GuardedColumns) => (guarded === 'alle' || guarded.has(column) ? unguarded(column, alias) : quoted(column, alias));

/**
 * Reads the CSV into `table` as text, one row per record in file order, so a record's `rowid`
 * is its position (stagedRow is the row as a spreadsheet numbers it: the header is row 1). The
 * header must already be checked against the contract (verifyDelivery): here the columns are
 * taken in the contract's order.
 */
/**
 * DuckDB's CSV buffer: 16 MiB rather than DuckDB's default measured a quarter less CPU for reading a
 * million records (2.0 against 2.7 s, three runs each, the same table); far above the longest line a
 * delivery may have (verifyDelivery.ts MAX_LINE_BYTES).
 */
const READ_BUFFER_BYTES = 16 * 2 ** 20;

export async function stageDeliveryCsv(connection: DuckDBConnection, csvFile: string, table: string, options: { continued?: true } = {}): Promise<void> {
  const columns = `{${DELIVERY_COLUMNS.map((c) => `${sqlText(c)}: 'VARCHAR'`).join(', ')}}`;
  // `continued`: csvFile is a later part of the file, cut at a line end, without the header; its
  // rows are appended, so rowid keeps counting in file order.
  await connection.run(
    `${options.continued ? `INSERT INTO ${table}` : `CREATE OR REPLACE TEMP TABLE ${table} AS`}
     SELECT * FROM read_csv(${sqlText(csvFile)}, delim = ';', quote = '"', escape = '"', header = ${options.continued ? 'false' : 'true'},
       auto_detect = false, strict_mode = true, nullstr = '', columns = ${columns}, buffer_size = ${READ_BUFFER_BYTES})`,
  );
}

/**
 * The first value in `table` (staged by stageDeliveryCsv) against the contract, as a Dutch error
 * naming file, row and column; null when every value is as it should be.
 */
export async function firstInvalidValue(connection: DuckDBConnection, table: string, file: string, guarded: GuardedColumns = 'alle'): Promise<UserError | null> {
  const checks = DELIVERY_COLUMNS.flatMap((column) => {
    const rule = DELIVERY_VALUE_RULES[column];
    const value = valueOf(column, '', guarded);
    const out: { column: DeliveryColumn; condition: string; what: string }[] = [];
    if (rule.verplicht) out.push({ column, condition: `${quoted(column)} IS NULL`, what: 'verplicht gegeven ontbreekt' });
    if (rule.soort !== 'tekst') {
      const { regex, what } = PATTERN[rule.soort];
      const type = column === 'kosten' ? KOSTEN_TYPE : PATTERN[rule.soort].type;
      out.push({ column, condition: `${value} IS NOT NULL AND (NOT regexp_full_match(${value}, '${regex}') OR TRY_CAST(${value} AS ${type}) IS NULL)`, what });
    }
    return out;
  });
  // Per check its first row in one scan; the earliest row (then the leftmost column) is reported.
  const firsts = checks.map((c, i) => `min(${stagedRow()}) FILTER (WHERE ${c.condition}) AS c${i}`).join(', ');
  const [row] = (await connection.runAndReadAll(`SELECT ${firsts} FROM ${table}`)).getRowsJS() as (bigint | number | null)[][];
  let found: { rij: number; check: (typeof checks)[number] } | null = null;
  checks.forEach((check, i) => {
    const rij = row![i];
    if (rij !== null && rij !== undefined && (found === null || Number(rij) < found.rij)) found = { rij: Number(rij), check };
  });
  if (found === null) return null;
  const { rij, check } = found as { rij: number; check: (typeof checks)[number] };
  return new UserError('LEVERING_WAARDE', `${file}, voorzieningen.csv rij ${rij}, kolom ${check.column}: ${check.what}.`, { file, row: rij, column: check.column });
}

/**
 * Per column the SQL that turns its staged text into the record's value: guard undone, defaults
 * filled in, dates as DATE, numbers as DOUBLE (volume), BIGINT cents (kosten) and INTEGER (age).
 * Call only after firstInvalidValue found nothing; `guarded` as it was given.
 */
export function deliveryValueSql(column: DeliveryColumn, alias = '', guarded: GuardedColumns = 'alle'): string {
  const rule = DELIVERY_VALUE_RULES[column];
  const value = valueOf(column, alias, guarded);
  if (rule.soort === 'datum') return `CAST(${value} AS DATE)`;
  if (rule.soort === 'geheel') return `CAST(${value} AS INTEGER)`;
  // Costs in whole cents, exactly: through DECIMAL, never through a binary double (an 18-digit
  // decimal is a 64-bit integer to DuckDB; a 38-digit one made this cast 100 times slower).
  if (column === 'kosten') return `CAST(CAST(${value} AS ${KOSTEN_TYPE}) * 100 AS BIGINT)`;
  if (rule.soort === 'getal') return `CAST(${value} AS DOUBLE)`;
  return rule.standaard === undefined ? value : `coalesce(${value}, ${sqlText(rule.standaard)})`;
}

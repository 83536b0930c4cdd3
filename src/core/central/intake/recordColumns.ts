import { DELIVERY_COLUMNS, type DeliveryColumn } from '../../delivery/deliveryRecord.ts';
import { sqlText } from '../store/duckdb.ts';

/**
 * How each delivery column is typed in the Parquet records. Only the typed ones are named; every
 * other column of DELIVERY_COLUMNS is text (codes such as `categorie` `02` or a PC4 keep their
 * leading zeros), so a new contract column is never silently dropped.
 */
const TYPED: Partial<Record<DeliveryColumn, string>> = {
  leeftijd: 'SMALLINT',
  begindatum: 'DATE',
  einddatum: 'DATE',
  aanvraagdatum: 'DATE',
  volume: 'DOUBLE',
  kosten: 'DECIMAL(18,2)',
};

export const RECORD_COLUMN_TYPES: readonly { column: DeliveryColumn; type: string }[] = DELIVERY_COLUMNS.map((column) => ({
  column,
  type: TYPED[column] ?? 'VARCHAR',
}));

const quoted = (column: string) => `"${column}"`;

/**
 * The SELECT that turns `voorzieningen.csv` (the contract's dialect) into typed records. The
 * header is checked by name against the contract before this runs; DuckDB is told every type,
 * so nothing is guessed from a sample. The writer's formula guard (a leading ') is undone here,
 * as the gemeente side's reader does.
 */
export function typedRecordsSelect(csvFile: string): string {
  const columns = `{${RECORD_COLUMN_TYPES.map(({ column, type }) => `${sqlText(column)}: ${sqlText(type)}`).join(', ')}}`;
  const select = RECORD_COLUMN_TYPES.map(({ column, type }) =>
    type === 'VARCHAR' ? `CASE WHEN regexp_matches(${quoted(column)}, '^''[=+\\-@\\t\\r]') THEN substr(${quoted(column)}, 2) ELSE ${quoted(column)} END AS ${quoted(column)}` : quoted(column),
  ).join(', ');
  return (
    `SELECT ${select} FROM read_csv(${sqlText(csvFile)}, delim = ';', quote = '"', escape = '"', header = true, ` +
    `auto_detect = false, strict_mode = true, dateformat = '%Y-%m-%d', decimal_separator = '.', nullstr = '', columns = ${columns})`
  );
}

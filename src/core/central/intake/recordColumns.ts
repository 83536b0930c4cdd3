import { DELIVERY_VALUE_RULES, unguarded } from '../../delivery/deliveryCsvSql.ts';
import { DELIVERY_COLUMNS, type DeliveryColumn } from '../../delivery/deliveryRecord.ts';
import { sqlText } from '../store/duckdb.ts';

/**
 * How each delivery column is typed in the Parquet records, from the contract's value rules
 * (delivery/deliveryCsvSql.ts, the one list of what a column holds): dates as DATE, the age as
 * SMALLINT, costs as an exact decimal, other numbers as DOUBLE, and everything else text (codes
 * such as `categorie` `02` or a PC4 keep their leading zeros), so a new contract column is never
 * silently dropped.
 */
const PARQUET_TYPE = { tekst: 'VARCHAR', datum: 'DATE', geheel: 'SMALLINT', getal: 'DOUBLE' } as const;

export const RECORD_COLUMN_TYPES: readonly { column: DeliveryColumn; type: string }[] = DELIVERY_COLUMNS.map((column) => ({
  column,
  type: column === 'kosten' ? 'DECIMAL(18,2)' : PARQUET_TYPE[DELIVERY_VALUE_RULES[column].soort],
}));

const quoted = (column: string) => `"${column}"`;

/**
 * The SELECT that turns `voorzieningen.csv` (the contract's dialect) into typed records. The
 * header is checked by name against the contract before this runs; DuckDB is told every type,
 * so nothing is guessed from a sample. The writer's formula guard (a leading ') is undone here,
 * as the gemeente side's reader does, unless verify saw no field start with it (`unguarded`).
 */
export function typedRecordsSelect(csvFile: string, options: { unguarded?: boolean } = {}): string {
  const columns = `{${RECORD_COLUMN_TYPES.map(({ column, type }) => `${sqlText(column)}: ${sqlText(type)}`).join(', ')}}`;
  const select = RECORD_COLUMN_TYPES.map(({ column, type }) =>
    type === 'VARCHAR' && options.unguarded !== true ? `${unguarded(column)} AS ${quoted(column)}` : quoted(column),
  ).join(', ');
  return (
    `SELECT ${select} FROM read_csv(${sqlText(csvFile)}, delim = ';', quote = '"', escape = '"', header = true, ` +
    `auto_detect = false, strict_mode = true, dateformat = '%Y-%m-%d', decimal_separator = '.', nullstr = '', columns = ${columns})`
  );
}

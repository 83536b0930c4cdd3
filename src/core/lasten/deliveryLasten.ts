import type { LastenRegel } from '../../shared/api.ts';
import { LASTEN_FILE } from '../delivery/deliveryManifest.ts';
import type { DeliveryZip, FileSummary } from '../delivery/deliveryZip.ts';
import { scanTable, type PrivacyScan } from '../delivery/privacyScan.ts';
import { UserError } from '../errors.ts';
import { LASTEN_COLUMNS, validateLastenRows } from './lastenTable.ts';

/**
 * `lasten.csv` of levering v2: the gemeente's lasten of the delivery's period, the table's
 * columns without `periode` (the delivery has one). Kosten as the other files write amounts:
 * euros with two decimals and a `.`. The delivery writer calls `writeDeliveryLasten` only when
 * there are lasten, so a delivery without them stays exactly v1.
 */
export const LASTEN_DELIVERY_COLUMNS = LASTEN_COLUMNS.filter((c) => c !== 'periode');

export type DeliveryLast = Pick<LastenRegel, 'productcode' | 'aanbieder' | 'kosten'>;

export async function writeDeliveryLasten(zip: DeliveryZip, lasten: readonly DeliveryLast[], scan: PrivacyScan): Promise<FileSummary> {
  const rows = lasten.map((l) => [l.productcode, l.aanbieder, l.kosten.toFixed(2)]);
  scanTable(scan, LASTEN_FILE, LASTEN_DELIVERY_COLUMNS, rows);
  const entry = zip.csv(LASTEN_FILE, LASTEN_DELIVERY_COLUMNS);
  await entry.write(rows);
  return entry.end();
}

/**
 * The rows of a delivery's lasten.csv (header first, as read) checked as the app checks its own
 * table; problems name row and column. Amounts must be written as the writer writes them, so a
 * `1.320` cannot be read as thousands.
 */
export function readDeliveryLasten(rows: readonly string[][], periode: string): { lasten: DeliveryLast[]; problems: string[] } {
  const problems: string[] = [];
  const lines = rows.slice(1).flatMap((fields, i) => {
    const row = i + 2;
    if (fields.length !== LASTEN_DELIVERY_COLUMNS.length) return [];
    const values = Object.fromEntries(LASTEN_DELIVERY_COLUMNS.map((c, j) => [c, fields[j] ?? '']));
    if (!/^\d+(\.\d{1,2})?$/.test(values.kosten ?? '')) {
      problems.push(`rij ${row}, kolom kosten: '${(values.kosten ?? '').slice(0, 30)}' is geen bedrag in euro's met een punt en twee decimalen`);
      return [];
    }
    return [{ row, values }];
  });
  if (problems.length > 0) return { lasten: [], problems };
  try {
    return { lasten: validateLastenRows(lines, LASTEN_FILE, { periode }).map(({ productcode, aanbieder, kosten }) => ({ productcode, aanbieder, kosten })), problems };
  } catch (error) {
    if (error instanceof UserError) return { lasten: [], problems: [error.message.replace(/^Lasten lasten\.csv: /, '').replace(/\.$/, '')] };
    throw error;
  }
}

import Database from 'better-sqlite3';
import type { Periode } from '../period/periode.ts';
import type { ReferenceTables } from '../resources/referenceTables.ts';
import { UserError } from '../errors.ts';
import { scratchDatabaseError } from '../files/writeErrors.ts';
import { EXPORT_LEVELS } from './figures.ts';
import { writeFiguresCsv } from './figuresCsv.ts';
import { loadDeliveryFile } from './loadDelivery.ts';
import { buildPeriodScope } from './periodScope.ts';
import { withFiguresDuckDb } from './sql/duckSession.ts';
import { computeFiguresSql } from './sql/figuresSql.ts';
import { copyScopeToDuckDb } from './sql/scopeTables.ts';

export type DeliveryFiguresResult = { rijen: number; gemeenten: string[]; zonderVorigePeriode: string[] };

/**
 * `figures`: deliveries in, the long figures CSV out, every indicator at gemeente and wijk level
 * (EXPORT_LEVELS says which splits at which level). The records go to a scratch database on disk
 * (SQLite's anonymous temporary file), so a million rows do not have to fit in memory; the
 * period's voorzieningen then go to DuckDB, where the figures are SQL (sql/figuresSql.ts).
 */
export async function figuresFromDeliveries(
  files: readonly string[],
  periode: Periode,
  out: string,
  ref: ReferenceTables,
  onProgress?: (rows: number) => void,
  options: { signal?: AbortSignal; onQuery?: (done: number, total: number) => void } = {},
): Promise<DeliveryFiguresResult> {
  const db = new Database('');
  try {
    let loaded = 0;
    for (const file of files) {
      const { rijen } = await loadDeliveryFile(db, file, { onProgress: (n) => onProgress?.(loaded + n) });
      loaded += rijen;
    }
    const scope = buildPeriodScope(db, periode);
    if (scope.bronnen.length === 0) {
      throw new UserError('GEEN_LEVERING', `Geen van de leveringen valt binnen periode ${periode.code}. Kies de periode van de levering (of een langere die haar omvat).`);
    }
    const figures = await withFiguresDuckDb(
      async (connection) => {
        await copyScopeToDuckDb(db, scope, connection);
        return computeFiguresSql(connection, { periode, vorige: scope.vorige, levels: EXPORT_LEVELS, pijlerVolgorde: ref.pijlers.map((p) => p.code), onQuery: options.onQuery });
      },
      { signal: options.signal },
    );
    const rijen = await writeFiguresCsv(out, figures);
    return { rijen, gemeenten: scope.bronnen.map((b) => b.gemeente), zonderVorigePeriode: scope.zonderVorigePeriode };
  } catch (error) {
    throw scratchDatabaseError(error);
  } finally {
    db.close();
  }
}

import type { Periode } from '../period/periode.ts';
import type { ReferenceTables } from '../resources/referenceTables.ts';
import { UserError } from '../errors.ts';
import { EXPORT_LEVELS } from './figures.ts';
import { writeFiguresCsv } from './figuresCsv.ts';
import { loadDelivery } from './loadDelivery.ts';
import { programmeringFigures, programmeringStand } from './programmering.ts';
import type { ProgrammeringRow } from '../programmering/programmeringTable.ts';
import { withFiguresDuckDb } from './sql/duckSession.ts';
import { computeFiguresSql } from './sql/figuresSql.ts';
import { buildDuckScope, createDuckRecordSet } from './sql/recordTables.ts';

export type DeliveryFiguresResult = { rijen: number; gemeenten: string[]; zonderVorigePeriode: string[] };

/**
 * `figures`: deliveries in, the long figures CSV out, every indicator at gemeente and wijk level
 * (EXPORT_LEVELS says which splits at which level). Each delivery is verified, then read and
 * validated by DuckDB itself (loadDelivery.ts), where the scope and the figures are SQL
 * (sql/recordTables.ts, sql/figuresSql.ts); DuckDB spills to a private folder past its memory
 * limit, so a million rows do not have to fit in memory.
 */
export async function figuresFromDeliveries(
  files: readonly string[],
  periode: Periode,
  out: string,
  ref: ReferenceTables,
  onProgress?: (rows: number) => void,
  options: { signal?: AbortSignal; onQuery?: (done: number, total: number) => void; programmering?: readonly ProgrammeringRow[] } = {},
): Promise<DeliveryFiguresResult> {
  const figures = await withFiguresDuckDb(
    async (connection, scratch) => {
      const set = await createDuckRecordSet(connection);
      try {
        let loaded = 0;
        for (const file of files) {
          const { rijen } = await loadDelivery(set, file, { tempDir: scratch, signal: options.signal, onProgress: (n) => onProgress?.(loaded + n) });
          loaded += rijen;
        }
        const scope = await buildDuckScope(connection, set, periode);
        if (scope.bronnen.length === 0) {
          throw new UserError('GEEN_LEVERING', `Geen van de leveringen valt binnen periode ${periode.code}. Kies de periode van de levering (of een langere die haar omvat).`);
        }
        const rows = await computeFiguresSql(connection, { periode, vorige: scope.vorige, levels: EXPORT_LEVELS, pijlerVolgorde: ref.pijlers.map((p) => p.code), alle: true, signal: options.signal, onQuery: options.onQuery });
        // Last: the programmering builds a year-to-date scope of its own in place of the period's.
        if (options.programmering && scope.bronnen.length > 1) {
          throw new UserError('PROGRAMMERING_EEN_GEMEENTE', `Een programmering is van één gemeente, maar de leveringen zijn van ${scope.bronnen.map((b) => b.gemeente).join(', ')}. Geef alleen de leveringen van die gemeente op.`);
        }
        if (options.programmering) rows.push(...programmeringFigures(await programmeringStand(connection, set, periode, options.programmering), periode.code));
        return { rows, scope };
      } finally {
        set.close();
      }
    },
    { signal: options.signal },
  );
  const rijen = await writeFiguresCsv(out, figures.rows);
  return { rijen, gemeenten: figures.scope.bronnen.map((b) => b.gemeente), zonderVorigePeriode: figures.scope.zonderVorigePeriode };
}

import type { Periode } from '../period/periode.ts';
import type { ReferenceTables } from '../resources/referenceTables.ts';
import { UserError } from '../errors.ts';
import { EXPORT_LEVELS } from './figures.ts';
import { openFiguresFile } from './figuresCsv.ts';
import { withAtomicFile } from '../files/atomicWrite.ts';
import { loadDelivery } from './loadDelivery.ts';
import { programmeringFigures, programmeringStand } from './programmering.ts';
import type { ProgrammeringRow } from '../programmering/programmeringTable.ts';
import { withFiguresDuckDb } from './sql/duckSession.ts';
import { streamFiguresSql } from './sql/figuresSql.ts';
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
  let rijen = 0;
  // Written as the figures come (streamFiguresSql), into the temporary file: a refusal or an
  // error halfway leaves no file, and memory holds one split's figures rather than all.
  const scope = await withAtomicResult(out, async (temp) => {
    const csv = openFiguresFile(temp);
    try {
      return await withFiguresDuckDb(
        async (connection, scratch) => {
          const set = await createDuckRecordSet(connection);
          try {
            let loaded = 0;
            for (const file of files) {
              loaded += (await loadDelivery(set, file, { tempDir: scratch, signal: options.signal, onProgress: (n) => onProgress?.(loaded + n) })).rijen;
            }
            const scope = await buildDuckScope(connection, set, periode);
            if (scope.bronnen.length === 0) {
              throw new UserError('GEEN_LEVERING', `Geen van de leveringen valt binnen periode ${periode.code}. Kies de periode van de levering (of een langere die haar omvat).`);
            }
            if (options.programmering && scope.bronnen.length > 1) {
              throw new UserError('PROGRAMMERING_EEN_GEMEENTE', `Een programmering is van één gemeente, maar de leveringen zijn van ${scope.bronnen.map((b) => b.gemeente).join(', ')}. Geef alleen de leveringen van die gemeente op.`);
            }
            await streamFiguresSql(connection, { periode, vorige: scope.vorige, levels: EXPORT_LEVELS, pijlerVolgorde: ref.pijlers.map((p) => p.code), alle: true, signal: options.signal, onQuery: options.onQuery }, (batch) => {
              rijen += csv.write(batch);
            });
            // Last: the programmering builds a year-to-date scope of its own in place of the period's.
            if (options.programmering) rijen += csv.write(programmeringFigures(await programmeringStand(connection, set, periode, options.programmering), periode.code));
            return scope;
          } finally {
            set.close();
          }
        },
        { signal: options.signal },
      );
    } finally {
      csv.close();
    }
  });
  return { rijen, gemeenten: scope.bronnen.map((b) => b.gemeente), zonderVorigePeriode: scope.zonderVorigePeriode };
}

/** withAtomicFile for a writer that also returns something. */
async function withAtomicResult<T>(file: string, write: (temp: string) => Promise<T>): Promise<T> {
  let result: { value: T } | null = null;
  await withAtomicFile(file, async (temp) => {
    result = { value: await write(temp) };
  });
  return (result as { value: T } | null)!.value;
}

import type { Periode } from '../period/periode.ts';
import type { ReferenceTables } from '../resources/referenceTables.ts';
import { UserError } from '../errors.ts';
import { EXPORT_LEVELS, type Figure } from './figures.ts';
import { openFiguresFile } from './figuresCsv.ts';
import { withAtomicFile } from '../files/atomicWrite.ts';
import { loadDelivery } from './loadDelivery.ts';
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
  const scope = await writingFigures(out, async (write) =>
    withFiguresDuckDb(
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
            rijen += write(batch);
          });
          // Last: the programmering builds a year-to-date scope of its own in place of the period's.
          if (options.programmering) {
            // Loaded only when asked: the programmering's table module brings the spreadsheet readers (ExcelJS).
            const { programmeringFigures, programmeringStand } = await import('./programmering.ts');
            rijen += write(programmeringFigures(await programmeringStand(connection, set, periode, options.programmering), periode.code));
          }
          return scope;
        } finally {
          set.close();
        }
      },
      { signal: options.signal },
    ),
  );
  return { rijen, gemeenten: scope.bronnen.map((b) => b.gemeente), zonderVorigePeriode: scope.zonderVorigePeriode };
}

/**
 * Runs `work` with a writer into the figures CSV `file`, written atomically. Only a failure of
 * that writer is a failure to write the file (withAtomicFile names the file and the full disk);
 * anything else — a delivery refused, the work folder full while unpacking — is thrown as it was.
 */
async function writingFigures<T>(file: string, work: (write: (figures: Iterable<Figure>) => number) => Promise<T>): Promise<T> {
  let result: { value: T } | null = null;
  let failure: { error: unknown } | null = null;
  try {
    await withAtomicFile(file, async (temp) => {
      const csv = openFiguresFile(temp);
      let writeError: unknown = null;
      const write = (figures: Iterable<Figure>) => {
        try {
          return csv.write(figures);
        } catch (error) {
          writeError = error;
          throw error;
        }
      };
      try {
        result = { value: await work(write) };
      } catch (error) {
        if (error !== writeError) failure = { error };
        throw error;
      } finally {
        csv.close();
      }
    });
  } catch (error) {
    throw failure === null ? error : (failure as { error: unknown }).error;
  }
  return (result as { value: T } | null)!.value;
}

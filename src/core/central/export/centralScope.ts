import type { DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../../errors.ts';
import type { PeriodScope } from '../../indicators/periodScope.ts';
import { buildDuckScope, createDuckRecordSet, type DuckRecordSet } from '../../indicators/sql/recordTables.ts';
import { parsePeriode, previousPeriode, type Periode } from '../../period/periode.ts';
import { currentRecordFiles, type GemeenteRecords } from '../records/currentRecords.ts';
import type { CentralStore } from '../store/centralStore.ts';

/** How far back herhaald beroep looks (the engine's default), so history is loaded that far. */
const TERUGKIJK_JAREN = 2;

/**
 * The analyst's records of a period as the one engine reads them, so a gemeente's figure here is
 * the figure its own app computes from the same deliveries: every current delivery of each
 * gemeente with deliveries inside the period is loaded into `rec` as one source — the period's
 * own and every other that can hold history for it: instroom and herhaald beroep look through
 * every loaded source, later ones included (a voorziening running on is delivered again), as the
 * gemeente edition does with what it has imported — and the scope is built
 * by the gemeente edition's `buildDuckScope` (sources inside the period, a year over its quarters,
 * one voorziening across quarters one record, history from the others). Superseded and refused
 * deliveries are never loaded.
 */
export async function buildCentralScope(
  store: CentralStore,
  connection: DuckDBConnection,
  periode: Periode,
  options: { gemeenten?: readonly string[] } = {},
): Promise<{ scope: PeriodScope; set: DuckRecordSet; gemeenten: GemeenteRecords[] }> {
  const gemeenten = currentRecordFiles(store, periode).filter((g) => options.gemeenten === undefined || options.gemeenten.includes(g.gemeente));
  if (gemeenten.length === 0) throw new UserError('GEEN_LEVERING', `Er zijn geen actuele leveringen binnen periode ${periode.code}.`);
  const vorige = previousPeriode(periode);
  const from = new Date(Math.min(Date.parse(vorige.begin), Date.parse(periode.begin) - TERUGKIJK_JAREN * 365.25 * 86_400_000)).toISOString().slice(0, 10);
  const codes = gemeenten.map((g) => g.gemeente);
  const deliveries = store.db
    .prepare(
      `SELECT l.id, l.gemeente, g.naam, l.periode, l.versie, l.parquet FROM levering l JOIN gemeente g ON g.code = l.gemeente
       WHERE l.status = 'actueel' AND l.periode_eind >= ? AND l.gemeente IN (${codes.map(() => '?').join(', ')})
       ORDER BY l.gemeente, l.periode_begin, l.periode_eind`,
    )
    .all(from, ...codes) as { id: number; gemeente: string; naam: string; periode: string; versie: number; parquet: string }[];
  const lastenOf = store.db.prepare('SELECT productcode, aanbieder, kosten FROM levering_lasten WHERE levering_id = ? ORDER BY productcode, aanbieder');
  const set = await createDuckRecordSet(connection);
  try {
    for (const d of deliveries) {
      const { bron } = await set.loadParquet({ gemeente: d.gemeente, gemeentenaam: d.naam, periode: parsePeriode(d.periode), omschrijving: `${d.gemeente} ${d.periode} versie ${d.versie}` }, store.resolve(d.parquet));
      // Levering v2: its lasten are allocated in every scope that uses it (every central cost figure).
      await set.addLasten(bron, lastenOf.all(d.id) as { productcode: string; aanbieder: string; kosten: number }[]);
    }
    return { scope: await buildDuckScope(connection, set, periode), set, gemeenten };
  } catch (error) {
    set.close();
    throw error;
  }
}

/**
 * The scope's gemeenten as the one area ALLE: a client and a household stay their gemeente's
 * (its code goes in front of the pseudonym, and cid/hid were numbered per gemeente already), so
 * the same pseudonym in two gemeenten is two clients, as in the gemeente rows.
 */
export async function asAlle(connection: DuckDBConnection): Promise<void> {
  await connection.run(`
    UPDATE fv SET client = gemeente || '|' || client, huishouden = CASE WHEN huishouden IS NULL THEN NULL ELSE gemeente || '|' || huishouden END, gemeente = 'ALLE';
    UPDATE fh SET client = gemeente || '|' || client, gemeente = 'ALLE';`);
}


import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { aanbiederKey } from '../../delivery/aanbiederKey.ts';
import { UserError } from '../../errors.ts';
import { discloseFigures, type DisclosureStats } from '../../disclosure/discloseFigures.ts';
import { writeAuditCsv, writeDisclosedFiguresCsv } from '../../disclosure/disclosedCsv.ts';
import type { Figure } from '../../disclosure/figureType.ts';
import { innerCellsSql } from '../../disclosure/innerCellsSql.ts';
import type { ReleaseLevel } from '../../disclosure/releaseModel.ts';
import { EXPORT_LEVELS } from '../../indicators/figures.ts';
import { writeFiguresCsv } from '../../indicators/figuresCsv.ts';
import { computeFiguresSql, dayNumber } from '../../indicators/sql/figuresSql.ts';
import { finishScopeTables } from '../../indicators/sql/scopeTables.ts';
import { parsePeriode, previousPeriode } from '../../period/periode.ts';
import { currentRecordFiles, recordsSql } from '../records/currentRecords.ts';
import type { CentralStore } from '../store/centralStore.ts';
import { sqlText } from '../store/duckdb.ts';

/*
 * `central export`: the long figures CSV of every gemeente with current deliveries for the period,
 * their wijken and ALLE, computed by the one figures engine (indicators/sql/figuresSql.ts) over
 * the Parquet files of the current delivery versions, plus figures per inhabitant.
 *
 * Per inhabitant, from the loaded CBS year closest to the period (the later one on a tie):
 *  - clienten_per_1000 and kosten_per_inwoner over all inhabitants, for the total and per pijler;
 *  - for pijler JW the denominator is the inhabitants aged 0–17, which the CBS bands give only
 *    approximately: 0–14 plus 3/10 of 15–24 (ages 15, 16 and 17 of that ten-year band, assuming
 *    the band is evenly spread). A wijk or gemeente without the bands gets no Jeugd figure.
 */

export type CentralExportResult = { rijen: number; gemeenten: string[]; cbsJaar: number | null; onderdrukking: DisclosureStats | null; audit: string | null };

export async function exportCentralFigures(
  store: CentralStore,
  connection: DuckDBConnection,
  options: { periode: string; out: string; intern: boolean; pijlerVolgorde: readonly string[]; signal?: AbortSignal; onQuery?: (done: number, total: number) => void },
): Promise<CentralExportResult> {
  const periode = parsePeriode(options.periode);
  // Intern: every current delivery, approved or not. For publication only the gemeenten whose
  // every delivery of the period has its akkoord, and ALLE over just those.
  const current = currentRecordFiles(store, periode);
  if (current.length === 0) throw new UserError('GEEN_LEVERING', `Er zijn geen actuele leveringen binnen periode ${periode.code}.`);
  const gemeenten = options.intern ? current : current.filter((g) => approved(store, g.delen.map((d) => d.leveringId)));
  if (gemeenten.length === 0) {
    throw new UserError('GEEN_AKKOORD', `Geen enkele gemeente gaf akkoord voor publicatie over ${periode.code} (central approve); er is niets te publiceren. Geef --intern voor een interne export.`);
  }
  const vorige = previousPeriode(periode);
  // The gemeente from the catalogue; the hive path's own gemeente/periode columns (a single file) are left out.
  const union = gemeenten.map((g) => `SELECT ${sqlText(g.gemeente)} AS gemeente, COLUMNS(c -> c NOT IN ('gemeente', 'periode')) FROM (${recordsSql(g.delen)})`).join(' UNION ALL BY NAME ');
  await connection.run(`CREATE OR REPLACE TEMP TABLE cr AS ${union}`);
  // The aanbieder as the engine groups it: its AGB code, else its normalised name (JS, as everywhere).
  const names = (await connection.runAndReadAll(`SELECT DISTINCT aanbieder_naam FROM cr WHERE (aanbieder IS NULL OR trim(aanbieder) = '') AND aanbieder_naam IS NOT NULL`)).getRowsJS();
  const keys = names.map(([naam]) => `(${sqlText(naam as string)}, ${sqlText(aanbiederKey(null, naam as string))})`);
  await connection.run(`CREATE OR REPLACE TEMP TABLE ak AS SELECT * FROM (${keys.length === 0 ? "SELECT ''::VARCHAR, ''::VARCHAR WHERE false" : `VALUES ${keys.join(', ')}`}) t(naam, sleutel)`);
  const day = (column: string) => `CAST(${column} - DATE '1970-01-01' AS INTEGER)`;
  const begin = dayNumber(periode.begin);
  const eind = dayNumber(periode.eind);
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE fv_in AS
    SELECT row_number() OVER (ORDER BY gemeente, client, productcode, begindatum, aanbieder, einddatum, wijk) AS rij,
      gemeente, client, huishouden, wijk, coalesce(gebied, '') AS gebied, pijler, leefdomein, voorziening, productcode,
      CASE WHEN aanbieder IS NOT NULL AND trim(aanbieder) <> '' THEN trim(aanbieder) ELSE coalesce(ak.sleutel, '') END AS aanbieder,
      ${day('begindatum')} AS b, ${day('einddatum')} AS e, CAST(round(kosten * 100) AS BIGINT) AS kosten, CAST(leeftijd AS INTEGER) AS leeftijd, ${day('aanvraagdatum')} AS a
    FROM cr LEFT JOIN ak ON ak.naam = cr.aanbieder_naam
    WHERE ${day('begindatum')} <= ${eind} AND (einddatum IS NULL OR ${day('einddatum')} >= ${begin})`);
  await connection.run(await historySql(store, periode.begin, Math.floor(Math.min(dayNumber(vorige.begin), begin - 2 * 365.25))));
  await finishScopeTables(connection);
  const figures = await computeFiguresSql(connection, { periode, vorige, levels: EXPORT_LEVELS, pijlerVolgorde: options.pijlerVolgorde, alle: true, signal: options.signal, onQuery: options.onQuery });
  const cbs = perInhabitant(store, periode.code, figures);
  const all = [...figures, ...cbs.figures];
  const base = { gemeenten: gemeenten.map((g) => g.gemeente), cbsJaar: cbs.jaar };
  if (options.intern) return { ...base, rijen: await writeFiguresCsv(options.out, all), onderdrukking: null, audit: null };
  options.signal?.throwIfAborted();
  const disclosed = await discloseFigures(all, await innerCellsSql(connection), RELEASE_LEVELS);
  const audit = path.join(path.dirname(options.out), 'audit.csv');
  const rijen = await writeDisclosedFiguresCsv(options.out, disclosed.figures);
  await writeAuditCsv(audit, disclosed.audit);
  return { ...base, rijen, onderdrukking: disclosed.stats, audit };
}

/** The levels of the export that the release holds (the CSV has no gebied rows). */
const RELEASE_LEVELS: ReleaseLevel[] = EXPORT_LEVELS.flatMap((l) => (l.niveau === 'gebied' ? [] : [{ niveau: l.niveau, dimensions: l.dimensions }]));

function approved(store: CentralStore, leveringen: readonly number[]): boolean {
  const has = store.db.prepare('SELECT 1 FROM akkoord WHERE levering_id = ?');
  return leveringen.every((id) => has.get(id) !== undefined);
}

/**
 * Earlier voorzieningen for instroom and herhaald beroep: the current deliveries that end before
 * the period and within the look-back. Only their existence is asked, so a year delivered beside
 * its quarters does no harm here.
 */
async function historySql(store: CentralStore, begin: string, fromDay: number): Promise<string> {
  const from = new Date(fromDay * 86_400_000).toISOString().slice(0, 10);
  const files = store.db
    .prepare(`SELECT gemeente, parquet FROM levering WHERE status = 'actueel' AND periode_eind < ? AND periode_eind >= ? ORDER BY gemeente, periode_begin`)
    .all(begin, from) as { gemeente: string; parquet: string }[];
  const empty = 'SELECT NULL::VARCHAR AS gemeente, NULL::VARCHAR AS client, NULL::VARCHAR AS wijk, NULL::VARCHAR AS gebied, NULL::VARCHAR AS pijler, NULL::INTEGER AS b, NULL::INTEGER AS e WHERE false';
  const parts = files.map(
    (f) =>
      `SELECT ${sqlText(f.gemeente)} AS gemeente, client, wijk, coalesce(gebied, '') AS gebied, pijler, CAST(begindatum - DATE '1970-01-01' AS INTEGER) AS b, CAST(einddatum - DATE '1970-01-01' AS INTEGER) AS e FROM read_parquet(${sqlText(store.resolve(f.parquet))})`,
  );
  return `CREATE OR REPLACE TEMP TABLE fh AS SELECT *, row_number() OVER (ORDER BY client, gemeente, b) AS ord FROM (${parts.length === 0 ? empty : parts.join(' UNION ALL ')})`;
}

type Inwoners = { inwoners: number; jeugd: number | null };

function perInhabitant(store: CentralStore, periode: string, figures: readonly Figure[]): { jaar: number | null; figures: Figure[] } {
  const year = Number(periode.slice(0, 4));
  const years = (store.db.prepare("SELECT DISTINCT jaar FROM cbs_kenmerk WHERE kenmerk = 'inwoners'").all() as { jaar: number }[]).map((r) => r.jaar);
  if (years.length === 0) return { jaar: null, figures: [] };
  const jaar = years.sort((a, b) => Math.abs(a - year) - Math.abs(b - year) || b - a)[0]!;
  const rows = store.db
    .prepare("SELECT code, kenmerk, waarde FROM cbs_kenmerk WHERE jaar = ? AND kenmerk IN ('inwoners', 'leeftijd_0_15', 'leeftijd_15_25')")
    .all(jaar) as { code: string; kenmerk: string; waarde: number }[];
  const byCode = new Map<string, Record<string, number>>();
  for (const r of rows) byCode.set(r.code, { ...byCode.get(r.code), [r.kenmerk]: r.waarde });
  const of = (code: string): Inwoners | null => {
    const k = byCode.get(code);
    if (!k || !k.inwoners) return null;
    return { inwoners: k.inwoners, jeugd: k.leeftijd_0_15 !== undefined && k.leeftijd_15_25 !== undefined ? k.leeftijd_0_15 + 0.3 * k.leeftijd_15_25 : null };
  };
  const gemeenten = [...new Set(figures.filter((f) => f.gemeente !== 'ALLE').map((f) => f.gemeente))];
  const alle = gemeenten.map(of);
  const denominators = (f: Figure): Inwoners | null => {
    if (f.gemeente === 'ALLE') {
      if (alle.some((a) => a === null)) return null;
      return { inwoners: alle.reduce((n, a) => n + a!.inwoners, 0), jeugd: alle.every((a) => a!.jeugd !== null) ? alle.reduce((n, a) => n + a!.jeugd!, 0) : null };
    }
    return of(f.niveau === 'wijk' ? f.gebied : f.gemeente);
  };
  const out: Figure[] = gemeenten.map((gemeente) => ({ periode, gemeente, niveau: 'gemeente', gebied: '', indicator: 'cbs_jaar', dimensie: '', waarde: jaar }));
  for (const f of figures) {
    if ((f.indicator !== 'clienten' && f.indicator !== 'kosten') || !(f.dimensie === '' || /^pijler=[^|]+$/.test(f.dimensie))) continue;
    const d = denominators(f);
    if (!d) continue;
    const base = f.dimensie === 'pijler=JW' ? d.jeugd : d.inwoners;
    if (base === null || base <= 0) continue;
    if (f.indicator === 'clienten') out.push({ ...f, indicator: 'clienten_per_1000', waarde: round((f.waarde / base) * 1000, 2) });
    else out.push({ ...f, indicator: 'kosten_per_inwoner', waarde: round(f.waarde / base, 2) });
  }
  return { jaar, figures: out };
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** `cijfers.csv` becomes `cijfers-intern.csv`: an internal export says so in its name. */
export function internName(file: string): string {
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)}-intern${ext}`;
}

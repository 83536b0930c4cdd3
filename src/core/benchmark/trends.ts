import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { csvChunk, UTF8_BOM } from '../delivery/csvChunk.ts';
import { UserError } from '../errors.ts';
import { writeFileAtomic } from '../files/atomicWrite.ts';
import { dayNumber } from '../indicators/sql/figuresSql.ts';
import { exportCentralFigures } from '../central/export/exportFigures.ts';
import { currentRecordFiles } from '../central/records/currentRecords.ts';
import type { CentralStore } from '../central/store/centralStore.ts';
import { interruptOnAbort } from '../central/store/interruptOnAbort.ts';
import { withScopedDuckDb } from '../central/store/scopedDuckDb.ts';
import { parsePeriode } from '../period/periode.ts';
import type { TrendCel } from '../../shared/api.ts';
import { splitKostenBron } from '../lasten/kostenBron.ts';
import { readPublication } from '../central/export/publicationStore.ts';
import { sameKey, sameMembers } from '../pack/ijkperiode.ts';
import { readReleaseCsv, type ReleaseRow } from '../pack/releaseRows.ts';

/**
 * Trends against an ijkdatum (a chosen base period): per gemeente, wijk, reference group and ALLE
 * the change in clients, costs and the per-inhabitant figures, total and per pijler, from the
 * figures of both periods as `central export` computes them (the one engine, so a trend never
 * disagrees with the figures it compares).
 *  - Only gemeenten whose deliveries of both periods use one and the same key: the store links a
 *    client across periods by its pseudonym, and a key change makes the periods another
 *    population of pseudonyms (the rule of the store for every comparison over time).
 *  - ALLE and the reference groups only when the same gemeenten take part in both periods,
 *    all without a key change; otherwise a change would be a change of membership.
 *  - Periods of different length are refused: a quarter's clients are never set against a year's.
 * `index` = waarde / ijkwaarde × 100 (empty when the base is 0).
 */
/** The total and per pijler; a cost figure also with and without toerekening (kosten_bron). */
const isTrendSplit = (dimensie: string) => dimensie === '' || /^pijler=[^|]+$/.test(dimensie);

export const TREND_INDICATORS = ['clienten', 'kosten', 'clienten_per_1000', 'kosten_per_inwoner'] as const;
export const TREND_COLUMNS = ['ijkperiode', 'periode', 'gemeente', 'wijk', 'indicator', 'dimensie', 'ijkwaarde', 'waarde', 'verschil', 'index'] as const;

export type TrendRow = { gemeente: string; wijk: string; indicator: string; dimensie: string; ijkwaarde: number; waarde: number; verschil: number; index: number | null };
type FigureRow = { periode: string; gemeente: string; wijk: string; indicator: string; dimensie: string; waarde: string };

function isTrendCel(r: { indicator: string; dimensie: string }): boolean {
  return (TREND_INDICATORS as readonly string[]).includes(r.indicator) && isTrendSplit(splitKostenBron(r.dimensie).dimensie);
}

function isTrendFigure(r: FigureRow): boolean {
  return isTrendCel(r) && r.waarde !== '';
}

/** The trend rows from two figures tables (the long CSV's rows), for the areas allowed. */
export function trendRows(base: readonly FigureRow[], current: readonly FigureRow[], allowed: (gemeente: string) => boolean): TrendRow[] {
  const wanted = (r: FigureRow) => isTrendFigure(r) && allowed(r.gemeente);
  const key = (r: FigureRow) => `${r.gemeente}\u0000${r.wijk}\u0000${r.indicator}\u0000${r.dimensie}`;
  const baseValues = new Map(base.filter(wanted).map((r) => [key(r), Number(r.waarde)]));
  const rows: TrendRow[] = [];
  for (const r of current.filter(wanted)) {
    const ijk = baseValues.get(key(r));
    if (ijk === undefined) continue;
    const waarde = Number(r.waarde);
    rows.push({ gemeente: r.gemeente, wijk: r.wijk, indicator: r.indicator, dimensie: r.dimensie, ijkwaarde: ijk, waarde, verschil: round(waarde - ijk, 2), index: ijk === 0 ? null : round((waarde / ijk) * 100, 1) });
  }
  return rows;
}

export async function centralTrends(
  store: CentralStore,
  options: { ijk: string; periode: string; out: string; pijlerVolgorde: readonly string[] },
): Promise<{ rijen: number; gemeenten: string[]; sleutelBreuk: string[]; alle: boolean }> {
  const { rows, gemeenten, sleutelBreuk, alle } = await trendFigures(store, options);
  const [ijk, periode] = [parsePeriode(options.ijk).code, parsePeriode(options.periode).code];
  const out = rows.map((r) => [ijk, periode, r.gemeente, r.wijk, r.indicator, r.dimensie, r.ijkwaarde, r.waarde, r.verschil, r.index ?? '']);
  writeFileAtomic(options.out, UTF8_BOM + csvChunk([[...TREND_COLUMNS], ...out]));
  return { rijen: rows.length, gemeenten, sleutelBreuk, alle };
}

/** The two periods of a trend: of the same length, the ijkperiode first. */
function comparedPeriods(options: { ijk: string; periode: string }) {
  const ijk = parsePeriode(options.ijk);
  const periode = parsePeriode(options.periode);
  const length = (p: typeof ijk) => dayNumber(p.eind) - dayNumber(p.begin);
  if (ijk.code.length !== periode.code.length || Math.abs(length(ijk) - length(periode)) > 3) {
    throw new UserError('PERIODE_ONGELIJK', `De ijkperiode ${ijk.code} en periode ${periode.code} zijn niet even lang; vergelijk een kwartaal met een kwartaal, een jaar met een jaar.`);
  }
  if (dayNumber(ijk.eind) >= dayNumber(periode.begin)) throw new UserError('PERIODE_VOLGORDE', `De ijkperiode ${ijk.code} moet vóór ${periode.code} liggen.`);
  return { ijk, periode };
}

/**
 * The trend between two stored publications (central/export/publicationStore.ts), for the
 * published view: only what anyone holding both released files could compute, so it needs no
 * disclosure control of its own. A cell suppressed in either release is listed as suppressed,
 * never given a number. Gemeenten, ALLE and the groups compare under the same key rules as the
 * internal trend, now from each release's own membership.
 */
export function publishedTrend(dataDir: string, options: { ijk: string; periode: string }): { rows: TrendRow[]; onderdrukt: TrendCel[]; gemeenten: string[]; sleutelBreuk: string[]; alle: boolean } {
  const { ijk, periode } = comparedPeriods(options);
  const stored = (code: string) => {
    const publication = readPublication(dataDir, code);
    if (!publication) throw new UserError('PUBLICATIE_ONTBREEKT', `Over ${code} is nog geen publicatie opgeslagen; publiceer ${code} eerst (Export), of bekijk de trend in de interne weergave.`);
    return publication;
  };
  const [a, b] = [stored(ijk.code), stored(periode.code)];
  const both = a.gemeenten.map((g) => g.gemeente).filter((g) => b.gemeenten.some((m) => m.gemeente === g)).sort();
  const sleutelBreuk = both.filter((g) => !sameKey(a, b, g));
  const gemeenten = both.filter((g) => !sleutelBreuk.includes(g));
  const alle = sameMembers(a, b);
  const allowed = (g: string) => gemeenten.includes(g) || (alle && (g === 'ALLE' || g === ''));
  const read = (file: string, code: string) => readReleaseCsv(file, `${code}.cijfers.csv`).filter((r) => allowed(r.gemeente) && isTrendCel(r));
  const [base, current] = [read(a.cijfers, ijk.code), read(b.cijfers, periode.code)];
  const asFigure = (r: ReleaseRow): FigureRow => ({ ...r, waarde: r.waarde === null ? '' : String(r.waarde) });
  const key = (r: TrendCel) => `${r.gemeente}\u0000${r.wijk}\u0000${r.indicator}\u0000${r.dimensie}`;
  const inBase = new Map(base.map((r) => [key(r), r]));
  const onderdrukt = current.filter((r) => inBase.has(key(r)) && (r.status !== 'ok' || inBase.get(key(r))!.status !== 'ok')).map(({ gemeente, wijk, indicator, dimensie }) => ({ gemeente, wijk, indicator, dimensie }));
  return { rows: trendRows(base.map(asFigure), current.map(asFigure), allowed), onderdrukt, gemeenten, sleutelBreuk, alle };
}

/** The trend rows themselves, for the file and for the Benchmark screen. */
export async function trendFigures(
  store: CentralStore,
  options: { ijk: string; periode: string; pijlerVolgorde: readonly string[]; signal?: AbortSignal; onFigures?: (periode: string, done: number, total: number) => void },
): Promise<{ rows: TrendRow[]; gemeenten: string[]; sleutelBreuk: string[]; alle: boolean }> {
  const { ijk, periode } = comparedPeriods(options);
  const a = new Map(currentRecordFiles(store, ijk).map((g) => [g.gemeente, new Set(g.delen.map((d) => d.sleutel))]));
  const b = new Map(currentRecordFiles(store, periode).map((g) => [g.gemeente, new Set(g.delen.map((d) => d.sleutel))]));
  const same = (x: Set<string>, y: Set<string>) => x.size === 1 && y.size === 1 && [...x][0] === [...y][0];
  const both = [...a.keys()].filter((g) => b.has(g)).sort();
  const sleutelBreuk = both.filter((g) => !same(a.get(g)!, b.get(g)!));
  const gemeenten = both.filter((g) => !sleutelBreuk.includes(g));
  if (gemeenten.length === 0) throw new UserError('GEEN_LEVERING', `Er is geen gemeente met actuele leveringen voor zowel ${ijk.code} als ${periode.code} met dezelfde sleutel.`);
  const alle = sleutelBreuk.length === 0 && a.size === b.size && gemeenten.length === a.size;
  // Unsuppressed figures stay inside the analyst's data folder, and only while this runs.
  const dir = mkdtempSync(path.join(store.dataDir, 'trend-'));
  const figures = async (code: string) => {
    const file = path.join(dir, `${code}.csv`);
    await withScopedDuckDb(store.dataDir, {}, (connection) =>
      interruptOnAbort(
        connection,
        options.signal,
        () =>
          exportCentralFigures(store, connection, {
            intern: true,
            periode: code,
            out: file,
            pijlerVolgorde: options.pijlerVolgorde,
            ...(options.signal ? { signal: options.signal } : {}),
            onQuery: (done, total) => options.onFigures?.(code, done, total),
          }),
        trendCancelled,
      ),
    );
    // Only the compared indicators are kept: the full table of a period runs to millions of rows.
    const kept: FigureRow[] = [];
    Papa.parse<FigureRow>(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), {
      header: true,
      delimiter: ';',
      skipEmptyLines: true,
      step: (row) => {
        if (isTrendFigure(row.data)) kept.push(row.data);
      },
    });
    return kept;
  };
  const allowed = (g: string) => gemeenten.includes(g) || (alle && (g === 'ALLE' || g === ''));
  let rows: TrendRow[];
  try {
    rows = trendRows(await figures(ijk.code), await figures(periode.code), allowed);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // A cancel that came after the last query still means the analyst no longer waits for this trend.
  if (options.signal?.aborted) throw trendCancelled();
  return { rows, gemeenten, sleutelBreuk, alle };
}

const trendCancelled = () => new UserError('GEANNULEERD', 'De trend is geannuleerd; er is niets opgeslagen.');

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

import type { DuckDBConnection } from '@duckdb/node-api';
import { parsePeriode, type Periode } from '../period/periode.ts';
import { keyOf, type ProgrammeringKey, type ProgrammeringRow } from '../programmering/programmeringTable.ts';
import type { Figure } from './figures.ts';
import { chooseSources } from './periodScope.ts';
import { dayNumber } from './sql/figuresSql.ts';
import { buildDuckScope, type DuckRecordSet } from './sql/recordTables.ts';
import { KOSTEN_BRONNEN, kostenBronNaam, markKostenBron, perKostenBron, type PerKostenBron } from '../lasten/kostenBron.ts';
import { kostenBronSql } from '../lasten/toerekeningScope.ts';

/*
 * Realisation against the programmering, SQL over the scope's voorzieningen (fv). The realisation
 * of a year is its year to date: 1 January up to the end of the chosen period, from every source
 * inside that span (costs summed over the quarters, a client counted once). The projection to year
 * end is linear in time over the days the loaded data covers:
 *  - costs: realised costs × days in the year / days covered;
 *  - clients: those already counted stay counted, and the clients who came in during the year
 *    (first voorziening of the group started this year) keep coming in at the same rate.
 * When the previous year is loaded whole and the year to date is covered from 1 January without a
 * gap, the projection follows the previous year's season instead (care for youth and households
 * is not spread evenly over a year): per target row, costs × (last year's costs / last year's
 * costs up to the same day), and the inflow × (last year's inflow / its inflow up to that day).
 * A row with nothing last year up to that day keeps the linear factor.
 * A target is a maximum the gemeente steers on: a row whose projection exceeds it is signalled
 * before it happens ("dreigt overschreden"), one whose year to date already exceeds it as
 * "overschreden".
 * With toerekening the costs include the lasten allocated to the target's voorzieningen; the cost
 * figures are also given per kosten_bron: without toerekening (the recorded costs against the
 * target) and the allocated part, so that each figure with toerekening is the sum of its two
 * parts. The signal is the total's.
 */

export type Signaal = '' | 'dreigt overschreden' | 'overschreden';

/** A row's cost figures: realised to date, projected, and the projection against the target. */
export type KostenStand = {
  kosten: number;
  prognose: number;
  realisatiePct: number | null;
  verschil: number | null;
  verschilPct: number | null;
};

export type ProgrammeringRealisatie = ProgrammeringRow & {
  realisatie: { clienten: number; kosten: number; aandeel: number | null; nieuw: number };
  prognose: { clienten: number; kosten: number };
  /** Realisation to date as a percentage of the target (null without a target). */
  realisatieClientenPct: number | null;
  realisatieKostenPct: number | null;
  /** Projection minus target, in euros and clients, and as a percentage of the target. */
  verschilKosten: number | null;
  verschilKostenPct: number | null;
  verschilClienten: number | null;
  verschilClientenPct: number | null;
  signaal: Signaal;
  /** The cost figures per kosten_bron; null when the year to date has no lasten. */
  kostenPerBron: PerKostenBron<KostenStand>;
};

/** How the projection to year end was made: linear in time, or after the previous year's season. */
export type Prognose = { methode: 'lineair' } | { methode: 'seizoen'; patroonJaar: number; patroonTot: string };

export type ProgrammeringStand = {
  jaar: number;
  prognose: Prognose;
  /** The last day the loaded data covers in the year (null when nothing of the year is loaded). */
  tot: string | null;
  /** The loaded periods the realisation rests on. */
  perioden: string[];
  dagenGedekt: number;
  dagenJaar: number;
  gemeente: string;
  regels: ProgrammeringRealisatie[];
};

/**
 * 1 January of the period's year up to the period's end. Its code is the year's: the scope asks
 * for the period before it by code, and that (the previous year) only matters to inflow figures,
 * which the programmering does not use.
 */
export function yearToDate(periode: Periode): Periode {
  const jaar = periode.begin.slice(0, 4);
  return { code: jaar, begin: `${jaar}-01-01`, eind: periode.eind };
}

/** The group a row's share is a share of: an aanbieder or wijk of its product, a product of its pijler. */
function parentOf(r: ProgrammeringKey): ProgrammeringKey | null {
  if (r.aanbieder !== '' || r.wijk !== '') return { ...r, aanbieder: '', wijk: '' };
  if (r.productcode !== '') return { ...r, productcode: '' };
  return null;
}

const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;
const round2 = (n: number) => Math.round(n * 100) / 100;
const pct = (value: number, target: number | null) => (target === null || target === 0 ? null : (value / target) * 100);

/**
 * The cost figures of `cents` against the target `streef`. The allocated part (`deel`) is not a
 * figure of its own against the target: its over/under is what it adds to the projection.
 */
function kostenStand(cents: number, streef: number | null, factor: number, deel: boolean): KostenStand {
  const kosten = cents / 100;
  const prognose = round2(kosten * factor);
  const verschil = streef === null ? null : prognose - (deel ? 0 : streef);
  return { kosten: round2(kosten), prognose, realisatiePct: pct(kosten, streef), verschil: verschil === null ? null : round2(verschil), verschilPct: verschil === null ? null : pct(verschil, streef) };
}

/**
 * Builds the year-to-date scope of `periode` (replacing fv) and compares the targets of its year
 * with it. Targets of other years are left out.
 */
export async function programmeringStand(connection: DuckDBConnection, set: DuckRecordSet, periode: Periode, targets: readonly ProgrammeringRow[]): Promise<ProgrammeringStand> {
  const ytd = yearToDate(periode);
  const jaar = Number(ytd.begin.slice(0, 4));
  // The days the loaded periods cover, not the days since 1 January: with a quarter missing the
  // projection still scales what was seen, and the stand names the periods it rests on.
  const sources = chooseSources(set.loaded(), ytd);
  const covered = sources.map((s) => s.eind).sort().at(-1) ?? null;
  const dagenJaar = dayNumber(`${jaar + 1}-01-01`) - dayNumber(`${jaar}-01-01`);
  const dagenGedekt = coveredDays(sources);
  const own = targets.filter((t) => t.jaar === jaar);

  // Every row and the group of its share, each measured once.
  const keys = new Map<string, ProgrammeringKey>();
  for (const t of own) for (const k of [t, parentOf(t)]) if (k) keys.set(keyOf(k), k);
  const list = [...keys.values()];

  const seizoen = await previousYearSeason(connection, set, ytd, covered, dagenGedekt, list);
  const scope = await buildDuckScope(connection, set, ytd);
  const measured = await measure(connection, list, ytd.begin);

  const linear = dagenGedekt === 0 ? 0 : dagenJaar / dagenGedekt;
  const regels = own.map((t): ProgrammeringRealisatie => {
    const m = measured.get(keyOf(t))!;
    const parent = parentOf(t);
    const group = parent ? measured.get(keyOf(parent))! : null;
    const season = seizoen?.factors.get(keyOf(t));
    const factor = season?.kosten ?? linear;
    const inflow = season?.nieuw ?? linear;
    const k = kostenStand(m.cents, t.kosten, factor, false);
    const prognose = { clienten: dagenGedekt === 0 ? 0 : round2(m.clienten + m.nieuw * (inflow - 1)), kosten: k.prognose };
    const over = (t.clienten !== null && m.clienten > t.clienten) || (t.kosten !== null && k.kosten > t.kosten);
    const onCourse = (t.clienten !== null && prognose.clienten > t.clienten) || (t.kosten !== null && prognose.kosten > t.kosten);
    return {
      ...t,
      realisatie: { clienten: m.clienten, kosten: k.kosten, aandeel: group && group.clienten > 0 ? (m.clienten / group.clienten) * 100 : null, nieuw: m.nieuw },
      prognose,
      realisatieClientenPct: pct(m.clienten, t.clienten),
      realisatieKostenPct: k.realisatiePct,
      verschilKosten: k.verschil,
      verschilKostenPct: k.verschilPct,
      verschilClienten: t.clienten === null ? null : round2(prognose.clienten - t.clienten),
      verschilClientenPct: t.clienten === null ? null : pct(prognose.clienten - t.clienten, t.clienten),
      signaal: over ? 'overschreden' : onCourse ? 'dreigt overschreden' : '',
      kostenPerBron: perKostenBron(m.bronCents !== null, (b) => kostenStand(m.bronCents![b], t.kosten, factor, b === 'toegerekend')),
    };
  });
  const prognoseMethode: Prognose = seizoen ? { methode: 'seizoen', patroonJaar: jaar - 1, patroonTot: seizoen.tot } : { methode: 'lineair' };
  return { jaar, prognose: prognoseMethode, tot: covered, perioden: sources.map((s) => s.periode), dagenGedekt, dagenJaar, gemeente: scope.bronnen[0]?.gemeente ?? '', regels };
}

/** The keys as the temp table pk (k = the key's place in `list`), for the measuring queries to join. */
async function keyTable(connection: DuckDBConnection, list: readonly ProgrammeringKey[]): Promise<void> {
  await connection.run(`CREATE OR REPLACE TEMP TABLE pk AS SELECT * FROM (VALUES ${list.map((k, i) => `(${i}, ${sqlText(k.pijler)}, ${sqlText(k.productcode)}, ${sqlText(k.aanbieder)}, ${sqlText(k.wijk)})`).join(', ')}) t(k, pijler, productcode, aanbieder, wijk)`);
}

type Measured = { clienten: number; cents: number; nieuw: number; bronCents: PerKostenBron<number> };

/**
 * Per key the clients (once), the costs in cents and the clients whose first voorziening of the
 * key started on or after `begin`, from the scope table fv as it stands; also the costs per
 * kosten_bron when fv carries allocated lasten.
 */
async function measure(connection: DuckDBConnection, list: readonly ProgrammeringKey[], begin: string): Promise<Map<string, Measured>> {
  const measured = new Map<string, Measured>();
  if (list.length === 0) return measured;
  await keyTable(connection, list);
  // With toerekening the realisation includes the lasten allocated to the target's voorzieningen.
  const kosten = await kostenBronSql(connection, 'f.');
  const bronnen = kosten.perBron ? KOSTEN_BRONNEN : [];
  const rows = (
    await connection.runAndReadAll(`
      WITH per_client AS (
        SELECT pk.k, f.cid, min(f.b) AS b, sum(${kosten.totaal}) AS kosten${bronnen.map((b) => `, sum(${kosten.perBron![b]}) AS ${kostenBronNaam('kosten', b)}`).join('')}
        FROM pk JOIN fv f ON f.pijler = pk.pijler
          AND (pk.productcode = '' OR f.productcode = pk.productcode)
          AND (pk.aanbieder = '' OR f.aanbieder = pk.aanbieder)
          AND (pk.wijk = '' OR f.wijk = pk.wijk)
        GROUP BY pk.k, f.cid
      )
      SELECT pk.k, count(c.cid) AS clienten, coalesce(sum(c.kosten), 0) AS kosten, count(c.cid) FILTER (WHERE c.b >= ${dayNumber(begin)}) AS nieuw${bronnen.map((b) => `, coalesce(sum(c.${kostenBronNaam('kosten', b)}), 0) AS ${kostenBronNaam('kosten', b)}`).join('')}
      FROM pk LEFT JOIN per_client c ON c.k = pk.k GROUP BY pk.k`)
  ).getRowObjectsJS() as Record<string, bigint | number>[];
  for (const r of rows) {
    measured.set(keyOf(list[Number(r.k)]!), {
      clienten: Number(r.clienten),
      cents: Number(r.kosten),
      nieuw: Number(r.nieuw),
      bronCents: perKostenBron(bronnen.length > 0, (b) => Number(r[kostenBronNaam('kosten', b)])),
    });
  }
  await connection.run('DROP TABLE pk');
  return measured;
}

const coveredDays = (sources: readonly { begin: string; eind: string }[]) => sources.reduce((n, s) => n + dayNumber(s.eind) - dayNumber(s.begin) + 1, 0);

/** The same day one year earlier (29 February becomes the 28th). */
function aYearEarlier(iso: string): string {
  const [y, m, d] = iso.split('-');
  const year = Number(y) - 1;
  const day = m === '02' && d === '29' ? '28' : d;
  return `${year}-${m}-${day}`;
}

/**
 * The previous year's season per key, when it can be known: the year to date covered from
 * 1 January without a gap, the previous year covered whole, and up to the same day. Null
 * otherwise (the projection stays linear). A factor is null for a key with nothing last year up
 * to that day.
 * Read from the records of the sources the engine would choose for those two spans (the same
 * choice and overlap as buildDuckScope), in one pass, rather than by building both scopes: only
 * sums, distinct clients and first starts are needed, and two scopes of a year cost three times
 * the programmering itself (bench/programmeringSeizoen.bench.ts). The season is that of the
 * recorded costs; allocated lasten of last year do not shape it.
 */
async function previousYearSeason(
  connection: DuckDBConnection,
  set: DuckRecordSet,
  ytd: Periode,
  tot: string | null,
  dagenGedekt: number,
  list: readonly ProgrammeringKey[],
): Promise<{ tot: string; factors: Map<string, { kosten: number | null; nieuw: number | null }> } | null> {
  if (tot === null || list.length === 0 || dagenGedekt !== dayNumber(tot) - dayNumber(ytd.begin) + 1) return null;
  const vorigJaar = String(Number(ytd.begin.slice(0, 4)) - 1);
  const heel: Periode = { code: vorigJaar, begin: `${vorigJaar}-01-01`, eind: `${vorigJaar}-12-31` };
  const deel: Periode = { code: vorigJaar, begin: heel.begin, eind: aYearEarlier(tot) };
  set.flush();
  const loaded = set.loaded();
  const [heelBronnen, deelBronnen] = [chooseSources(loaded, heel), chooseSources(loaded, deel)];
  const complete = (bronnen: readonly { begin: string; eind: string }[], p: Periode) => coveredDays(bronnen) === dayNumber(p.eind) - dayNumber(p.begin) + 1;
  if (!complete(heelBronnen, heel) || !complete(deelBronnen, deel)) return null;
  const begin = dayNumber(heel.begin);
  const inSpan = (bronnen: readonly { id: number }[], p: Periode) => `(r.bron IN (${bronnen.map((b) => b.id).join(', ')}) AND r.b <= ${dayNumber(p.eind)} AND (r.e IS NULL OR r.e >= ${begin}))`;
  await keyTable(connection, list);
  const rows = (
    await connection.runAndReadAll(`
      WITH src AS (
        SELECT r.client, r.pijler, r.productcode, r.aanbieder, r.wijk, r.b, r.kosten, ${inSpan(deelBronnen, deel)} AS in_deel, ${inSpan(heelBronnen, heel)} AS in_heel
        FROM rec r WHERE ${inSpan(deelBronnen, deel)} OR ${inSpan(heelBronnen, heel)}
      ), per_client AS (
        SELECT pk.k, s.client,
          min(s.b) FILTER (WHERE s.in_deel) AS b_deel, sum(s.kosten) FILTER (WHERE s.in_deel) AS kosten_deel,
          min(s.b) FILTER (WHERE s.in_heel) AS b_heel, sum(s.kosten) FILTER (WHERE s.in_heel) AS kosten_heel
        FROM pk JOIN src s ON s.pijler = pk.pijler
          AND (pk.productcode = '' OR s.productcode = pk.productcode)
          AND (pk.aanbieder = '' OR s.aanbieder = pk.aanbieder)
          AND (pk.wijk = '' OR s.wijk = pk.wijk)
        GROUP BY pk.k, s.client
      )
      SELECT pk.k, coalesce(sum(c.kosten_deel), 0) AS kosten_deel, count(c.client) FILTER (WHERE c.b_deel >= ${begin}) AS nieuw_deel,
        coalesce(sum(c.kosten_heel), 0) AS kosten_heel, count(c.client) FILTER (WHERE c.b_heel >= ${begin}) AS nieuw_heel
      FROM pk LEFT JOIN per_client c ON c.k = pk.k GROUP BY pk.k`)
  ).getRowObjectsJS() as Record<string, bigint | number>[];
  await connection.run('DROP TABLE pk');
  const factors = new Map<string, { kosten: number | null; nieuw: number | null }>();
  for (const r of rows) {
    const [kostenDeel, nieuwDeel] = [Number(r.kosten_deel), Number(r.nieuw_deel)];
    factors.set(keyOf(list[Number(r.k)]!), { kosten: kostenDeel > 0 ? Number(r.kosten_heel) / kostenDeel : null, nieuw: nieuwDeel > 0 ? Number(r.nieuw_heel) / nieuwDeel : null });
  }
  return { tot: deel.eind, factors };
}

/** The key=value pairs of a target in the contract's order (DIMENSION_KEYS); empty ones left out. */
export function programmeringDimensie(r: ProgrammeringKey): string {
  return (
    [
      ['pijler', r.pijler],
      ['productcode', r.productcode],
      ['aanbieder', r.aanbieder],
    ] as const
  )
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${v}`)
    .join('|');
}

/**
 * The programmering's indicators for the long figures CSV, on the period they were asked for:
 * a wijk target at wijk level, the others at gemeente level. A figure whose target is absent is
 * left out rather than written as zero. With toerekening the two cost figures on the realisation
 * come also per kosten_bron, like every other cost figure.
 */
export function programmeringFigures(stand: ProgrammeringStand, periode: string): Figure[] {
  const out: Figure[] = [];
  for (const r of stand.regels) {
    const base = { periode: parsePeriode(periode).code, gemeente: stand.gemeente, niveau: r.wijk === '' ? ('gemeente' as const) : ('wijk' as const), gebied: r.wijk, dimensie: programmeringDimensie(r) };
    const add = (indicator: string, waarde: number | null) => {
      if (waarde !== null) out.push({ ...base, indicator, waarde });
    };
    add('streef_clienten', r.clienten);
    add('streef_kosten', r.kosten);
    add('realisatie_clienten_pct', r.realisatieClientenPct === null ? null : round2(r.realisatieClientenPct));
    add('realisatie_kosten_pct', r.realisatieKostenPct === null ? null : round2(r.realisatieKostenPct));
    add('prognose_kosten', r.prognose.kosten);
    // Marked as the engine's cost figures are (kosten_bron last in dimensie): the same two
    // indicators without toerekening and of the allocated part.
    for (const bron of KOSTEN_BRONNEN) {
      const k = r.kostenPerBron?.[bron];
      if (!k) continue;
      const marked = { ...base, dimensie: markKostenBron(base.dimensie, bron) };
      if (k.realisatiePct !== null) out.push({ ...marked, indicator: 'realisatie_kosten_pct', waarde: round2(k.realisatiePct) });
      out.push({ ...marked, indicator: 'prognose_kosten', waarde: k.prognose });
    }
  }
  return out;
}

import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlText } from '../central/store/duckdb.ts';
import type { Figure } from '../indicators/figures.ts';
import { dayNumber } from '../indicators/sql/figuresSql.ts';
import type { Periode } from '../period/periode.ts';
import type { Db } from '../store/database.ts';
import { yearOfRegion, type CbsYearPerGemeente } from '../central/reference/cbsYearPerGemeente.ts';
import { bandIndex, bandsFor, loadAgeStrata, marginBands, SEXES, type AgeBand } from './ageStrata.ts';
import { loadGemeenteSeeds, seedInBands, type StartTabel } from './gemeenteSeeds.ts';
import { referenceRates, standardise, type Standardised } from './indirectStandardisation.ts';
import { FUNNEL_COVERAGES, funnelLimits } from './poissonInterval.ts';
import { fitTable } from './iterativeProportionalFitting.ts';
import { groupYearFor } from './storeReferenceGroups.ts';

/**
 * The indicators `verwacht`, `sr`, `sr_onder`, `sr_boven` and the funnel limits
 * `sr_funnel95_onder` … `sr_funnel998_boven` (DESIGN.md "Extra indicators") per pijler for every
 * gemeente, wijk, reference group (RG01…, from the catalogue) and ALLE, from the records of the
 * central store and the CBS population of each gemeente's own year (`jaren`,
 * central/reference/cbsYearPerGemeente.ts: the loaded year closest to the period for that
 * gemeente; its wijken take the same year):
 *  - why not one year for all: a Kerncijfers file can be loaded for some gemeenten only, and one
 *    year for all would drop every gemeente that lacks it, or compare a gemeente with a
 *    population years off while a closer one is loaded. The indirect standardisation needs per
 *    gemeente only its own stratum table; the reference rates pool observed and inhabitants over
 *    the gemeenten, each at its own year, which is the best estimate of the period's population
 *    the store holds. ALLE's expected count is the sum of the gemeenten's, and a reference group
 *    sums its wijken's tables, each at its gemeente's year. The long CSV's `cbs_jaar` per
 *    gemeente says which year that was;
 *  - clients are counted once per area and pijler with their age at the period's end and sex;
 *    a client without a known age or with sex 0 (onbekend) cannot be placed in a stratum and is
 *    left out of observed and rates alike (counted per gemeente and pijler in `zonderStratum`),
 *    so the identity holds;
 *  - inhabitants per stratum: the area's age bands (ageStrata.ts) × sex, estimated by iterative
 *    proportional fitting from the two CBS margins, seeded with the gemeente's table. The
 *    Kerncijfers give gemeenten, and the country, only the two margins too; the joint table is
 *    CBS 03759ned (gemeenteSeeds.ts, imported by `central reference`). Where it is loaded the
 *    gemeente's table is that table fitted to the gemeente's Kerncijfers margins, so it keeps
 *    03759ned's odds ratios (more women among the old) and the wijk inherits them; where it is
 *    not, the seed is flat, age and sex are independent, and `startTabellen` says so per
 *    gemeente (SEED_STATEMENT, the CLI line);
 *  - funnel limits: the Poisson points of the area's expected count (poissonInterval.ts), so a
 *    funnel plot draws sr against verwacht with these two pairs of lines around 100;
 *  - reference rates per stratum over the participating gemeenten with a CBS population; per
 *    pijler, participating means delivering at least one client in it, so a gemeente whose
 *    delivery leaves a pijler out does not pull its rates down as if it had none.
 * Wijken are those of the delivery's `wijk` column with CBS figures (`onbekend` has none).
 */
export type ZonderStratum = { gemeente: string; pijler: string; clienten: number };
export type StandardisedFigures = { figures: Figure[]; zonderStratum: ZonderStratum[]; zonderBevolking: string[]; startTabellen: StartTabel[] };

/** How the age × sex tables are estimated, for the output that shows the ratios. */
export const SEED_STATEMENT =
  'leeftijd × geslacht per wijk geschat met iteratieve proportionele aanpassing vanuit de tabel van de gemeente: ' +
  'CBS 03759ned (bevolking naar geslacht en leeftijd) waar die is ingelezen, anders leeftijd en geslacht onafhankelijk verondersteld ' +
  '(de Kerncijfers geven alleen de randtotalen); per gemeente staat hieronder welke';

type Count = { gemeente: string; wijk: string; pijler: string; leeftijd: number | null; geslacht: string | null; n: number };

export async function standardisedFigures(
  db: Db,
  connection: DuckDBConnection,
  options: { periode: Periode; records: string; jaren: CbsYearPerGemeente; strata?: Map<string, AgeBand[]> },
): Promise<StandardisedFigures> {
  if (options.jaren.size === 0) return { figures: [], zonderStratum: [], zonderBevolking: [], startTabellen: [] };
  const strata = options.strata ?? loadAgeStrata();
  const seeds = loadGemeenteSeeds(db, options.jaren, marginBands(strata));
  const startTabellen = new Map<string, number | null>();
  const day = (column: string) => `CAST(${column} - DATE '1970-01-01' AS INTEGER)`;
  const within = `${day('begindatum')} <= ${dayNumber(options.periode.eind)} AND (einddatum IS NULL OR ${day('einddatum')} >= ${dayNumber(options.periode.begin)})`;
  // Per client one age and sex (the records of one client agree; min() makes a disagreement deterministic).
  const counts = async (byWijk: boolean): Promise<Count[]> => {
    const wijk = byWijk ? `coalesce(wijk, '')` : `''`;
    const reader = await connection.runAndReadAll(`
      WITH k AS (SELECT gemeente, ${wijk} AS wijk, pijler, client, min(leeftijd) AS leeftijd, min(geslacht) AS geslacht
                 FROM ${options.records} WHERE ${within} GROUP BY ALL)
      SELECT gemeente, wijk, pijler, leeftijd, geslacht, count(*)::INTEGER AS n FROM k GROUP BY ALL ORDER BY ALL`);
    return reader.getRowObjectsJS() as unknown as Count[];
  };
  const gemeenteCounts = await counts(false);
  const wijkCounts = await counts(true);
  const margins = populationMargins(db, options.jaren);
  // Only a group's wijken with CBS margins count, so that its clients and inhabitants are the same wijken.
  const groupYear = groupYearFor(db, options.periode.code);
  const groupRows = (groupYear === null ? [] : (db.prepare('SELECT wijk, groep FROM referentiegroep_wijk WHERE jaar = ? ORDER BY wijk').all(groupYear) as { wijk: string; groep: string }[])).filter(
    (r) => margins.get(r.wijk)?.mannen !== undefined,
  );
  const groupCounts: Count[] =
    groupRows.length === 0
      ? []
      : ((
          await connection.runAndReadAll(`
      WITH k AS (SELECT g.groep AS wijk, pijler, r.gemeente AS gm, client, min(leeftijd) AS leeftijd, min(geslacht) AS geslacht
                 FROM ${options.records} r JOIN (VALUES ${groupRows.map((g) => `(${sqlText(g.wijk)}, ${sqlText(g.groep)})`).join(', ')}) g(wijk, groep) ON g.wijk = r.wijk
                 WHERE ${within} GROUP BY ALL)
      SELECT gm AS gemeente, wijk, pijler, leeftijd, geslacht, count(*)::INTEGER AS n FROM k GROUP BY ALL ORDER BY ALL`)
        ).getRowObjectsJS() as unknown as Count[]);

  const tables = new Map<string, number[][] | null>();
  const tableOf = (code: string, gemeente: string, bands: readonly AgeBand[], pijlerKey: string): number[][] | null => {
    const key = `${pijlerKey}|${code}`;
    if (tables.has(key)) return tables.get(key)!;
    const m = margins.get(code);
    const rows = m ? bandMargins(m, bands) : null;
    let table: number[][] | null = null;
    if (m && rows && m.mannen !== undefined && m.vrouwen !== undefined) {
      const own = seeds.get(gemeente);
      if (code === gemeente) startTabellen.set(gemeente, own?.jaar ?? null);
      const seed = code !== gemeente ? tableOf(gemeente, gemeente, bands, pijlerKey) : own ? seedInBands(own, bands) : bands.map(() => SEXES.map(() => 1));
      // A stratum empty in the gemeente (a band CBS rounded to 0) must not block a wijk that has
      // people there: IPF can never fill a seed zero, so it gets a negligible start instead.
      table = seed ? fitTable(seed.map((r) => r.map((v) => (v > 0 ? v : 1e-9))), rows, [m.mannen, m.vrouwen]) : null;
    }
    tables.set(key, table);
    return table;
  };
  const flat = (t: number[][]) => t.flat();

  const zonderStratum: ZonderStratum[] = [];
  // observed[area][stratum] per pijler; area = gemeente or gemeente|wijk.
  const observed = (rows: readonly Count[], pijler: string, bands: readonly AgeBand[], countMissing: boolean) => {
    const byArea = new Map<string, number[]>();
    for (const r of rows) {
      if (r.pijler !== pijler) continue;
      const b = r.leeftijd === null ? -1 : bandIndex(bands, Number(r.leeftijd));
      const s = SEXES.indexOf(r.geslacht as (typeof SEXES)[number]);
      if (b < 0 || s < 0) {
        if (countMissing) {
          const last = zonderStratum.at(-1);
          if (last?.gemeente === r.gemeente && last.pijler === pijler) last.clienten += r.n;
          else zonderStratum.push({ gemeente: r.gemeente, pijler, clienten: r.n });
        }
        continue;
      }
      const key = r.wijk === '' ? r.gemeente : `${r.gemeente}|${r.wijk}`;
      const v = byArea.get(key) ?? new Array<number>(bands.length * SEXES.length).fill(0);
      v[b * SEXES.length + s]! += r.n;
      byArea.set(key, v);
    }
    return byArea;
  };

  const figures: Figure[] = [];
  const zonderBevolking = new Set<string>();
  const periode = options.periode.code;
  const push = (gemeente: string, niveau: 'gemeente' | 'wijk', gebied: string, pijler: string, r: Standardised) => {
    const base = { periode, gemeente, niveau, gebied, dimensie: `pijler=${pijler}` };
    figures.push({ ...base, indicator: 'verwacht', waarde: round(r.verwacht, 2) });
    if (r.sr === null) return;
    figures.push({ ...base, indicator: 'sr', waarde: round(r.sr, 1) }, { ...base, indicator: 'sr_onder', waarde: round(r.onder!, 1) }, { ...base, indicator: 'sr_boven', waarde: round(r.boven!, 1) });
    for (const { code, dekking } of FUNNEL_COVERAGES) {
      const limits = funnelLimits(r.verwacht, dekking);
      figures.push({ ...base, indicator: `sr_funnel${code}_onder`, waarde: round(limits.onder, 1) }, { ...base, indicator: `sr_funnel${code}_boven`, waarde: round(limits.boven, 1) });
    }
  };
  const pijlers = [...new Set(gemeenteCounts.map((r) => r.pijler))].sort();
  for (const pijler of pijlers) {
    const bands = bandsFor(strata, pijler);
    const pijlerKey = strata.has(pijler) ? pijler : '*';
    const perGemeente = observed(gemeenteCounts, pijler, bands, true);
    const gemeenten = [...perGemeente.keys()].filter((g) => {
      const ok = tableOf(g, g, bands, pijlerKey) !== null;
      if (!ok) zonderBevolking.add(g);
      return ok;
    });
    if (gemeenten.length === 0) continue;
    const rates = referenceRates(gemeenten.map((g) => perGemeente.get(g)!), gemeenten.map((g) => flat(tableOf(g, g, bands, pijlerKey)!)));
    let totalObserved = 0;
    let totalExpected = 0;
    for (const g of gemeenten) {
      const o = perGemeente.get(g)!.reduce((s, v) => s + v, 0);
      const r = standardise(o, flat(tableOf(g, g, bands, pijlerKey)!), rates);
      totalObserved += o;
      totalExpected += r.verwacht;
      push(g, 'gemeente', '', pijler, r);
    }
    if (gemeenten.length > 1) {
      const r = totalExpected > 0 ? standardiseTotal(totalObserved, totalExpected) : null;
      if (r) push('ALLE', 'gemeente', '', pijler, r);
    }
    for (const [key, v] of observed(wijkCounts, pijler, bands, false)) {
      const [g, wijk] = key.split('|') as [string, string];
      if (!gemeenten.includes(g)) continue;
      const table = tableOf(wijk, g, bands, pijlerKey);
      if (!table) continue;
      push(g, 'wijk', wijk, pijler, standardise(v.reduce((s, x) => s + x, 0), flat(table), rates));
    }
    // A group: its clients and inhabitants in the gemeenten of the reference, summed over them
    // (per gemeente a client is counted once in the group; in two gemeenten it is two clients).
    const perGroup = new Map<string, number[]>();
    for (const [key, v] of observed(groupCounts, pijler, bands, false)) {
      const [g, groep] = key.split('|') as [string, string];
      if (!gemeenten.includes(g)) continue;
      const sum = perGroup.get(groep) ?? new Array<number>(v.length).fill(0);
      v.forEach((x, i) => (sum[i]! += x));
      perGroup.set(groep, sum);
    }
    for (const [groep, v] of [...perGroup].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const population = new Array<number>(v.length).fill(0);
      for (const { wijk } of groupRows.filter((r) => r.groep === groep)) {
        const g = `GM${wijk.slice(2, 6)}`;
        const table = gemeenten.includes(g) ? tableOf(wijk, g, bands, pijlerKey) : null;
        if (table) flat(table).forEach((x, i) => (population[i]! += x));
      }
      push('', 'wijk', groep, pijler, standardise(v.reduce((s, x) => s + x, 0), population, rates));
    }
  }
  zonderStratum.sort((a, b) => (a.gemeente === b.gemeente ? (a.pijler < b.pijler ? -1 : 1) : a.gemeente < b.gemeente ? -1 : 1));
  return {
    figures,
    zonderStratum,
    zonderBevolking: [...zonderBevolking].sort(),
    startTabellen: [...startTabellen].sort(([a], [b]) => (a < b ? -1 : 1)).map(([gemeente, jaar]) => ({ gemeente, jaar })),
  };
}

/** ALLE against itself: expected is the sum of the gemeenten's, observed likewise. */
function standardiseTotal(observed: number, expected: number): Standardised {
  return standardise(observed, [expected], [1]);
}

type Margins = Record<string, number | undefined> & { mannen?: number; vrouwen?: number };

/** Per gemeente and wijk its CBS margins of its gemeente's year. */
function populationMargins(db: Db, jaren: CbsYearPerGemeente): Map<string, Margins> {
  const out = new Map<string, Margins>();
  const rows = db.prepare("SELECT jaar, code, kenmerk, waarde FROM cbs_kenmerk WHERE code LIKE 'GM%' OR code LIKE 'WK%'").all() as { jaar: number; code: string; kenmerk: string; waarde: number }[];
  for (const r of rows) {
    if (r.jaar !== yearOfRegion(jaren, r.code)) continue;
    const m = out.get(r.code) ?? {};
    m[r.kenmerk] = r.waarde;
    out.set(r.code, m);
  }
  return out;
}

function bandMargins(m: Margins, bands: readonly AgeBand[]): number[] | null {
  const rows: number[] = [];
  for (const b of bands) {
    let v = 0;
    for (const k of b.cbs) {
      const x = m[k];
      if (x === undefined) return null;
      v += x;
    }
    rows.push(v * b.aandeel);
  }
  return rows;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

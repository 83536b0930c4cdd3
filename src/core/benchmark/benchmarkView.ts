import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import Papa from 'papaparse';
import type { BenchmarkCijfer, CentralBenchmark, CentralDisclosureStats, OverzichtTabel, TabelKolom } from '../../shared/api.ts';
import { disclosedRelease, exportCentralFigures } from '../central/export/exportFigures.ts';
import type { CentralStore } from '../central/store/centralStore.ts';
import { loadIndicatorDefinitions } from '../indicators/definitions.ts';
import { parsePeriode } from '../period/periode.ts';
import type { Db } from '../store/database.ts';
import { funnelCurve } from './poissonInterval.ts';
import { groupYearFor } from './storeReferenceGroups.ts';
import type { CbsJaren } from '../../shared/cbsJaren.ts';
import { KOSTEN_BRONNEN, kostenBronNaam, kostenKolommen, splitKostenBron } from '../lasten/kostenBron.ts';

/*
 * The figures the Benchmark screen shows, per period: either what a publication holds (the
 * approved gemeenten under disclosure control, through the same path as `central export`:
 * exportFigures.ts disclosedRelease) or, `intern`, what the internal export holds. Only the
 * benchmark's indicators and the total or one split by pijler, leefdomein or voorziening are kept,
 * per gemeente, wijk, reference group and ALLE. A suppressed figure reaches the screen without
 * its value.
 */

/** The benchmark's indicators in the order of the table; names of the sr family are not in indicatoren.csv. */
const INDICATORS: { code: string; soort: TabelKolom['soort']; naam?: string }[] = [
  { code: 'clienten', soort: 'aantal' },
  { code: 'clienten_per_1000', soort: 'getal' },
  { code: 'kosten', soort: 'euro' },
  { code: 'kosten_per_inwoner', soort: 'euro' },
  { code: 'verwacht', soort: 'getal', naam: 'Verwacht aantal cliënten (naar leeftijd en geslacht)' },
  { code: 'sr', soort: 'getal', naam: 'Gestandaardiseerde ratio (SR)' },
  { code: 'sr_onder', soort: 'getal', naam: 'SR ondergrens (95 %)' },
  { code: 'sr_boven', soort: 'getal', naam: 'SR bovengrens (95 %)' },
];
export const BENCHMARK_INDICATORS = INDICATORS.map((i) => i.code);
const KEPT_DIMENSION = /^(?:|(?:pijler|leefdomein|voorziening)=[^|]+)$/;
const kept = (indicator: string, dimensie: string) => BENCHMARK_INDICATORS.includes(indicator) && KEPT_DIMENSION.test(dimensie);

/*
 * Toerekening: a cost figure marked with its kosten_bron (lasten/kostenBron.ts) reaches the screen
 * as an indicator of its own on the unmarked split (`kosten_client`, `kosten_toegerekend`), so the
 * costs with and without allocation stand side by side in the table, the chart and the map.
 */
const COST_INDICATORS = ['kosten', 'kosten_per_inwoner'];
const VARIANTS = COST_INDICATORS.flatMap((code) => KOSTEN_BRONNEN.map((b) => kostenBronNaam(code, b)));

function benchmarkKey(indicator: string, dimensie: string): { indicator: string; dimensie: string } | null {
  const { dimensie: split, bron } = splitKostenBron(dimensie);
  if (!kept(indicator, split) || (bron !== null && !COST_INDICATORS.includes(indicator))) return null;
  return { indicator: bron === null ? indicator : kostenBronNaam(indicator, bron), dimensie: split };
}

export type PeriodFigures = { cijfers: BenchmarkCijfer[]; gemeenten: string[]; cbsJaren: CbsJaren; onderdrukking: CentralDisclosureStats | null };

type Options = { periode: string; intern: boolean; pijlerVolgorde: readonly string[]; signal?: AbortSignal; onQuery?: (done: number, total: number) => void };

export async function periodFigures(store: CentralStore, connection: DuckDBConnection, options: Options): Promise<PeriodFigures> {
  if (!options.intern) {
    const release = await disclosedRelease(store, connection, options);
    const cijfers = release.figures.flatMap((f): BenchmarkCijfer[] => {
      if (f.niveau === 'gebied') return [];
      const key = benchmarkKey(f.indicator, f.dimensie);
      if (key === null) return [];
      const onderdrukt = f.status === 'onderdrukt';
      return [{ gemeente: f.gemeente, niveau: f.niveau, gebied: f.niveau === 'wijk' ? f.gebied : '', ...key, waarde: onderdrukt ? null : f.waarde, onderdrukt }];
    });
    return { cijfers, gemeenten: release.gemeenten, cbsJaren: release.cbsJaren, onderdrukking: release.stats };
  }
  // The internal export is written pass by pass to keep memory bounded at national scale; its
  // unsuppressed file stays inside the analyst's data folder, and only while this runs.
  const dir = mkdtempSync(path.join(store.dataDir, 'benchmark-'));
  try {
    const file = path.join(dir, 'cijfers-intern.csv');
    const result = await exportCentralFigures(store, connection, { ...options, periode: parsePeriode(options.periode).code, out: file, intern: true });
    const cijfers: BenchmarkCijfer[] = [];
    Papa.parse<{ gemeente: string; wijk: string; indicator: string; dimensie: string; waarde: string }>(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), {
      header: true,
      delimiter: ';',
      skipEmptyLines: true,
      step: ({ data: r }) => {
        const key = benchmarkKey(r.indicator, r.dimensie);
        if (key === null || r.waarde === '') return;
        cijfers.push({ gemeente: r.gemeente, niveau: r.wijk === '' ? 'gemeente' : 'wijk', gebied: r.wijk, ...key, waarde: Number(r.waarde), onderdrukt: false });
      },
    });
    return { cijfers, gemeenten: result.gemeenten, cbsJaren: result.cbsJaren, onderdrukking: null };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/*
 * A period's figures take the whole figures engine (and, published, disclosure control), while
 * the screen asks for them once per split and gemeente: they are kept per period and view until
 * anything in the catalogue changes (a delivery, an akkoord, reference data, groups; each leaves
 * an entry in the audit log).
 */
const cache = new Map<string, PeriodFigures>();
const CACHED = 4;

export function catalogueState(db: Db): string {
  return JSON.stringify(
    db
      .prepare(
        `SELECT (SELECT max(id) FROM audit_log) AS a, (SELECT count(*) FROM levering) AS l, (SELECT count(*) FROM akkoord) AS k,
                (SELECT max(id) FROM referentie_import) AS r, (SELECT count(*) FROM referentiegroep_wijk) AS g`,
      )
      .get(),
  );
}

export async function cachedPeriodFigures(store: CentralStore, options: { periode: string; intern: boolean }, compute: () => Promise<PeriodFigures>): Promise<PeriodFigures> {
  const key = `${store.dataDir}\u0000${parsePeriode(options.periode).code}\u0000${options.intern}\u0000${catalogueState(store.db)}`;
  const known = cache.get(key);
  if (known) return known;
  const figures = await compute();
  cache.set(key, figures);
  while (cache.size > CACHED) cache.delete(cache.keys().next().value!);
  return figures;
}

const definitions = new Map(loadIndicatorDefinitions().map((d) => [d.code, d.naam]));
const indicatorName = (i: (typeof INDICATORS)[number]) => i.naam ?? definitions.get(i.code) ?? i.code;

/** The table's indicator columns: each cost column also without toerekening and allocated when the figures have lasten. */
function indicatorKolommen(toerekening: boolean): TabelKolom[] {
  return INDICATORS.flatMap((i) => {
    const kolom: TabelKolom = { naam: i.code, titel: indicatorName(i), soort: i.soort };
    return COST_INDICATORS.includes(i.code) ? kostenKolommen(kolom, toerekening) : [kolom];
  });
}
const withToerekening = (cijfers: readonly BenchmarkCijfer[]) => cijfers.some((c) => VARIANTS.includes(c.indicator));

/** The screen's view of one split, from a period's figures. */
export function benchmarkView(db: Db, figures: PeriodFigures, options: { periode: string; intern: boolean; dimensie: string; gemeente?: string }): CentralBenchmark {
  const periode = parsePeriode(options.periode).code;
  const dimensies = [...new Set(figures.cijfers.map((c) => c.dimensie))].sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const cijfers = figures.cijfers.filter((c) => c.dimensie === options.dimensie);
  const names = new Map((db.prepare('SELECT code, naam FROM gemeente').all() as { code: string; naam: string }[]).map((g) => [g.code, g.naam]));
  // CBS names first, the map's where CBS has none (the OData typed dataset names no wijken).
  const wijkNames = new Map(
    (
      db
        .prepare(
          `SELECT code, naam FROM (SELECT code, naam, jaar, 0 AS bron FROM geo_gebied UNION ALL SELECT code, naam, jaar, 1 FROM cbs_regio WHERE soort = 'wijk')
           WHERE naam IS NOT NULL AND naam <> '' ORDER BY bron, jaar`,
        )
        .all() as { code: string; naam: string }[]
    ).map((w) => [w.code, w.naam]),
  );
  const groupYear = groupYearFor(db, periode);
  const groupOf = new Map(groupYear === null ? [] : (db.prepare('SELECT wijk, groep FROM referentiegroep_wijk WHERE jaar = ?').all(groupYear) as { wijk: string; groep: string }[]).map((r) => [r.wijk, r.groep]));
  const groepen = groupYear === null ? [] : (db.prepare('SELECT code, naam FROM referentiegroep WHERE jaar = ? ORDER BY code').all(groupYear) as { code: string; naam: string }[]);
  const wijkKeys = new Map<string, string>();
  for (const c of figures.cijfers) if (c.niveau === 'wijk' && c.gemeente !== '' && c.gemeente !== 'ALLE') wijkKeys.set(c.gebied, c.gemeente);
  const wijken = [...wijkKeys]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, gemeente]) => ({ code, naam: wijkNames.get(code) ?? code, gemeente, groep: groupOf.get(code) ?? null }));

  const expected = cijfers.filter((c) => c.indicator === 'verwacht' && c.niveau === 'wijk' && c.gemeente !== '' && c.waarde !== null && c.waarde > 0).map((c) => c.waarde!);
  const trechter = expected.length === 0 ? [] : funnelCurve(Math.min(...expected), Math.max(...expected));

  const meldingen: string[] = [];
  if (figures.cbsJaren.length === 0) meldingen.push('Er zijn geen CBS-bevolkingscijfers ingelezen: geen cijfers per inwoner en geen gestandaardiseerde ratio.');
  if (groupYear === null) meldingen.push('Er zijn nog geen referentiegroepen berekend (scherm Referentiegroepen): geen vergelijking met een referentiegroep.');
  if (!options.dimensie.startsWith('pijler=')) meldingen.push('De gestandaardiseerde ratio (SR) bestaat per pijler: kies een pijler als uitsplitsing voor de trechter.');

  const view: CentralBenchmark = {
    periode,
    intern: options.intern,
    dimensie: options.dimensie,
    dimensies,
    indicatoren: indicatorKolommen(withToerekening(cijfers)).map((k) => k.naam),
    gemeenten: figures.gemeenten.map((code) => ({ code, naam: names.get(code) ?? code })),
    wijken,
    groepen,
    cijfers,
    trechter,
    cbsJaren: figures.cbsJaren,
    onderdrukking: figures.onderdrukking,
    meldingen,
    tabel: null,
  };
  return options.gemeente === undefined ? view : { ...view, tabel: benchmarkTable(view, options.gemeente) };
}

export const SUPPRESSED_TEXT = 'onderdrukt';

/** One gemeente's wijken, then the gemeente, the reference groups of its wijken and ALLE, one column per indicator. */
export function benchmarkTable(view: CentralBenchmark, gemeente: string): OverzichtTabel {
  const naam = view.gemeenten.find((g) => g.code === gemeente)?.naam;
  if (naam === undefined) return { titel: `Benchmark ${gemeente} ${view.periode}: geen cijfers`, kolommen: [], rijen: [] };
  const value = new Map(view.cijfers.map((c) => [`${c.gemeente}|${c.gebied}|${c.indicator}`, c]));
  const indicatorCols = indicatorKolommen(withToerekening(view.cijfers));
  const cells = (g: string, gebied: string) =>
    Object.fromEntries(
      indicatorCols.map((i) => {
        const c = value.get(`${g}|${gebied}|${i.naam}`);
        return [i.naam, c === undefined ? null : c.onderdrukt ? SUPPRESSED_TEXT : c.waarde];
      }),
    );
  const own = view.wijken.filter((w) => w.gemeente === gemeente);
  const groups = [...new Set(own.flatMap((w) => (w.groep === null ? [] : [w.groep])))].sort();
  const rijen: OverzichtTabel['rijen'] = [
    ...own.map((w) => ({ gebied: w.code, naam: w.naam, groep: w.groep ?? '', ...cells(gemeente, w.code), subtotaal: false })),
    { gebied: gemeente, naam, groep: '', ...cells(gemeente, ''), subtotaal: true },
    ...groups.map((g) => ({ gebied: g, naam: view.groepen.find((x) => x.code === g)?.naam ?? g, groep: g, ...cells('', g), subtotaal: true })),
    { gebied: 'ALLE', naam: 'Alle deelnemende gemeenten', groep: '', ...cells('ALLE', ''), subtotaal: true },
  ];
  const split = view.dimensie === '' ? 'totaal' : view.dimensie;
  return {
    titel: `Benchmark ${naam} (${gemeente}), ${view.periode}, ${split}${view.intern ? ' — intern, niet onderdrukt' : ' — onderdrukt zoals gepubliceerd'}`,
    kolommen: [
      { naam: 'gebied', titel: 'Code', soort: 'tekst' },
      { naam: 'naam', titel: 'Naam', soort: 'tekst' },
      { naam: 'groep', titel: 'Referentiegroep', soort: 'tekst' },
      ...indicatorCols,
    ],
    rijen,
  };
}

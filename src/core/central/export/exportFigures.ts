import os from 'node:os';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../../errors.ts';
import { discloseFigures, type AuditRow, type DisclosedFigure, type DisclosureProbe, type DisclosureStats } from '../../disclosure/discloseFigures.ts';
import { writeAuditCsv, writeDisclosedFiguresCsv } from '../../disclosure/disclosedCsv.ts';
import { innerCellsSql } from '../../disclosure/innerCellsSql.ts';
import { readPattern, writePattern } from '../../disclosure/releasePattern.ts';
import { referenceGroupMembers } from '../../disclosure/referenceGroupMembers.ts';
import type { ReleaseLevel } from '../../disclosure/releaseModel.ts';
import { withAtomicFile } from '../../files/atomicWrite.ts';
import { EXPORT_LEVELS, type Figure } from '../../indicators/figures.ts';
import { openFiguresFile } from '../../indicators/figuresCsv.ts';
import { computeFiguresSql, streamFiguresSql, type SqlFigureInput } from '../../indicators/sql/figuresSql.ts';
import { parsePeriode } from '../../period/periode.ts';
import { referenceGroupFigures } from '../../benchmark/referenceGroupFigures.ts';
import { standardisedFigures, type ZonderStratum } from '../../benchmark/standardisedFigures.ts';
import type { StartTabel } from '../../benchmark/gemeenteSeeds.ts';
import { splitKostenBron } from '../../lasten/kostenBron.ts';
import type { ToerekendeLast } from '../../lasten/toerekeningScope.ts';
import { allRecordsSql, currentRecordFiles, type GemeenteRecords } from '../records/currentRecords.ts';
import type { CentralStore } from '../store/centralStore.ts';
import type { CbsJaren } from '../../../shared/cbsJaren.ts';
import { cbsJarenOf, cbsYearPerGemeente, yearOfRegion, type CbsYearPerGemeente } from '../reference/cbsYearPerGemeente.ts';
import { asAlle, buildCentralScope, buildNationalScope, nationalScope, scopeOfPass } from './centralScope.ts';
import { disclosureRules } from '../settings/thresholds.ts';
import { storePublication } from './publicationStore.ts';

/*
 * `central export`: the long figures CSV of every gemeente with current deliveries for the period,
 * their wijken and ALLE, computed by the one figures engine (indicators/sql/figuresSql.ts) over
 * the Parquet files of the current delivery versions, scoped exactly as the gemeente edition
 * scopes its own records (centralScope.ts), plus figures per inhabitant.
 *
 * Per inhabitant, per gemeente from the loaded CBS year closest to the period for that gemeente
 * (the later one on a tie; reference/cbsYearPerGemeente.ts), its wijken from the same year, and
 * `cbs_jaar` per gemeente says which. ALLE's inhabitants are the sum of the gemeenten's
 * inhabitants, each of its own chosen year: a CBS file loaded for some gemeenten only must not
 * take the others' figures per inhabitant away, and ALLE is the sum of its parts in numerator and
 * denominator alike. The standardisation and the reference groups use the same years.
 *  - clienten_per_1000 and kosten_per_inwoner over all inhabitants, for the total and per pijler;
 *  - for pijler JW the denominator is the inhabitants aged 0–17, which the CBS bands give only
 *    approximately: 0–14 plus 3/10 of 15–24 (ages 15, 16 and 17 of that ten-year band, assuming
 *    the band is evenly spread). A wijk or gemeente without the bands gets no Jeugd figure.
 */

/**
 * For the analyst's outputs that have no disclosure control yet (trends, waterbed flows): they
 * run only as an internal file.
 */
export function requireIntern(intern: boolean): void {
  if (!intern) {
    throw new UserError(
      'EXPORT_NIET_INTERN',
      'Dit overzicht kan nog niet voor publicatie: er is nog geen onthullingscontrole (kleine aantallen onderdrukken) voor. Geef --intern voor een interne versie; daarin is niets onderdrukt en die is niet bedoeld om te delen.',
    );
  }
}

/**
 * `zonderStratum`: per gemeente and pijler the clients the standardisation leaves out (age or sex
 * unknown); `nietToegerekend`: lasten of a levering v2 that no voorziening of the period matched.
 */
export type CentralExportResult = {
  rijen: number;
  gemeenten: string[];
  /** The CBS years of the inhabitants, each with its gemeenten; empty when none is loaded. */
  cbsJaren: CbsJaren;
  onderdrukking: DisclosureStats | null;
  audit: string | null;
  zonderStratum: ZonderStratum[];
  /** Per gemeente the seed of its age × sex table: the CBS 03759ned year, or null (age and sex independent). */
  startTabellen: StartTabel[];
  nietToegerekend: ToerekendeLast[];
};

/**
 * Records per pass of the figures engine: DuckDB's working tables of a pass (its deliveries in
 * `rec` with every column, then its scope) are bounded by it. The pass partition is also the
 * order of the CSV's rows (a pass's splits one after the other), so changing it reorders the file.
 */
const PASS_RECORDS = 150_000;
/**
 * DuckDB's budget for the internal export. It holds the national scope tables (a quarter's
 * voorzieningen and its history, without the columns the figures do not read) beside one pass's
 * working tables; what does not fit, it spills. Measured on the bench (342 gemeenten, 5 M
 * records): 1.5 GB peaked at 3,343 MiB RSS and 216 CPU s, 1 GB at 2,775 MiB and 218 CPU s
 * (2,528–3,044 MiB in later runs). Side by side on one full-size store (2026-12-02, both at once
 * on a loaded machine): 1 GB 2,528 MiB and 214.8 CPU s, 640 MB 2,198 MiB and 220.1 CPU s, the
 * same CSV. The full-size peak comes in the last passes, when the JS heap is small (under
 * 300 MB): it is DuckDB's, so its budget is what bounds it.
 */
const EXPORT_MEMORY = '640MB';
/**
 * DuckDB's threads for the internal export: every core but the one the JavaScript thread keeps
 * busy, since the engine computes the next split while JavaScript turns the last one into CSV
 * rows (figuresSql.ts `pipelined`); one on the 2-core bench machine. Same CSV; on a scale-0.25
 * store side by side the CPU seconds stayed within the noise of a shared machine and the wall
 * clock was shorter (bench/results/central-export-ab.json).
 */
const EXPORT_THREADS = Math.max(1, os.availableParallelism() - 1);

export async function exportCentralFigures(
  store: CentralStore,
  connection: DuckDBConnection,
  options: { periode: string; out: string; intern: boolean; pijlerVolgorde: readonly string[]; signal?: AbortSignal; onQuery?: (done: number, total: number) => void; passRecords?: number; disclosureProbe?: DisclosureProbe },
): Promise<CentralExportResult> {
  const periode = parsePeriode(options.periode);
  const current = currentRecordFiles(store, periode);
  if (current.length === 0) throw new UserError('GEEN_LEVERING', `Er zijn geen actuele leveringen binnen periode ${periode.code}.`);
  if (!options.intern) return publish(store, connection, options, current);
  // Intern: every current delivery, approved or not, nothing suppressed.
  const gemeenten = current;
  const present = gemeenten.map((g) => g.gemeente);
  const passes = inPasses(recordCounts(store, gemeenten), options.passRecords ?? PASS_RECORDS);
  const inhabitants = loadInhabitants(store, periode.code);
  const alle = present.length > 1;
  const total = passes.length * 2 + 1;
  let rijen = 0;
  let zonderStratum: ZonderStratum[] = [];
  let startTabellen: StartTabel[] = [];
  let nietToegerekend: ToerekendeLast[] = [];
  await connection.run(`SET memory_limit = '${EXPORT_MEMORY}'; SET threads = ${EXPORT_THREADS}`);
  await withAtomicFile(options.out, async (temp) => {
    const file = openFiguresFile(temp);
    try {
      // The figures go to the file batch by batch as the engine makes them (ALLE alone is 3.4 M
      // figures nationally); only the counts and costs a per-inhabitant figure divides are kept
      // until the run ends, and those follow the run's figures, as they always did.
      const written = async (input: SqlFigureInput, some: readonly string[]) => {
        const divided: Figure[] = [];
        await streamFiguresSql(connection, input, (batch) => {
          rijen += file.write(batch);
          for (const f of batch) if (perInhabitantOf(f)) divided.push(f);
        });
        rijen += file.write(perInhabitant(inhabitants, periode.code, some, present, divided));
      };
      // Every delivery is read once: pass by pass into the national scope tables.
      const national = await buildNationalScope(store, connection, periode, passes, { signal: options.signal, onPass: (i) => options.onQuery?.(i, total) });
      nietToegerekend = national.nietToegerekend;
      const engine = { periode, vorige: national.vorige, pijlerVolgorde: options.pijlerVolgorde, signal: options.signal };
      // The national scope first: ALLE and the reference groups need every gemeente at once.
      if (alle) {
        await asAlle(connection);
        const levels = EXPORT_LEVELS.filter((l) => l.niveau === 'gemeente');
        await written({ ...engine, levels, onQuery: passProgress(options.onQuery, passes.length, total) }, []);
      } else await nationalScope(connection);
      // RG01…: benchmark/referenceGroupFigures.ts relabels the engine's tables (a client keeps
      // its gemeente, ALLE or not), so it comes after the rows that need them as they were.
      rijen += file.write((await referenceGroupFigures(store.db, connection, { ...engine, gemeenten: present })).figures);
      // verwacht, sr, sr_onder, sr_boven per pijler: benchmark/standardisedFigures.ts over the current records.
      await connection.run(`CREATE OR REPLACE TEMP VIEW cr AS ${allRecordsSql(gemeenten)}`);
      const standardised = await standardisedFigures(store.db, connection, { periode, records: 'cr', jaren: inhabitants.years });
      zonderStratum = standardised.zonderStratum;
      startTabellen = standardised.startTabellen;
      rijen += file.write(standardised.figures);
      await connection.run('DROP VIEW cr');
      // What the national steps made (the engine's tables, the groups' copies) goes before the passes.
      await dropTempTables(connection, ['fvn', 'fhn']);
      // Then the gemeenten pass by pass, each from its slice of the national scope.
      for (const [i, pass] of national.passes.entries()) {
        options.signal?.throwIfAborted();
        await scopeOfPass(connection, pass);
        await written({ ...engine, levels: EXPORT_LEVELS, onQuery: passProgress(options.onQuery, passes.length + 1 + i, total) }, pass.gemeenten);
      }
    } finally {
      file.close();
    }
  });
  options.onQuery?.(1, 1);
  await dropTempTables(connection);
  return { rijen, gemeenten: present, cbsJaren: cbsJarenOf(inhabitants.years, present), onderdrukking: null, audit: null, zonderStratum, startTabellen, nietToegerekend };
}

/** The levels of the export that the release holds (the CSV has no gebied rows). */
const RELEASE_LEVELS: ReleaseLevel[] = EXPORT_LEVELS.flatMap((l) => (l.niveau === 'gebied' ? [] : [{ niveau: l.niveau, dimensions: l.dimensions }]));

/**
 * For publication: only the gemeenten whose every delivery of the period has its akkoord, and
 * ALLE over just those, the whole release at once under disclosure control
 * (disclosure/discloseFigures.ts: the release as one linear system, primary and secondary
 * suppression, the LP audit), audit.csv beside it. The reference groups (RG01…) over the same
 * gemeenten are cells of that system (sums of their member wijken's cells).
 */
async function publish(store: CentralStore, connection: DuckDBConnection, options: { periode: string; out: string; pijlerVolgorde: readonly string[]; signal?: AbortSignal; onQuery?: (done: number, total: number) => void; disclosureProbe?: DisclosureProbe }, current: readonly GemeenteRecords[]): Promise<CentralExportResult> {
  const release = await releaseOf(store, connection, options, current);
  const audit = path.join(path.dirname(options.out), 'audit.csv');
  const rijen = await writeDisclosedFiguresCsv(options.out, release.figures);
  await writeAuditCsv(audit, release.audit);
  // The next release of the period keeps this one's pattern (disclosure/releasePattern.ts).
  writePattern(store.dataDir, release.pattern);
  // Kept in the store, so a later pack compares with what was published for this period (publicationStore.ts).
  await storePublication(store.dataDir, { periode: options.periode, cijfers: options.out, gemeenten: current.filter((g) => release.gemeenten.includes(g.gemeente)) });
  return { rijen, gemeenten: release.gemeenten, cbsJaren: release.cbsJaren, onderdrukking: release.stats, audit, zonderStratum: release.zonderStratum, startTabellen: release.startTabellen, nietToegerekend: release.nietToegerekend };
}

export type DisclosedRelease = { figures: DisclosedFigure[]; audit: AuditRow[]; stats: DisclosureStats; pattern: Awaited<ReturnType<typeof discloseFigures>>['pattern']; gemeenten: string[]; cbsJaren: CbsJaren; zonderStratum: ZonderStratum[]; startTabellen: StartTabel[]; nietToegerekend: ToerekendeLast[] };

/**
 * The figures a publication of the period holds, disclosure-controlled, in memory: what the
 * suppressed CSV of `central export` would contain, for the screens that show it.
 */
export async function disclosedRelease(
  store: CentralStore,
  connection: DuckDBConnection,
  options: { periode: string; pijlerVolgorde: readonly string[]; signal?: AbortSignal; onQuery?: (done: number, total: number) => void },
): Promise<DisclosedRelease> {
  const periode = parsePeriode(options.periode);
  const current = currentRecordFiles(store, periode);
  if (current.length === 0) throw new UserError('GEEN_LEVERING', `Er zijn geen actuele leveringen binnen periode ${periode.code}.`);
  return releaseOf(store, connection, options, current);
}

async function releaseOf(store: CentralStore, connection: DuckDBConnection, options: { periode: string; pijlerVolgorde: readonly string[]; signal?: AbortSignal; onQuery?: (done: number, total: number) => void; disclosureProbe?: DisclosureProbe }, current: readonly GemeenteRecords[]): Promise<DisclosedRelease> {
  const periode = parsePeriode(options.periode);
  const gemeenten = current.filter((g) => approved(store, g.delen.map((d) => d.leveringId)));
  if (gemeenten.length === 0) {
    throw new UserError('GEEN_AKKOORD', `Geen enkele gemeente gaf akkoord voor publicatie over ${periode.code} (central approve); er is niets te publiceren. Geef --intern voor een interne export.`);
  }
  const present = gemeenten.map((g) => g.gemeente);
  const inhabitants = loadInhabitants(store, periode.code);
  const { scope, set } = await buildCentralScope(store, connection, periode, { gemeenten: present });
  const nietToegerekend = scope.toerekening?.nietToegerekend ?? [];
  let all: Figure[];
  let inner: Awaited<ReturnType<typeof innerCellsSql>>;
  try {
    const figures = await computeFiguresSql(connection, { periode, vorige: scope.vorige, levels: EXPORT_LEVELS, pijlerVolgorde: options.pijlerVolgorde, alle: true, signal: options.signal, onQuery: options.onQuery });
    inner = await innerCellsSql(connection);
    all = [...figures, ...perInhabitant(inhabitants, periode.code, present, present, figures)];
    // After the inner cells: it relabels the engine's tables.
    all.push(...(await referenceGroupFigures(store.db, connection, { periode, vorige: scope.vorige, pijlerVolgorde: options.pijlerVolgorde, signal: options.signal, gemeenten: present })).figures);
  } finally {
    set.close();
  }
  await connection.run(`CREATE OR REPLACE TEMP VIEW cr AS ${allRecordsSql(gemeenten)}`);
  // The reference groups' sr too: their cells are in the release's linear system.
  const standardised = await standardisedFigures(store.db, connection, { periode, records: 'cr', jaren: inhabitants.years });
  all.push(...standardised.figures);
  await connection.run('DROP VIEW cr');
  options.signal?.throwIfAborted();
  // The previous release of the period keeps its pattern; a publication stores this one's once it is written.
  const disclosed = await discloseFigures(all, inner, RELEASE_LEVELS, { previous: readPattern(store.dataDir, periode.code), groepen: referenceGroupMembers(store.db, periode.code), probe: options.disclosureProbe, regels: disclosureRules(store.db) });
  return { figures: disclosed.figures, audit: disclosed.audit, stats: disclosed.stats, pattern: disclosed.pattern, gemeenten: present, cbsJaren: cbsJarenOf(inhabitants.years, present), zonderStratum: standardised.zonderStratum, startTabellen: standardised.startTabellen, nietToegerekend };
}

function approved(store: CentralStore, leveringen: readonly number[]): boolean {
  const has = store.db.prepare('SELECT 1 FROM akkoord WHERE levering_id = ?');
  return leveringen.every((id) => has.get(id) !== undefined);
}

/** Per gemeente the records of its current deliveries for the period (the catalogue counts them at intake). */
function recordCounts(store: CentralStore, gemeenten: readonly GemeenteRecords[]): { gemeente: string; n: number }[] {
  const rows = store.db.prepare('SELECT rijen FROM levering WHERE id = ?');
  return gemeenten.map((g) => ({ gemeente: g.gemeente, n: g.delen.reduce((n, d) => n + ((rows.get(d.leveringId) as { rijen: number } | undefined)?.rijen ?? 0), 0) }));
}

async function dropTempTables(connection: DuckDBConnection, keep: readonly string[] = []): Promise<void> {
  const tables = (await connection.runAndReadAll('SELECT table_name FROM duckdb_tables() WHERE temporary')).getRowsJS().map(([t]) => t as string).filter((t) => !keep.includes(t));
  for (const table of tables) await connection.run(`DROP TABLE IF EXISTS "${table.replaceAll('"', '""')}"`);
}

/** Whole gemeenten per pass, in code order, each pass up to `limit` records (a larger gemeente alone). */
function inPasses(counts: readonly { gemeente: string; n: number }[], limit: number): string[][] {
  const passes: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const { gemeente, n } of counts) {
    if (current.length > 0 && size + n > limit) {
      passes.push(current);
      current = [];
      size = 0;
    }
    current.push(gemeente);
    size += n;
  }
  if (current.length > 0) passes.push(current);
  return passes;
}

/** The engine's query progress of one pass, as progress over the whole export. */
function passProgress(onQuery: ((done: number, total: number) => void) | undefined, pass: number, passes: number) {
  return onQuery && ((done: number, total: number) => onQuery(pass * total + done, passes * total));
}

type Inwoners = { inwoners: number; jeugd: number | null };
type Inhabitants = { years: CbsYearPerGemeente; of(code: string): Inwoners | null };

/** Inhabitants per region, each gemeente and its wijken from that gemeente's chosen CBS year. */
function loadInhabitants(store: CentralStore, periode: string): Inhabitants {
  const years = cbsYearPerGemeente(store.db, periode);
  const rows = store.db.prepare("SELECT jaar, code, kenmerk, waarde FROM cbs_kenmerk WHERE kenmerk IN ('inwoners', 'leeftijd_0_15', 'leeftijd_15_25') AND (code LIKE 'GM%' OR code LIKE 'WK%')").all() as { jaar: number; code: string; kenmerk: string; waarde: number }[];
  const byCode = new Map<string, Record<string, number>>();
  for (const r of rows) if (r.jaar === yearOfRegion(years, r.code)) byCode.set(r.code, { ...byCode.get(r.code), [r.kenmerk]: r.waarde });
  return {
    years,
    of(code) {
      const k = byCode.get(code);
      if (!k || !k.inwoners) return null;
      return { inwoners: k.inwoners, jeugd: k.leeftijd_0_15 !== undefined && k.leeftijd_15_25 !== undefined ? k.leeftijd_0_15 + 0.3 * k.leeftijd_15_25 : null };
    },
  };
}

/**
 * The per-inhabitant figures of one pass and its gemeenten's `cbs_jaar` (a gemeente without CBS
 * inhabitants has none); ALLE's denominator is the sum over every gemeente present in the export
 * (`present`), each gemeente's inhabitants of its own year.
 */
function perInhabitant(inhabitants: Inhabitants, periode: string, gemeenten: readonly string[], present: readonly string[], figures: readonly Figure[]): Figure[] {
  const { years, of } = inhabitants;
  if (years.size === 0) return [];
  const alle = present.map(of);
  const denominators = (f: Figure): Inwoners | null => {
    if (f.gemeente === 'ALLE') {
      if (alle.some((a) => a === null)) return null;
      return { inwoners: alle.reduce((n, a) => n + a!.inwoners, 0), jeugd: alle.every((a) => a!.jeugd !== null) ? alle.reduce((n, a) => n + a!.jeugd!, 0) : null };
    }
    return of(f.niveau === 'wijk' ? f.gebied : f.gemeente);
  };
  const out: Figure[] = gemeenten.flatMap((gemeente) => {
    const jaar = years.get(gemeente);
    return jaar === undefined ? [] : [{ periode, gemeente, niveau: 'gemeente' as const, gebied: '', indicator: 'cbs_jaar', dimensie: '', waarde: jaar }];
  });
  for (const f of figures) {
    if (!perInhabitantOf(f)) continue;
    const split = splitKostenBron(f.dimensie).dimensie;
    const d = denominators(f);
    if (!d) continue;
    const base = split === 'pijler=JW' ? d.jeugd : d.inwoners;
    if (base === null || base <= 0) continue;
    if (f.indicator === 'clienten') out.push({ ...f, indicator: 'clienten_per_1000', waarde: round((f.waarde / base) * 1000, 2) });
    else out.push({ ...f, indicator: 'kosten_per_inwoner', waarde: round(f.waarde / base, 2) });
  }
  return out;
}

/**
 * Whether a figure is divided by inhabitants: clients and costs of the total and per pijler. A
 * cost figure with and without toerekening (kosten_bron) gets its per-inhabitant figure likewise.
 * Only these are kept while a pass streams (of a pass's 800 k figures, a few thousand).
 */
function perInhabitantOf(f: Figure): boolean {
  if (f.indicator !== 'clienten' && f.indicator !== 'kosten') return false;
  const split = splitKostenBron(f.dimensie).dimensie;
  return split === '' || /^pijler=[^|]+$/.test(split);
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

import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../../errors.ts';
import { discloseFigures, type DisclosureProbe, type DisclosureStats } from '../../disclosure/discloseFigures.ts';
import { writeAuditCsv, writeDisclosedFiguresCsv } from '../../disclosure/disclosedCsv.ts';
import { innerCellsSql } from '../../disclosure/innerCellsSql.ts';
import { readPattern, writePattern } from '../../disclosure/releasePattern.ts';
import { referenceGroupMembers } from '../../disclosure/referenceGroupMembers.ts';
import type { ReleaseLevel } from '../../disclosure/releaseModel.ts';
import { withAtomicFile } from '../../files/atomicWrite.ts';
import { EXPORT_LEVELS, type Figure } from '../../indicators/figures.ts';
import { openFiguresFile } from '../../indicators/figuresCsv.ts';
import { computeFiguresSql } from '../../indicators/sql/figuresSql.ts';
import { parsePeriode } from '../../period/periode.ts';
import { referenceGroupFigures } from '../../benchmark/referenceGroupFigures.ts';
import { standardisedFigures } from '../../benchmark/standardisedFigures.ts';
import { allRecordsSql, currentRecordFiles, type GemeenteRecords } from '../records/currentRecords.ts';
import type { CentralStore } from '../store/centralStore.ts';
import { asAlle, buildCentralScope } from './centralScope.ts';

/*
 * `central export`: the long figures CSV of every gemeente with current deliveries for the period,
 * their wijken and ALLE, computed by the one figures engine (indicators/sql/figuresSql.ts) over
 * the Parquet files of the current delivery versions, scoped exactly as the gemeente edition
 * scopes its own records (centralScope.ts), plus figures per inhabitant.
 *
 * Per inhabitant, from the loaded CBS year closest to the period (the later one on a tie):
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

export type CentralExportResult = { rijen: number; gemeenten: string[]; cbsJaar: number | null; onderdrukking: DisclosureStats | null; audit: string | null };

/**
 * Records per pass of the figures engine. The engine returns a pass's figures as one array (about
 * six figures per record at gemeente and wijk level): one pass over a national quarter (2.5 M
 * records) held 14 M figure objects beside DuckDB's tables and peaked at 7.9 GB on the bench.
 * Passes of this size are written out before the next one starts, which keeps both bounded.
 */
const PASS_RECORDS = 150_000;
/** DuckDB's budget for the national scope (ALLE, the reference groups). */
const NATIONAL_MEMORY = '2560MB';
/** DuckDB's budget during the gemeente passes. */
const PASS_MEMORY = '512MB';

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
  const total = passes.length + 1;
  let rijen = 0;
  await withAtomicFile(options.out, async (temp) => {
    const file = openFiguresFile(temp);
    try {
      const write = (figures: readonly Figure[], some: readonly string[]) => {
        rijen += file.write(figures) + file.write(perInhabitant(inhabitants, periode.code, some, present, figures));
      };
      // The national scope first: ALLE and the reference groups need every gemeente at once.
      // It is DuckDB's heaviest pass, so it runs while the JS heap is still empty, and its
      // figures are written and dropped before the gemeenten's.
      options.signal?.throwIfAborted();
      // Every gemeente's deliveries at once (the period's and its history): 1 GB ran out at the
      // national scale of the bench (5 M records); what DuckDB cannot hold it spills.
      await connection.run(`SET memory_limit = '${NATIONAL_MEMORY}'`);
      const national = await buildCentralScope(store, connection, periode);
      try {
        const engine = { periode, vorige: national.scope.vorige, pijlerVolgorde: options.pijlerVolgorde, signal: options.signal };
        if (alle) {
          await asAlle(connection);
          const levels = EXPORT_LEVELS.filter((l) => l.niveau === 'gemeente');
          write(await computeFiguresSql(connection, { ...engine, levels, onQuery: passProgress(options.onQuery, 0, total) }), []);
        }
        // RG01…: benchmark/referenceGroupFigures.ts relabels the engine's tables (a client keeps
        // its gemeente, ALLE or not), so it comes after the rows that need them as they were.
        rijen += file.write((await referenceGroupFigures(store.db, connection, { ...engine, gemeenten: present })).figures);
      } finally {
        national.set.close();
      }
      // verwacht, sr, sr_onder, sr_boven per pijler: benchmark/standardisedFigures.ts over the current records.
      await connection.run(`CREATE OR REPLACE TEMP VIEW cr AS ${allRecordsSql(gemeenten)}`);
      rijen += file.write((await standardisedFigures(store.db, connection, { periode, records: 'cr', jaar: inhabitants.jaar })).figures);
      await connection.run('DROP VIEW cr');
      // A gemeente pass needs a fraction of that; what DuckDB keeps beyond it, the JS heap
      // (one pass's figures) then cannot use. Its tables go first, or DuckDB would spill them.
      await dropTempTables(connection);
      await connection.run(`SET memory_limit = '${PASS_MEMORY}'`);
      for (const [i, some] of passes.entries()) {
        options.signal?.throwIfAborted();
        const { scope, set } = await buildCentralScope(store, connection, periode, { gemeenten: some });
        try {
          write(await computeFiguresSql(connection, { periode, vorige: scope.vorige, levels: EXPORT_LEVELS, pijlerVolgorde: options.pijlerVolgorde, signal: options.signal, onQuery: passProgress(options.onQuery, i + 1, total) }), some);
        } finally {
          set.close();
        }
      }
    } finally {
      file.close();
    }
  });
  options.onQuery?.(1, 1);
  await dropTempTables(connection);
  return { rijen, gemeenten: present, cbsJaar: inhabitants.jaar, onderdrukking: null, audit: null };
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
  const periode = parsePeriode(options.periode);
  const gemeenten = current.filter((g) => approved(store, g.delen.map((d) => d.leveringId)));
  if (gemeenten.length === 0) {
    throw new UserError('GEEN_AKKOORD', `Geen enkele gemeente gaf akkoord voor publicatie over ${periode.code} (central approve); er is niets te publiceren. Geef --intern voor een interne export.`);
  }
  const present = gemeenten.map((g) => g.gemeente);
  const inhabitants = loadInhabitants(store, periode.code);
  const { scope, set } = await buildCentralScope(store, connection, periode, { gemeenten: present });
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
  all.push(...(await standardisedFigures(store.db, connection, { periode, records: 'cr', jaar: inhabitants.jaar })).figures);
  await connection.run('DROP VIEW cr');
  options.signal?.throwIfAborted();
  // The previous release of the period keeps its pattern; this one's is stored once it is written.
  const disclosed = await discloseFigures(all, inner, RELEASE_LEVELS, { previous: readPattern(store.dataDir, periode.code), groepen: referenceGroupMembers(store.db, periode.code), probe: options.disclosureProbe });
  const audit = path.join(path.dirname(options.out), 'audit.csv');
  const rijen = await writeDisclosedFiguresCsv(options.out, disclosed.figures);
  await writeAuditCsv(audit, disclosed.audit);
  writePattern(store.dataDir, disclosed.pattern);
  return { rijen, gemeenten: present, cbsJaar: inhabitants.jaar, onderdrukking: disclosed.stats, audit };
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

async function dropTempTables(connection: DuckDBConnection): Promise<void> {
  const tables = (await connection.runAndReadAll('SELECT table_name FROM duckdb_tables() WHERE temporary')).getRowsJS().map(([t]) => t as string);
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
type Inhabitants = { jaar: number | null; of(code: string): Inwoners | null };

/** Inhabitants per region from the loaded CBS year closest to the period (the later one on a tie). */
function loadInhabitants(store: CentralStore, periode: string): Inhabitants {
  const year = Number(periode.slice(0, 4));
  const years = (store.db.prepare("SELECT DISTINCT jaar FROM cbs_kenmerk WHERE kenmerk = 'inwoners'").all() as { jaar: number }[]).map((r) => r.jaar);
  if (years.length === 0) return { jaar: null, of: () => null };
  const jaar = years.sort((a, b) => Math.abs(a - year) - Math.abs(b - year) || b - a)[0]!;
  const rows = store.db
    .prepare("SELECT code, kenmerk, waarde FROM cbs_kenmerk WHERE jaar = ? AND kenmerk IN ('inwoners', 'leeftijd_0_15', 'leeftijd_15_25')")
    .all(jaar) as { code: string; kenmerk: string; waarde: number }[];
  const byCode = new Map<string, Record<string, number>>();
  for (const r of rows) byCode.set(r.code, { ...byCode.get(r.code), [r.kenmerk]: r.waarde });
  return {
    jaar,
    of(code) {
      const k = byCode.get(code);
      if (!k || !k.inwoners) return null;
      return { inwoners: k.inwoners, jeugd: k.leeftijd_0_15 !== undefined && k.leeftijd_15_25 !== undefined ? k.leeftijd_0_15 + 0.3 * k.leeftijd_15_25 : null };
    },
  };
}

/**
 * The per-inhabitant figures of one pass and its gemeenten's `cbs_jaar`; ALLE's denominator is
 * the sum over every gemeente present in the export (`present`).
 */
function perInhabitant(inhabitants: Inhabitants, periode: string, gemeenten: readonly string[], present: readonly string[], figures: readonly Figure[]): Figure[] {
  const { jaar, of } = inhabitants;
  if (jaar === null) return [];
  const alle = present.map(of);
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
  return out;
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

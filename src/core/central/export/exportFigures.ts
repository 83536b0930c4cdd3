import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { aanbiederKey } from '../../delivery/aanbiederKey.ts';
import { UserError } from '../../errors.ts';
import { EXPORT_LEVELS, type Figure } from '../../indicators/figures.ts';
import { FIGURES_COLUMNS } from '../../indicators/figuresCsv.ts';
import { csvChunk, UTF8_BOM } from '../../delivery/csvChunk.ts';
import { withAtomicFile } from '../../files/atomicWrite.ts';
import { writeAllSync } from '../../files/writeErrors.ts';
import { computeFiguresSql, dayNumber } from '../../indicators/sql/figuresSql.ts';
import { finishScopeTables } from '../../indicators/sql/scopeTables.ts';
import { parsePeriode, previousPeriode } from '../../period/periode.ts';
import { currentRecordFiles, recordsSql, type GemeenteRecords } from '../records/currentRecords.ts';
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

export function requireIntern(intern: boolean): void {
  if (!intern) {
    throw new UserError(
      'EXPORT_NIET_INTERN',
      'Een export voor publicatie kan nog niet: de onthullingscontrole (kleine aantallen onderdrukken) is er nog niet. Geef --intern voor een interne export; daarin is niets onderdrukt en die is niet bedoeld om te delen.',
    );
  }
}

export type CentralExportResult = { rijen: number; gemeenten: string[]; cbsJaar: number | null };

/**
 * Records per pass of the figures engine. The engine returns a pass's figures as one array (about
 * six figures per record at gemeente and wijk level): one pass over a national quarter (2.5 M
 * records) held 14 M figure objects beside DuckDB's tables and peaked at 7.9 GB on the bench.
 * Passes of this size are written out before the next one starts, which keeps both bounded.
 */
const PASS_RECORDS = 150_000;
/** DuckDB's budget during the gemeente passes (the caller's limit applies to the ALLE pass). */
const PASS_MEMORY = '512MB';

export async function exportCentralFigures(
  store: CentralStore,
  connection: DuckDBConnection,
  options: { periode: string; out: string; pijlerVolgorde: readonly string[]; signal?: AbortSignal; onQuery?: (done: number, total: number) => void; passRecords?: number },
): Promise<CentralExportResult> {
  const periode = parsePeriode(options.periode);
  // Intern: every current delivery, approved or not (approval gates publication, which waits for disclosure control).
  const gemeenten = currentRecordFiles(store, periode);
  if (gemeenten.length === 0) throw new UserError('GEEN_LEVERING', `Er zijn geen actuele leveringen binnen periode ${periode.code}.`);
  const vorige = previousPeriode(periode);
  const day = (column: string) => `CAST(${column} - DATE '1970-01-01' AS INTEGER)`;
  const begin = dayNumber(periode.begin);
  const eind = dayNumber(periode.eind);
  // The period's voorzieningen of some gemeenten, with only the columns the engine uses; read
  // from the Parquet files per pass, so DuckDB never holds more than one pass of records. The
  // gemeente comes from the catalogue; the hive path's own gemeente/periode columns (a single
  // file) are left out.
  const records = (some: readonly GemeenteRecords[]) => `
    SELECT gemeente, client, huishouden, wijk, gebied, pijler, leefdomein, voorziening, productcode, aanbieder, aanbieder_naam,
      begindatum, einddatum, kosten, leeftijd, aanvraagdatum
    FROM (${some.map((g) => `SELECT ${sqlText(g.gemeente)} AS gemeente, COLUMNS(c -> c NOT IN ('gemeente', 'periode')) FROM (${recordsSql(g.delen)})`).join(' UNION ALL BY NAME ')})
    WHERE ${day('begindatum')} <= ${eind} AND (einddatum IS NULL OR ${day('einddatum')} >= ${begin})`;
  await connection.run(`CREATE OR REPLACE TEMP VIEW cr_alle AS ${records(gemeenten)}`);
  // The aanbieder as the engine groups it: its AGB code, else its normalised name (JS, as everywhere).
  const names = (await connection.runAndReadAll(`SELECT DISTINCT aanbieder_naam FROM cr_alle WHERE (aanbieder IS NULL OR trim(aanbieder) = '') AND aanbieder_naam IS NOT NULL`)).getRowsJS();
  const keys = names.map(([naam]) => `(${sqlText(naam as string)}, ${sqlText(aanbiederKey(null, naam as string))})`);
  await connection.run(`CREATE OR REPLACE TEMP TABLE ak AS SELECT * FROM (${keys.length === 0 ? "SELECT ''::VARCHAR, ''::VARCHAR WHERE false" : `VALUES ${keys.join(', ')}`}) t(naam, sleutel)`);
  const counts = (await connection.runAndReadAll('SELECT gemeente, count(*) FROM cr_alle GROUP BY gemeente ORDER BY gemeente')).getRowsJS().map(([g, n]) => ({ gemeente: g as string, n: Number(n) }));
  const passes = inPasses(counts, options.passRecords ?? PASS_RECORDS);
  const history = historyFiles(store, periode.begin, Math.floor(Math.min(dayNumber(vorige.begin), begin - 2 * 365.25)));
  const inhabitants = loadInhabitants(store, periode.code);
  const present = counts.map((c) => c.gemeente);
  const alle = present.length > 1;
  const total = passes.length + (alle ? 1 : 0);
  let rijen = 0;
  await withAtomicFile(options.out, async (temp) => {
    const file = figuresFile(temp);
    try {
      if (alle) {
        // ALLE first: its pass is DuckDB's heaviest (every record at once), so it runs while the
        // JS heap is still empty, and its figures are written and dropped before the gemeenten's.
        // A client stays its gemeente's (the gemeente code is put in front of the pseudonym), so
        // the same pseudonym in two gemeenten is two clients, as it is in the gemeente rows.
        options.signal?.throwIfAborted();
        await scopeTables(connection, { records: 'SELECT * FROM cr_alle', alle: true }, history);
        const levels = EXPORT_LEVELS.filter((l) => l.niveau === 'gemeente');
        const figures = await computeFiguresSql(connection, { periode, vorige, levels, pijlerVolgorde: options.pijlerVolgorde, alle: false, signal: options.signal, onQuery: passProgress(options.onQuery, 0, total) });
        rijen += file.write(figures) + file.write(perInhabitant(inhabitants, periode.code, [], present, figures));
        // A gemeente pass needs a fraction of that; what DuckDB keeps beyond it, the JS heap
        // (one pass's figures) then cannot use. Its tables go first, or DuckDB would spill them.
        await dropTempTables(connection, ['ak']);
        await connection.run(`SET memory_limit = '${PASS_MEMORY}'`);
      }
      for (const [i, pass] of passes.entries()) {
        options.signal?.throwIfAborted();
        await scopeTables(connection, { records: records(gemeenten.filter((g) => pass.includes(g.gemeente))), alle: false }, history.filter((h) => pass.includes(h.gemeente)));
        const figures = await computeFiguresSql(connection, { periode, vorige, levels: EXPORT_LEVELS, pijlerVolgorde: options.pijlerVolgorde, alle: false, signal: options.signal, onQuery: passProgress(options.onQuery, i + (alle ? 1 : 0), total) });
        rijen += file.write(figures) + file.write(perInhabitant(inhabitants, periode.code, pass, present, figures));
      }
    } finally {
      file.close();
    }
  });
  options.onQuery?.(1, 1);
  await connection.run('DROP VIEW IF EXISTS cr_alle; DROP TABLE IF EXISTS ak;');
  return { rijen, gemeenten: gemeenten.map((g) => g.gemeente), cbsJaar: inhabitants.jaar };
}

async function dropTempTables(connection: DuckDBConnection, keep: readonly string[]): Promise<void> {
  const tables = (await connection.runAndReadAll('SELECT table_name FROM duckdb_tables() WHERE temporary')).getRowsJS().map(([t]) => t as string);
  for (const table of tables.filter((t) => !keep.includes(t))) await connection.run(`DROP TABLE IF EXISTS "${table.replaceAll('"', '""')}"`);
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

/**
 * The tables the engine reads (fv via fv_in, and fh) for the gemeenten of one pass, or for ALLE:
 * then every gemeente is `ALLE` and a client or household is `gemeente|pseudonym`. The gemeente
 * codes have one length, so that sorts as (gemeente, pseudonym) did: rows, clients and
 * households are numbered in the same order as in a pass of their own.
 */
async function scopeTables(connection: DuckDBConnection, scope: { records: string; alle: boolean }, history: readonly HistoryFile[]): Promise<void> {
  const day = (column: string) => `CAST(${column} - DATE '1970-01-01' AS INTEGER)`;
  const gemeente = scope.alle ? "'ALLE'" : 'gemeente';
  const own = (column: string) => (scope.alle ? `CASE WHEN ${column} IS NULL THEN NULL ELSE gemeente || '|' || ${column} END` : column);
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE fv_in AS
    SELECT row_number() OVER (ORDER BY gemeente, client, productcode, begindatum, aanbieder_ruw, einddatum, wijk) AS rij, * EXCLUDE (begindatum, einddatum, aanbieder_ruw)
    FROM (
      SELECT ${gemeente} AS gemeente, ${own('client')} AS client, ${own('huishouden')} AS huishouden, wijk, coalesce(gebied, '') AS gebied,
        pijler, leefdomein, voorziening, productcode,
        CASE WHEN aanbieder IS NOT NULL AND trim(aanbieder) <> '' THEN trim(aanbieder) ELSE coalesce(ak.sleutel, '') END AS aanbieder,
        ${day('begindatum')} AS b, ${day('einddatum')} AS e, CAST(round(kosten * 100) AS BIGINT) AS kosten, CAST(leeftijd AS INTEGER) AS leeftijd,
        ${day('aanvraagdatum')} AS a,
        -- Only to number the rows in the order they always had.
        begindatum, einddatum, cr.aanbieder AS aanbieder_ruw
      FROM (${scope.records}) cr LEFT JOIN ak ON ak.naam = cr.aanbieder_naam
    )`);
  await connection.run(historySql(history, scope.alle));
  await finishScopeTables(connection);
}

type HistoryFile = { gemeente: string; parquet: string };

/**
 * Earlier voorzieningen for instroom and herhaald beroep: the current deliveries that end before
 * the period and within the look-back. Only their existence is asked, so a year delivered beside
 * its quarters does no harm here.
 */
function historyFiles(store: CentralStore, begin: string, fromDay: number): HistoryFile[] {
  const from = new Date(fromDay * 86_400_000).toISOString().slice(0, 10);
  const files = store.db
    .prepare(`SELECT gemeente, parquet FROM levering WHERE status = 'actueel' AND periode_eind < ? AND periode_eind >= ? ORDER BY gemeente, periode_begin`)
    .all(begin, from) as HistoryFile[];
  return files.map((f) => ({ gemeente: f.gemeente, parquet: store.resolve(f.parquet) }));
}

function historySql(files: readonly HistoryFile[], alle: boolean): string {
  const empty = 'SELECT NULL::VARCHAR AS gemeente, NULL::VARCHAR AS client, NULL::VARCHAR AS wijk, NULL::VARCHAR AS gebied, NULL::VARCHAR AS pijler, NULL::INTEGER AS b, NULL::INTEGER AS e WHERE false';
  const parts = files.map(
    (f) =>
      `SELECT ${alle ? "'ALLE'" : sqlText(f.gemeente)} AS gemeente, ${alle ? `${sqlText(`${f.gemeente}|`)} || client` : 'client'} AS client, wijk, coalesce(gebied, '') AS gebied, pijler, ` +
      `CAST(begindatum - DATE '1970-01-01' AS INTEGER) AS b, CAST(einddatum - DATE '1970-01-01' AS INTEGER) AS e FROM read_parquet(${sqlText(f.parquet)})`,
  );
  return `CREATE OR REPLACE TEMP TABLE fh AS SELECT *, row_number() OVER (ORDER BY client, gemeente, b) AS ord FROM (${parts.length === 0 ? empty : parts.join(' UNION ALL ')})`;
}

/**
 * The long CSV of DESIGN.md ("Figures output"), written pass by pass: the same columns and cells
 * as writeFiguresCsv (indicators/figuresCsv.ts) writes for the gemeente edition, every row `ok`
 * (this export is internal until disclosure control lands).
 */
function figuresFile(temp: string): { write(figures: Iterable<Figure>): number; close(): void } {
  const fd = openSync(temp, 'wx');
  writeAllSync(fd, UTF8_BOM + csvChunk([FIGURES_COLUMNS]));
  return {
    write(figures) {
      let rows = 0;
      let chunk: (string | number)[][] = [];
      for (const f of figures) {
        if (f.niveau === 'gebied') continue;
        chunk.push([f.periode, f.gemeente, f.niveau === 'wijk' ? f.gebied : '', f.indicator, f.dimensie, f.waarde, 'ok']);
        rows++;
        if (chunk.length >= 5000) {
          writeAllSync(fd, csvChunk(chunk));
          chunk = [];
        }
      }
      if (chunk.length > 0) writeAllSync(fd, csvChunk(chunk));
      return rows;
    },
    close: () => closeSync(fd),
  };
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

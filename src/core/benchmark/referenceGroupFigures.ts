import type { DuckDBConnection } from '@duckdb/node-api';
import { splitKostenBron } from '../lasten/kostenBron.ts';
import { EXPORT_LEVELS, type Figure } from '../indicators/figures.ts';
import { computeFiguresSql, type SqlFigureInput } from '../indicators/sql/figuresSql.ts';
import { sqlText } from '../central/store/duckdb.ts';
import type { Db } from '../store/database.ts';
import { cbsYearPerGemeente, yearOfRegion } from '../central/reference/cbsYearPerGemeente.ts';
import { groupYearFor } from './storeReferenceGroups.ts';

/**
 * Figures for the reference groups (DESIGN.md "Areas": `gemeente` empty, `wijk` = RG01…) by the
 * one figures engine: its input tables `fv`/`fh`, as the caller's run left them, are relabelled so
 * that every group is one wijk of one pseudo-gemeente `''`, and the engine runs again at wijk
 * level. A client stays its own gemeente's: the pseudonym is prefixed with its gemeente code
 * (and `cid` keeps its per-gemeente number), so the same pseudonym in two gemeenten is two
 * clients, as in ALLE. Wijken without a group (`onbekend`, a code CBS does not know) are in none.
 * Must run after the caller's own figures: it replaces the engine's temp tables.
 */
export async function referenceGroupFigures(
  db: Db,
  connection: DuckDBConnection,
  input: Omit<SqlFigureInput, 'levels' | 'alle'> & { /** The participating gemeenten, whose wijken a group's inhabitants come from. */ gemeenten: readonly string[] },
): Promise<{ jaar: number | null; figures: Figure[] }> {
  const jaar = groupYearFor(db, input.periode.code);
  if (jaar === null) return { jaar: null, figures: [] };
  const rows = db.prepare('SELECT wijk, groep FROM referentiegroep_wijk WHERE jaar = ? ORDER BY wijk').all(jaar) as { wijk: string; groep: string }[];
  const values = rows.map((r) => `(${sqlText(r.wijk)}, ${sqlText(r.groep)})`).join(', ');
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE rgw AS SELECT * FROM (VALUES ${values}) t(wijk, groep);
    CREATE OR REPLACE TEMP TABLE fv_gemeenten AS SELECT * FROM fv;
    CREATE OR REPLACE TEMP TABLE fh_gemeenten AS SELECT * FROM fh;
    CREATE OR REPLACE TEMP TABLE fv AS
      SELECT v.* REPLACE ('' AS gemeente, v.gemeente || ':' || v.client AS client, g.groep AS wijk, '' AS gebied)
      FROM fv_gemeenten v JOIN rgw g ON g.wijk = v.wijk;
    CREATE OR REPLACE TEMP TABLE fh AS
      SELECT h.* REPLACE ('' AS gemeente, h.gemeente || ':' || h.client AS client, coalesce(g.groep, '') AS wijk, '' AS gebied)
      FROM fh_gemeenten h LEFT JOIN rgw g ON g.wijk = h.wijk;`);
  const count = Number((await connection.runAndReadAll('SELECT count(*) FROM fv')).getRowsJS()[0]![0]);
  if (count === 0) return { jaar, figures: [] };
  const { gemeenten, ...engine } = input;
  const levels = EXPORT_LEVELS.filter((l) => l.niveau === 'wijk');
  const figures = (await computeFiguresSql(connection, { ...engine, levels, alle: false })).filter((f) => f.niveau === 'wijk');
  return { jaar, figures: [...figures, ...perInhabitant(db, input.periode.code, rows, gemeenten, figures)] };
}

/**
 * `inwoners`, `clienten_per_1000` and `kosten_per_inwoner` of a group, as central export gives
 * them for gemeenten and wijken: inhabitants summed over the group's wijken in the participating
 * gemeenten (the wijken its clients can come from), each wijk of its gemeente's chosen CBS year
 * (central/reference/cbsYearPerGemeente.ts), so a group's parts are the export's populations; for
 * pijler JW the inhabitants aged 0–17, 0–14 plus 3/10 of 15–24.
 */
function perInhabitant(db: Db, periode: string, groups: readonly { wijk: string; groep: string }[], gemeenten: readonly string[], figures: readonly Figure[]): Figure[] {
  const years = cbsYearPerGemeente(db, periode);
  if (years.size === 0) return [];
  const value = db.prepare('SELECT waarde FROM cbs_kenmerk WHERE jaar = ? AND code = ? AND kenmerk = ?').pluck();
  const totals = new Map<string, { inwoners: number; jeugd: number | null }>();
  for (const { wijk, groep } of groups) {
    const jaar = yearOfRegion(years, wijk);
    if (!gemeenten.includes(`GM${wijk.slice(2, 6)}`) || jaar === null) continue;
    const inwoners = value.get(jaar, wijk, 'inwoners') as number | undefined;
    if (inwoners === undefined) continue;
    const a = value.get(jaar, wijk, 'leeftijd_0_15') as number | undefined;
    const b = value.get(jaar, wijk, 'leeftijd_15_25') as number | undefined;
    const t = totals.get(groep) ?? { inwoners: 0, jeugd: 0 };
    t.inwoners += inwoners;
    t.jeugd = t.jeugd === null || a === undefined || b === undefined ? null : t.jeugd + a + 0.3 * b;
    totals.set(groep, t);
  }
  const out: Figure[] = [];
  for (const [groep, t] of totals) out.push({ periode, gemeente: '', niveau: 'wijk', gebied: groep, indicator: 'inwoners', dimensie: '', waarde: t.inwoners });
  for (const f of figures) {
    // A cost figure with and without toerekening (kosten_bron) gets its per-inhabitant figure likewise.
    const split = splitKostenBron(f.dimensie).dimensie;
    if ((f.indicator !== 'clienten' && f.indicator !== 'kosten') || !(split === '' || /^pijler=[^|]+$/.test(split))) continue;
    const t = totals.get(f.gebied);
    const base = t === undefined ? null : split === 'pijler=JW' ? t.jeugd : t.inwoners;
    if (base === null || base <= 0) continue;
    if (f.indicator === 'clienten') out.push({ ...f, indicator: 'clienten_per_1000', waarde: Math.round((f.waarde / base) * 1000 * 100) / 100 });
    else out.push({ ...f, indicator: 'kosten_per_inwoner', waarde: Math.round((f.waarde / base) * 100) / 100 });
  }
  return out;
}

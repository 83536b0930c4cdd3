import type { DuckDBConnection } from '@duckdb/node-api';
import { EXPORT_LEVELS, type Figure } from '../indicators/figures.ts';
import { computeFiguresSql, type SqlFigureInput } from '../indicators/sql/figuresSql.ts';
import { sqlText } from '../central/store/duckdb.ts';
import type { Db } from '../store/database.ts';
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
  input: Omit<SqlFigureInput, 'levels' | 'alle'>,
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
  const levels = EXPORT_LEVELS.filter((l) => l.niveau === 'wijk');
  const figures = await computeFiguresSql(connection, { ...input, levels, alle: false });
  return { jaar, figures: figures.filter((f) => f.niveau === 'wijk') };
}

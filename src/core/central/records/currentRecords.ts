import { parsePeriode, type Periode } from '../../period/periode.ts';
import type { CentralStore } from '../store/centralStore.ts';
import { sqlText } from '../store/duckdb.ts';
import { RECORD_COLUMN_TYPES } from '../intake/recordColumns.ts';

export type RecordPart = { periode: string; leveringId: number; versie: number; sleutel: string; /** Absolute path of its Parquet file. */ bestand: string };

/** The records that make up one gemeente's figure for a period, and where they came from. */
export type GemeenteRecords = {
  gemeente: string;
  gemeentenaam: string;
  /** `levering`: a delivery for exactly this period; `deelperioden`: its halves or quarters. */
  bron: 'levering' | 'deelperioden';
  delen: RecordPart[];
  /** Quarters (or halves) inside the period that no current delivery covers. */
  ontbreekt: string[];
  /**
   * The parts were pseudonymised with different keys: the same client has another pseudonym on
   * each side, so clients, voorzieningen running through, instroom and herhaald beroep across
   * that break are not comparable (and counted on both sides).
   */
  sleutelBreuk: boolean;
  /** One Dutch sentence saying which deliveries the figure uses. */
  uitleg: string;
};

type Current = { id: number; gemeente: string; naam: string; periode: string; versie: number; sleutel: string; parquet: string };

/**
 * Per gemeente the current deliveries that together cover `periode` without overlap: the
 * delivery for exactly that period when there is one, else (recursively) its halves, else its
 * quarters. A year delivered beside its quarters is therefore never added to them, and no
 * voorziening is counted twice from two overlapping deliveries. Superseded and refused
 * deliveries are never used. Gemeenten with nothing inside the period are left out.
 */
export function currentRecordFiles(store: CentralStore, periode: Periode | string): GemeenteRecords[] {
  const p = typeof periode === 'string' ? parsePeriode(periode) : periode;
  const rows = store.db
    .prepare(
      `SELECT l.id, l.gemeente, g.naam, l.periode, l.versie, l.sleutel, l.parquet FROM levering l JOIN gemeente g ON g.code = l.gemeente
       WHERE l.status = 'actueel' AND l.periode_begin >= ? AND l.periode_eind <= ? ORDER BY l.gemeente, l.periode_begin`,
    )
    .all(p.begin, p.eind) as Current[];
  const byGemeente = new Map<string, Map<string, Current>>();
  for (const row of rows) {
    const own = byGemeente.get(row.gemeente) ?? new Map<string, Current>();
    own.set(row.periode, row);
    byGemeente.set(row.gemeente, own);
  }
  const result: GemeenteRecords[] = [];
  for (const [gemeente, own] of byGemeente) {
    const delen: RecordPart[] = [];
    const ontbreekt: string[] = [];
    const cover = (part: Periode) => {
      const found = own.get(part.code);
      if (found) delen.push({ periode: found.periode, leveringId: found.id, versie: found.versie, sleutel: found.sleutel, bestand: store.resolve(found.parquet) });
      else if (subPeriodes(part).length === 0) ontbreekt.push(part.code);
      else subPeriodes(part).forEach(cover);
    };
    cover(p);
    if (delen.length === 0) continue;
    const bron = delen.length === 1 && delen[0]!.periode === p.code ? 'levering' : 'deelperioden';
    const naam = own.values().next().value!.naam;
    const sleutelBreuk = new Set(delen.map((d) => d.sleutel)).size > 1;
    result.push({ gemeente, gemeentenaam: naam, bron, delen, ontbreekt, sleutelBreuk, uitleg: explain(p, bron, delen, ontbreekt, sleutelBreuk) });
  }
  return result;
}

/** A year is two halves, a half two quarters; a quarter is not split. */
function subPeriodes(p: Periode): Periode[] {
  const year = p.code.slice(0, 4);
  if (p.code.length === 4) return [parsePeriode(`${year}H1`), parsePeriode(`${year}H2`)];
  if (p.code[4] === 'H') {
    const first = p.code[5] === '1' ? 1 : 3;
    return [parsePeriode(`${year}Q${first}`), parsePeriode(`${year}Q${first + 1}`)];
  }
  return [];
}

function explain(p: Periode, bron: GemeenteRecords['bron'], delen: RecordPart[], ontbreekt: string[], sleutelBreuk: boolean): string {
  const version = (d: RecordPart) => `${d.periode} (versie ${d.versie})`;
  if (bron === 'levering') return `${p.code}: de levering over ${version(delen[0]!)}.`;
  const missing = ontbreekt.length > 0 ? `; ${ontbreekt.join(', ')} ontbreekt, dus de cijfers zijn onvolledig` : '';
  const key = sleutelBreuk ? ' De delen hebben verschillende sleutels: cliënten over die grens zijn niet te koppelen en tellen aan beide kanten, dus aantallen cliënten, instroom en herhaald beroep zijn niet vergelijkbaar.' : '';
  return `${p.code}: er is geen levering over de hele periode; samengesteld uit ${delen.map(version).join(', ')}${missing}.${key}`;
}

const IDENTITY = ['client', 'productcode', 'voorziening', 'aanbieder', 'begindatum'] as const;
const quoted = (column: string) => `"${column}"`;

/**
 * SQL for one gemeente's records over a period, one row per voorziening. From one delivery that
 * is its file as is. From quarters, a voorziening running through several of them is one row:
 * its costs (spent per quarter) add up, every other value (age at the period's end, einddatum,
 * wijk) comes from the latest quarter. Identical voorzieningen within one file stay apart.
 */
export function recordsSql(delen: readonly RecordPart[]): string {
  if (delen.length === 1) return `SELECT * FROM read_parquet(${sqlText(delen[0]!.bestand)})`;
  const parts = delen.map((d, i) => `SELECT *, ${i} AS deel FROM read_parquet(${sqlText(d.bestand)})`).join(' UNION ALL BY NAME ');
  const key = IDENTITY.map(quoted).join(', ');
  const rest = RECORD_COLUMN_TYPES.map((c) => c.column).filter((c) => !(IDENTITY as readonly string[]).includes(c));
  const select = [
    ...IDENTITY.map(quoted),
    ...rest.map((c) => (c === 'kosten' ? `sum("kosten") AS "kosten"` : `arg_max_null(${quoted(c)}, deel) AS ${quoted(c)}`)),
  ].join(', ');
  return (
    `SELECT ${select} FROM (SELECT *, row_number() OVER (PARTITION BY deel, ${key} ORDER BY "einddatum" NULLS LAST, "kosten" NULLS LAST, "wijk") AS nr FROM (${parts})) ` +
    `GROUP BY ${key}, nr`
  );
}

/** Every gemeente's records for the period in one relation, with a `gemeente` column. */
export function allRecordsSql(gemeenten: readonly GemeenteRecords[]): string {
  if (gemeenten.length === 0) return `SELECT NULL::VARCHAR AS gemeente WHERE false`;
  // The gemeente from the catalogue; the hive path's own gemeente/periode columns (a single file) are left out.
  return gemeenten.map((g) => `SELECT ${sqlText(g.gemeente)} AS gemeente, COLUMNS(c -> c NOT IN ('gemeente', 'periode')) FROM (${recordsSql(g.delen)})`).join(' UNION ALL BY NAME ');
}

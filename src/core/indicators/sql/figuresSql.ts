import type { DuckDBConnection } from '@duckdb/node-api';
import type { Periode } from '../../period/periode.ts';
import { sqlText } from '../../central/store/duckdb.ts';
import { KOSTEN_BRONNEN, markKostenBron, type KostenBron } from '../../lasten/kostenBron.ts';
import { hasToerekening } from '../../lasten/toerekeningScope.ts';
import { DIMENSION_KEYS, type DimensionKey, type Figure, type FigureLevels, type Level } from '../figures.ts';

/*
 * The figures as SQL on DuckDB. Input, made by the caller (sql/scopeTables.ts):
 *  - `fv`: one row per voorziening of the period (sql/recordTables.ts buildDuckScope), with `rij` a number in
 *    (gemeente, client) order (only its order counts), `cid`/`hid` dense integer ids of client and household
 *    (distinct counts on integers measure several times faster than on the 32-char pseudonyms),
 *    dates as day numbers (`b`, `e`, `a`) and costs in cents;
 *  - `fh`: the clients' voorzieningen in loaded sources outside the period (instroom, herhaald
 *    beroep), with `ord` their position in the old engine's reading order.
 * Every sum and count is exact in SQL (integers); the one division per figure happens in JS,
 * so a figure is the same double, written the same way, as before.
 *
 * Row order is part of the output (the CSV is compared byte for byte): per split the groups
 * come by area in order of first sight, then by group in order of first sight (min(rij)).
 * An area's first sight counts the history rows of its client block (2,000 clients): that is
 * where the old one-pass engine first met it.
 */

const CLIENT_BLOCK = 2000;
/**
 * Text columns the splits group by, numbered per run (fd_<column>): grouping a million rows by
 * small integers measured about 1.4 times faster than by their codes and names. pijler stays
 * text: it has a handful of values and the pillar bit masks are keyed by it.
 */
const CODED = ['wijk', 'gebied', 'leefdomein', 'voorziening', 'productcode', 'aanbieder'] as const;
type Coded = (typeof CODED)[number];
/** Per coded column its values, index = number. */
type Dictionaries = Record<Coded, string[]>;
const isCoded = (column: string): column is Coded => (CODED as readonly string[]).includes(column);
const AREA: Record<Level, string> = { gemeente: "''", wijk: 'wijk', gebied: 'gebied' };
const COUNT_INDICATORS = ['clienten_1_voorziening', 'clienten_2_voorzieningen', 'clienten_3_voorzieningen', 'clienten_4_of_meer_voorzieningen'];

export type SqlFigureInput = {
  periode: Periode;
  vorige: Periode;
  levels: FigureLevels;
  pijlerVolgorde: readonly string[];
  terugkijkJaren?: number;
  /** Also the area `ALLE` (gemeente `ALLE`, no wijk) when more than one gemeente is present. */
  alle?: boolean;
  /** Checked between queries; the caller interrupts a running one (duckSession.ts). */
  signal?: AbortSignal | undefined;
  /** Called before each query: a figures run is a few dozen queries. */
  onQuery?: (done: number, total: number) => void;
  /** Bytes of bit strings a split may count its clients and households with (ID_BITS_BUDGET); 0: count(DISTINCT) everywhere. */
  idBitsBudget?: number;
};

const DAY = 86_400_000;
export const dayNumber = (iso: string): number => Date.parse(iso) / DAY;

type Num = number | bigint | null;
const num = (v: unknown): number => Number(v as Num);

async function rows(connection: DuckDBConnection, sql: string): Promise<unknown[][]> {
  return (await connection.runAndReadAll(sql)).getRowsJS() as unknown[][];
}

/** Derived tables shared by all splits: the herhaald-beroep flag, history per client, area order. */
/** The pillars in the order a combination is written (`WMO+JW`): the given order, then the rest alphabetically. */
function pillarOrder(present: readonly string[], volgorde: readonly string[]): string[] {
  const rank = new Map(volgorde.map((p, i) => [p, i]));
  const r = (p: string) => rank.get(p) ?? rank.size;
  return [...present].sort((a, b) => r(a) - r(b) || (a < b ? -1 : a > b ? 1 : 0));
}

async function prepare(connection: DuckDBConnection, input: SqlFigureInput, levels: readonly Level[]): Promise<{ pillars: string[]; dicts: Dictionaries; toerekend: boolean }> {
  const begin = dayNumber(input.periode.begin);
  const terug = (input.terugkijkJaren ?? 2) * 365.25;
  const vorigBegin = dayNumber(input.vorige.begin);
  const vorigEind = dayNumber(input.vorige.eind);
  const eind = dayNumber(input.periode.eind);
  // Pillars numbered in the order a combination is written, so a combination is a bit mask.
  // Toerekening (lasten/toerekeningScope.ts) adds fv.kt, the allocated cents; without lasten fv has no kt and nothing changes.
  const toerekend = await hasToerekening(connection);
  const pillars = pillarOrder((await rows(connection, 'SELECT DISTINCT pijler FROM fv')).map((r) => r[0] as string), input.pijlerVolgorde);
  if (pillars.length > 62) throw new Error(`Te veel pijlers voor de stapeling (${pillars.length}).`);
  await connection.run(`CREATE OR REPLACE TEMP TABLE pb AS SELECT * FROM (${pillars.length === 0 ? "SELECT ''::VARCHAR, 0 WHERE false" : `VALUES ${pillars.map((p, i) => `(${sqlText(p)}, ${i})`).join(', ')}`}) t(pijler, i)`);
  const dicts = {} as Dictionaries;
  for (const column of CODED) {
    await connection.run(`CREATE OR REPLACE TEMP TABLE fd_${column} AS SELECT v, CAST(row_number() OVER (ORDER BY v) AS INTEGER) AS i FROM (SELECT DISTINCT ${column} AS v FROM fv WHERE ${column} IS NOT NULL)`);
    const values: string[] = [];
    for (const [v, i] of await rows(connection, `SELECT v, i FROM fd_${column}`)) values[num(i)] = v as string;
    dicts[column] = values;
  }
  const coded = (alias: string, column: Coded) => `LEFT JOIN fd_${column} d_${column} ON d_${column}.v = ${alias}.${column}`;
  // Every voorziening of the scope's clients, the period's and the history's (fh). Without
  // history (one delivery on its own) that is fv itself, read where needed rather than copied.
  const history = num((await rows(connection, 'SELECT count(*) FROM (SELECT 1 FROM fh LIMIT 1)'))[0]![0]) > 0;
  // A voorziening in the previous period (instroom: a client without one there is new).
  const inVorige = (alias = '') => `${alias}b <= ${vorigEind} AND (${alias}e IS NULL OR ${alias}e >= ${vorigBegin})`;
  const fa = history ? 'fa' : '(SELECT gemeente, cid, wijk, gebied, pijler, b, e FROM fv)';
  if (history) {
    await connection.run(`
      CREATE OR REPLACE TEMP TABLE fa AS
        SELECT gemeente, cid, wijk, gebied, pijler, b, e FROM fv
        UNION ALL
        SELECT h.gemeente, k.cid, h.wijk, h.gebied, h.pijler, h.b, h.e FROM fh h JOIN (SELECT DISTINCT gemeente, client, cid FROM fv) k USING (gemeente, client);`);
  }
  await connection.run(`
    -- Herhaald beroep per voorziening, as one join and aggregate rather than two correlated lookups.
    CREATE OR REPLACE TEMP TABLE fr AS
      SELECT v.rij FROM fv v JOIN ${fa} h ON h.gemeente = v.gemeente AND h.cid = v.cid AND h.pijler = v.pijler
      WHERE v.b >= ${begin}
      GROUP BY v.rij, v.b
      HAVING bool_or(h.e IS NOT NULL AND h.e <= v.b - 2 AND h.e >= v.b - ${terug})
         AND NOT bool_or(h.b < v.b AND (h.e IS NULL OR h.e >= v.b - 1));
    -- Per-row values every split sums, computed once rather than per split.
    -- Only what the splits read: the pseudonyms and the informatievragen's columns stay in fv.
    CREATE OR REPLACE TEMP TABLE fx AS
      SELECT fv.rij, fv.gemeente, fv.pijler, ${CODED.map((c) => `d_${c}.i AS ${c}`).join(', ')},
        fv.cid, fv.hid, fv.kosten,${toerekend ? ' fv.kt,' : ''} fv.leeftijd, fr.rij IS NOT NULL AS again, fv.b >= ${begin} AS starts,
        (fv.e IS NOT NULL AND fv.e <= ${eind}) AS ended,
        CASE WHEN fv.e IS NOT NULL AND fv.e <= ${eind} THEN fv.e - fv.b END AS bd,
        CASE WHEN NOT (fv.e IS NOT NULL AND fv.e <= ${eind}) THEN ${eind} - fv.b END AS ld,
        CASE WHEN fv.b >= ${begin} AND fv.a IS NOT NULL AND fv.a <= fv.b THEN fv.b - fv.a END AS wd,
        CAST(1 AS BIGINT) << (pb.i) AS pbit${history ? '' : `, ${inVorige('fv.')} AS vorig`}
      FROM fv LEFT JOIN fr USING (rij) JOIN pb USING (pijler) ${CODED.map((c) => coded('fv', c)).join(' ')};
    ${
      history
        ? `-- An area only the history has gets no number: no group of the period can be in it.
    CREATE OR REPLACE TEMP TABLE fp AS
      SELECT p.gemeente, p.cid, coalesce(d_wijk.i, -1) AS wijk, coalesce(d_gebied.i, -1) AS gebied, p.pijler FROM (
        SELECT DISTINCT gemeente, cid, wijk, gebied, pijler FROM ${fa}
        WHERE ${inVorige()}
      ) p ${coded('p', 'wijk')} ${coded('p', 'gebied')};`
        : `-- Without history the same from fx, whose areas are numbered already (no join on their names).
    CREATE OR REPLACE TEMP TABLE fp AS
      SELECT DISTINCT gemeente, cid, coalesce(wijk, -1) AS wijk, coalesce(gebied, -1) AS gebied, pijler FROM fx WHERE vorig;`
    }
    CREATE OR REPLACE TEMP TABLE fblk AS
      SELECT (cid - 1) // ${CLIENT_BLOCK} AS blk, min(client) AS lo, max(client) AS hi FROM fv GROUP BY ALL;
    CREATE OR REPLACE TEMP TABLE fhb AS
      SELECT h.gemeente, h.wijk, h.gebied, h.ord, min(k.blk) AS blk FROM fh h JOIN fblk k ON h.client BETWEEN k.lo AND k.hi GROUP BY ALL;
  `);
  for (const level of levels) {
    const area = AREA[level];
    const areas = `
      SELECT gemeente, area, min(k) AS ord FROM (
        SELECT gemeente, ${area} AS area, (CAST(((cid - 1) // ${CLIENT_BLOCK}) * 2 AS HUGEINT) << 64) + rij AS k FROM fv
        UNION ALL
        SELECT gemeente, ${area} AS area, (CAST(blk * 2 + 1 AS HUGEINT) << 64) + ord AS k FROM fhb
      ) GROUP BY ALL`;
    await connection.run(
      level === 'gemeente'
        ? `CREATE OR REPLACE TEMP TABLE fao_${level} AS ${areas}`
        : `CREATE OR REPLACE TEMP TABLE fao_${level} AS SELECT a.gemeente, d.i AS area, a.ord FROM (${areas}) a JOIN fd_${level} d ON d.v = a.area`,
    );
  }
  return { pillars, dicts, toerekend };
}

/** The figures of the scope in fv/fh, in the order the one-pass engine wrote them (testdata/golden). */
export async function computeFiguresSql(connection: DuckDBConnection, input: SqlFigureInput): Promise<Figure[]> {
  const out: Figure[] = [];
  await streamFiguresSql(connection, input, (batch) => {
    for (const figure of batch) out.push(figure);
  });
  return out;
}

/**
 * The same figures in the same order, handed over one batch at a time (a split, or a level's
 * stapeling and counts: at most one split's groups), so a caller that writes them out as they
 * come holds one batch in memory rather than every figure: at a million records the full list
 * is a quarter of a million objects, and a central export many times that. A batch is the
 * caller's to keep. Returns the number of figures.
 */
export async function streamFiguresSql(connection: DuckDBConnection, input: SqlFigureInput, onBatch: (figures: Figure[]) => void | Promise<void>): Promise<number> {
  let count = 0;
  const emit = async (batch: Figure[]) => {
    count += batch.length;
    if (batch.length > 0) await onBatch(batch);
  };
  const levels = input.levels.map((l) => l.niveau);
  const combos = input.levels.flatMap((l) => l.dimensions.map((dims) => ({ niveau: l.niveau, dims: dims as readonly DimensionKey[] })));
  // Per level one query for its clients and households, one for its stapeling, and one per split.
  const total = combos.length + 2 * levels.length + 1;
  let done = 0;
  input.signal?.throwIfAborted();
  input.onQuery?.(done++, total);
  const { pillars, dicts, toerekend } = await prepare(connection, input, levels);
  const tick = () => {
    input.signal?.throwIfAborted();
    input.onQuery?.(done++, total);
  };
  await figuresOf(connection, input, pillars, dicts, combos, levels, { fx: 'fx', fp: 'fp', fao: (level) => `fao_${level}`, toerekend, ids: await idCounts(connection, 'fx'), idBitsBudget: input.idBitsBudget ?? ID_BITS_BUDGET }, emit, tick);
  if (input.alle) {
    const gemeenten = Number((await rows(connection, 'SELECT count(DISTINCT gemeente) FROM fx'))[0]![0]);
    if (gemeenten > 1) {
      // ALLE: every participating gemeente as one area. A client stays its gemeente's (cid is
      // numbered per gemeente), so the same pseudonym in two gemeenten is two clients, as it is
      // in the gemeente rows; only the gemeente column changes.
      await connection.run(`
        CREATE OR REPLACE TEMP TABLE fxa AS SELECT * REPLACE ('ALLE' AS gemeente) FROM fx;
        CREATE OR REPLACE TEMP TABLE fpa AS SELECT * REPLACE ('ALLE' AS gemeente) FROM fp;
        CREATE OR REPLACE TEMP TABLE faoa AS SELECT 'ALLE' AS gemeente, '' AS area, 0 AS ord;`);
      const own = combos.filter((c) => c.niveau === 'gemeente');
      await figuresOf(connection, input, pillars, dicts, own, levels.includes('gemeente') ? ['gemeente'] : [], { fx: 'fxa', fp: 'fpa', fao: () => 'faoa', toerekend, ids: await idCounts(connection, 'fxa'), idBitsBudget: input.idBitsBudget ?? ID_BITS_BUDGET }, emit, () =>
        input.signal?.throwIfAborted(),
      );
    }
  }

  input.onQuery?.(total, total);
  return count;
}

/** `ids`: the gemeenten of `fx` and its largest client and household ids (idCounts). */
type Tables = { fx: string; fp: string; fao: (level: Level) => string; toerekend: boolean; ids: IdCounts; idBitsBudget: number };
type IdCounts = { gemeenten: number; cid: number; hid: number };

/**
 * A split's clients and households as one bit per id per group (bitstring_agg over the dense
 * ids, then bit_count) rather than count(DISTINCT)'s hash set per group. Measured over a million
 * records (281 k clients): 2–3 times cheaper for a dozen groups, about half for 120–250, no gain
 * at 440–1,000 and up to 15 times dearer at 10,000–30,000, where every group zeroes and combines
 * its own 58 KB of bits. So only a split whose bit strings, by its most groups (areas × values of
 * each key), take at most this many bytes counts so; any other counts by count(DISTINCT). In an
 * analyst's export of hundreds of gemeenten (millions of ids) that leaves bit strings to a few
 * splits of ALLE (a dozen groups of a few hundred KB each).
 */
const ID_BITS_BUDGET = 16 * 2 ** 20;

async function idCounts(connection: DuckDBConnection, fx: string): Promise<IdCounts> {
  const [row] = await rows(connection, `SELECT count(DISTINCT gemeente), coalesce(max(cid), 0), coalesce(max(hid), 0) FROM ${fx}`);
  return { gemeenten: num(row![0]), cid: num(row![1]), hid: num(row![2]) };
}

/** Whether a split of at most `groups` groups counts these ids as bit strings (ID_BITS_BUDGET). */
function withIdBits(t: Tables, groups: number, ...columns: ('cid' | 'hid')[]): boolean {
  return groups * columns.reduce((bytes, c) => bytes + t.ids[c] / 8, 0) <= t.idBitsBudget;
}

/** count(DISTINCT id) of a split's group, the same number either way (an empty group or only NULLs: 0). */
function distinctIds(column: 'cid' | 'hid', max: number | null): string {
  return max === null || max < 1 ? `count(DISTINCT ${column})` : `coalesce(bit_count(bitstring_agg(${column}, 1, ${max})), 0)`;
}

async function figuresOf(
  connection: DuckDBConnection,
  input: SqlFigureInput,
  pillars: readonly string[],
  dicts: Dictionaries,
  combos: readonly { niveau: Level; dims: readonly DimensionKey[] }[],
  levels: readonly Level[],
  t: Tables,
  emit: (batch: Figure[]) => Promise<void>,
  tick: () => void,
): Promise<void> {
  const periode = input.periode.code;
  const plan = await planSplits(connection, t.fx, combos);
  // At most this many groups: areas times the values of each key (dictionary entries start at 1).
  const values = (key: Coded | 'pijler') => (key === 'pijler' ? pillars.length : dicts[key].length);
  const mostGroups = (niveau: Level, dims: readonly DimensionKey[]) => dims.reduce((n, d) => n * values(d), t.ids.gemeenten * (niveau === 'gemeente' ? 1 : values(niveau)));
  const kept = new Map<number, unknown[][]>();
  const shared = new Map(levels.map((l) => [l, { clients: `${t.fx}_clients_${l}`, households: `${t.fx}_households_${l}` }]));
  const steps: Step[] = [...shared].map(([niveau, tables]) => ({ sql: perAreaSql(t, niveau, tables), take: async () => undefined }));
  for (const [index, combo] of combos.entries()) {
    const { dims, flows, durations, from } = plan[index]!;
    const perArea = dims.length === 0 ? (shared.get(combo.niveau) ?? null) : null;
    const groups = mostGroups(combo.niveau, dims);
    const sql = from === null ? (flows ? flowsSql(t, combo.niveau, dims, durations, perArea, groups) : countsSql(t, combo.niveau, dims, durations, groups)) : null;
    steps.push({ sql, take: (fetched) => emit(splitFigures(index, fetched)) });
  }
  function splitFigures(index: number, fetched: unknown[][] | null): Figure[] {
    const combo = combos[index]!;
    const { dims, flows, durations, from, lastUse } = plan[index]!;
    let groups: unknown[][];
    if (from === null) groups = fetched!;
    else {
      // The same groups as an earlier split: its rows, with this split's values of the keys.
      const source = plan[from]!;
      groups = kept.get(from)!.map((r) => [r[0], r[1], ...dims.map((d) => source.valueOf(r, d)), ...r.slice(2 + source.dims.length)]);
      if (source.lastUse === index) kept.delete(from);
    }
    if (lastUse !== null) kept.set(index, groups);
    const out: Figure[] = [];
    const at = 2 + dims.length;
    const bases = groups.map((r) => ({
      periode,
      gemeente: r[0] as string,
      niveau: combo.niveau,
      gebied: areaName(dicts, combo.niveau, r[1]),
      dimensie: dims.map((d, i) => `${d}=${isCoded(d) ? decode(dicts, d, r[2 + i]) : (r[2 + i] as string)}`).join('|'),
    }));
    const metric = (indicator: string, value: (r: unknown[]) => number | null) => {
      groups.forEach((r, i) => {
        const waarde = value(r);
        if (waarde !== null) out.push({ ...bases[i]!, indicator, waarde });
      });
    };
    const v = (r: unknown[], i: number) => num(r[at + i]);
    metric('clienten', (r) => v(r, 0));
    metric('huishoudens', (r) => v(r, 1));
    metric('voorzieningen', (r) => v(r, 2));
    if (!t.toerekend) {
      metric('kosten', (r) => (v(r, 4) === 0 ? null : v(r, 3) / 100));
      metric('kosten_per_client', (r) => (v(r, 4) === 0 ? null : round(v(r, 3) / 100 / v(r, 0), 2)));
    } else {
      // With toerekening: the figure itself includes the allocated costs, and beside it the same
      // figure per kosten_bron, client (recorded per client) and toegerekend (allocated).
      const parts: Record<KostenBron, readonly [number, number]> = { client: [3, 4], toegerekend: [14, 15] };
      const cents = (r: unknown[]) => v(r, 3) + v(r, 14);
      const counted = (r: unknown[]) => v(r, 4) + v(r, 15);
      metric('kosten', (r) => (counted(r) === 0 ? null : cents(r) / 100));
      metric('kosten_per_client', (r) => (counted(r) === 0 ? null : round(cents(r) / 100 / v(r, 0), 2)));
      for (const bron of KOSTEN_BRONNEN) {
        const [sum, n] = parts[bron];
        const marked = (indicator: string, value: (r: unknown[]) => number | null) =>
          groups.forEach((r, i) => {
            const waarde = value(r);
            const base = bases[i]!;
            if (waarde !== null) out.push({ ...base, dimensie: markKostenBron(base.dimensie, bron), indicator, waarde });
          });
        marked('kosten', (r) => (v(r, n) === 0 ? null : v(r, sum) / 100));
        marked('kosten_per_client', (r) => (v(r, n) === 0 ? null : round(v(r, sum) / 100 / v(r, 0), 2)));
      }
    }
    if (flows) {
      metric('instroom', (r) => v(r, 11));
      metric('uitstroom', (r) => v(r, 12));
      metric('herhaald_beroep', (r) => v(r, 13));
    }
    if (durations) {
      metric('zorgduur_beeindigd', (r) => (v(r, 6) === 0 ? null : round(v(r, 5) / v(r, 6), 1)));
      metric('zorgduur_lopend', (r) => (v(r, 8) === 0 ? null : round(v(r, 7) / v(r, 8), 1)));
      metric('wachttijd', (r) => (v(r, 10) === 0 ? null : round(v(r, 9) / v(r, 10), 1)));
    }
    return out;
  }

  const name = (mask: unknown) => {
    const bits = BigInt(mask as bigint | number);
    return pillars.filter((_, i) => (bits >> BigInt(i)) & 1n).join('+');
  };
  for (const niveau of levels) {
    // One query per level, rows tagged by kind, in the order the old engine wrote them per area.
    const { clients, households } = shared.get(niveau)!;
    const sql = `
      WITH areas AS (SELECT gemeente, area, min(first) AS ord FROM ${clients} GROUP BY ALL),
      hf AS (SELECT hid, min(rij) AS first FROM ${t.fx} WHERE hid IS NOT NULL GROUP BY ALL),
      parts AS (
        SELECT gemeente, area, 0 AS kind, combo AS label, count(*) AS n, min(cid) AS pos FROM ${clients} GROUP BY gemeente, area, combo
        UNION ALL
        SELECT gemeente, area, 1, combo, count(*), min(hf.first) FROM ${households} JOIN hf USING (hid) GROUP BY ALL
        UNION ALL
        SELECT gemeente, area, 2, least(n, 4), count(*), least(n, 4) FROM ${clients} GROUP BY ALL
        UNION ALL
        SELECT gemeente, area, 3, 0, count(*) FILTER (WHERE jw < 18), count(*) FILTER (WHERE jw >= 18) FROM ${clients} GROUP BY ALL
      )
      SELECT p.gemeente, p.area, p.kind, p.label, p.n, p.pos FROM parts p JOIN areas USING (gemeente, area)
      ORDER BY areas.ord, p.kind, p.pos`;
    steps.push({ sql, take: (fetched) => emit(levelFigures(niveau, fetched!)) });
  }
  function levelFigures(niveau: Level, fetched: unknown[][]): Figure[] {
    const out: Figure[] = [];
    for (const r of fetched) {
      const base = { periode, gemeente: r[0] as string, niveau, gebied: areaName(dicts, niveau, r[1]) };
      const kind = num(r[2]);
      const n = num(r[4]);
      if (kind === 0) out.push({ ...base, indicator: 'stapeling', dimensie: `pijler=${name(r[3])}`, waarde: n });
      else if (kind === 1) out.push({ ...base, indicator: 'stapeling_huishoudens', dimensie: `pijler=${name(r[3])}`, waarde: n });
      else if (kind === 2) out.push({ ...base, indicator: COUNT_INDICATORS[Number(r[3]) - 1]!, dimensie: '', waarde: n });
      else if (n + num(r[5]) > 0) {
        out.push({ ...base, indicator: 'clienten_jeugd_tot_18', dimensie: '', waarde: n });
        out.push({ ...base, indicator: 'clienten_jeugd_18_plus', dimensie: '', waarde: num(r[5]) });
      }
    }
    return out;
  }
  await pipelined(connection, steps, tick);
}

/** A query (or none: a split that takes an earlier one's rows) and what becomes of its rows. */
type Step = { sql: string | null; take: (rows: unknown[][] | null) => Promise<void> };

/**
 * The steps in order, each query started as soon as the one before has returned, so that DuckDB
 * computes the next split while JS turns this one's rows into figures and the caller writes
 * them. One query at a time on the connection; on a failure the one running is interrupted and
 * awaited, so the caller can close the connection.
 */
async function pipelined(connection: DuckDBConnection, steps: readonly Step[], tick: () => void): Promise<void> {
  let running: Promise<unknown[][]> | null = null;
  const startAfter = (i: number) => {
    const next = steps.findIndex((s, k) => k > i && s.sql !== null);
    running = next === -1 ? null : rows(connection, steps[next]!.sql!);
    // Awaited below, or on a failure: never an unhandled rejection in between.
    running?.catch(() => undefined);
  };
  try {
    startAfter(-1);
    for (const [i, step] of steps.entries()) {
      tick();
      let fetched: unknown[][] | null = null;
      if (step.sql !== null) {
        fetched = await running!;
        startAfter(i);
      }
      await step.take(fetched);
    }
  } catch (error) {
    if (running !== null) {
      connection.interrupt();
      await (running as Promise<unknown[][]>).catch(() => undefined);
    }
    throw error;
  }
}


/**
 * The keys a product's classification gives (the vertaaltabel: a productcode has one pijler,
 * voorziening and leefdomein). The aanbieder is not among them: it varies per record, and its
 * combinations with the others would be as many as the records.
 */
const CLASS_KEYS: readonly DimensionKey[] = DIMENSION_KEYS.filter((k) => k !== 'aanbieder');

type SplitPlan = {
  dims: DimensionKey[];
  flows: boolean;
  durations: boolean;
  /** An earlier split with the very same groups, whose rows this one takes instead of a query. */
  from: number | null;
  /** The last split that takes this one's rows (they are kept until then). */
  lastUse: number | null;
  /** A key's value in a row of this split (also a key it does not group by but its groups determine). */
  valueOf(row: unknown[], key: DimensionKey): unknown;
};

/**
 * Which splits have the same groups as an earlier one, so that one query serves both. Two splits
 * of one level group the rows alike when their keys determine each other per gemeente: pijler
 * and leefdomein when every pijler has one leefdomein and the other way round, or
 * pijler|productcode and productcode when each product has one pijler. Then every aggregate of
 * every group is the same (the same rows), and so is the order (first sights), so the figures are
 * those of the other split with this split's keys. Whether the keys determine each other is read
 * from the data, never assumed: from the distinct classification combinations (a few hundred rows),
 * sets of keys C1 and C2 group alike exactly when (gemeente, C1), (gemeente, C2) and
 * (gemeente, C1 ∪ C2) have as many distinct values. A split takes the rows of one that computed at
 * least what it needs (the flows and durations of the total and the pijler, zorgduur per
 * voorziening).
 */
async function planSplits(connection: DuckDBConnection, fx: string, combos: readonly { niveau: Level; dims: readonly DimensionKey[] }[]): Promise<SplitPlan[]> {
  const classes = await rows(connection, `SELECT gemeente, ${CLASS_KEYS.join(', ')} FROM ${fx} GROUP BY ALL`);
  const at = (key: DimensionKey) => 1 + CLASS_KEYS.indexOf(key);
  const keyOf = (row: unknown[], keys: readonly DimensionKey[]) => JSON.stringify([row[0], ...keys.map((k) => row[at(k)])]);
  const distinct = new Map<string, number>();
  const count = (keys: readonly DimensionKey[]) => {
    const name = keys.join('|');
    let n = distinct.get(name);
    if (n === undefined) distinct.set(name, (n = new Set(classes.map((r) => keyOf(r, keys))).size));
    return n;
  };
  const classPart = (dims: readonly DimensionKey[]) => dims.filter((d) => CLASS_KEYS.includes(d));
  const sameGroups = (a: readonly DimensionKey[], b: readonly DimensionKey[]) => {
    if (a.includes('aanbieder') !== b.includes('aanbieder')) return false;
    const ca = classPart(a);
    const cb = classPart(b);
    const both = CLASS_KEYS.filter((k) => ca.includes(k) || cb.includes(k));
    return count(ca) === count(cb) && count(cb) === count(both);
  };
  const plans: SplitPlan[] = [];
  for (const combo of combos) {
    const dims = [...combo.dims].sort((a, b) => DIMENSION_KEYS.indexOf(a) - DIMENSION_KEYS.indexOf(b));
    const flows = dims.every((d) => d === 'pijler');
    const durations = dims.length <= 1 && dims.every((d) => d === 'pijler' || d === 'voorziening');
    const found = plans.findIndex((p, i) => p.from === null && combos[i]!.niveau === combo.niveau && (p.flows || !flows) && (p.durations || !durations) && sameGroups(p.dims, dims));
    const from = found === -1 ? null : found;
    if (from !== null) plans[from]!.lastUse = plans.length;
    // A key this split does not group by, looked up from the keys it does (they determine it).
    let lookup: Map<string, unknown[]> | null = null;
    const own = classPart(dims);
    const valueOf = (row: unknown[], key: DimensionKey) => {
      const i = dims.indexOf(key);
      if (i !== -1) return row[2 + i];
      lookup ??= new Map(classes.map((r) => [keyOf(r, own), r]));
      return lookup.get(JSON.stringify([row[0], ...own.map((k) => row[2 + dims.indexOf(k)])]))![at(key)];
    };
    plans.push({ dims, flows, durations, from, lastUse: null, valueOf });
  }
  return plans;
}

/**
 * One split with the flows (instroom, uitstroom, herhaald beroep: the total and per pijler), in
 * two stages, per client and then per group: a client's flows are decided over all its rows.
 */
function flowsSql(t: Tables, niveau: Level, dims: readonly DimensionKey[], durations: boolean, shared: PerArea | null, groups: number): string {
  const area = AREA[niveau];
  const keys = ['gemeente', 'area', ...dims];
  const dimSelect = dims.map((d) => `, ${d}`).join('');
  const keyList = keys.join(', ');
  return `
      WITH c AS (
        ${shared === null ? perClientSql(t, area, dimSelect, durations) : `SELECT * EXCLUDE (combo, jw) FROM ${shared.clients}`}
      ), g AS (
        SELECT ${keyList}, min(first) AS first, count(*) AS clienten, sum(n) AS voorzieningen, sum(k) AS kosten, sum(nk) AS nk,
          sum(bd) AS bd, sum(bn) AS bn, sum(ld) AS ld, sum(ln) AS ln, sum(wd) AS wd, sum(wn) AS wn${t.toerekend ? ', sum(kt) AS kt, sum(nkt) AS nkt' : ''}
          , count(*) FILTER (WHERE starts AND p.cid IS NULL) AS instroom, count(*) FILTER (WHERE ended) AS uitstroom, count(*) FILTER (WHERE again) AS herhaald
        FROM c
        LEFT JOIN (SELECT DISTINCT gemeente, ${area} AS area${dimSelect}, cid FROM ${t.fp}) p USING (${[...keys, 'cid'].join(', ')})
        GROUP BY ALL
      ), hh AS (
        ${
          shared !== null
            ? `SELECT ${keyList}, count(*) AS huishoudens FROM ${shared.households} GROUP BY ${keyList}`
            : withIdBits(t, groups, 'hid')
              ? `SELECT gemeente, ${area} AS area${dimSelect}, ${distinctIds('hid', t.ids.hid)} AS huishoudens FROM ${t.fx} WHERE hid IS NOT NULL GROUP BY ${keyList}`
              : `SELECT ${keyList}, count(*) AS huishoudens FROM (SELECT DISTINCT gemeente, ${area} AS area${dimSelect}, hid FROM ${t.fx} WHERE hid IS NOT NULL) GROUP BY ${keyList}`
        }
      )
      SELECT g.gemeente, g.area, ${dims.map((d) => `g.${d}`).join(', ')}${dims.length > 0 ? ',' : ''}
        g.clienten, coalesce(hh.huishoudens, 0), g.voorzieningen, g.kosten, g.nk, g.bd, g.bn, g.ld, g.ln, g.wd, g.wn,
        g.instroom, g.uitstroom, g.herhaald${t.toerekend ? ', g.kt, g.nkt' : ''}
      FROM g JOIN ${t.fao(niveau)} o USING (gemeente, area)
      LEFT JOIN hh USING (${keyList})
      ORDER BY o.ord, g.first`;
}

/** Per client and group (the first stage of a split with flows): what its rows add up to. */
function perClientSql(t: Tables, area: string, dimSelect: string, durations: boolean, extra = ''): string {
  return `SELECT gemeente, ${area} AS area${dimSelect}, cid, min(rij) AS first, count(*) AS n,
          sum(kosten) AS k, count(kosten) AS nk${t.toerekend ? ', sum(kt) AS kt, count(kt) AS nkt' : ''}
          ${durations ? ', sum(bd) AS bd, count(bd) AS bn, sum(ld) AS ld, count(ld) AS ln, sum(wd) AS wd, count(wd) AS wn' : ', NULL AS bd, 0 AS bn, NULL AS ld, 0 AS ln, NULL AS wd, 0 AS wn'}
          , bool_or(starts) AS starts, bool_and(ended) AS ended, bool_or(again) AS again${extra}
        FROM ${t.fx} GROUP BY ALL`;
}

/**
 * Per area its clients and its households, each with what its rows add up to: the first stage of
 * the area's total and what its stapeling and counts per number of voorzieningen are counted
 * from, aggregated once for both.
 */
type PerArea = { clients: string; households: string };

function perAreaSql(t: Tables, niveau: Level, tables: PerArea): string {
  const area = AREA[niveau];
  return `
    CREATE OR REPLACE TEMP TABLE ${tables.clients} AS
      ${perClientSql(t, area, '', true, ", bit_or(pbit) AS combo, max(leeftijd) FILTER (WHERE pijler = 'JW' AND leeftijd IS NOT NULL) AS jw")};
    CREATE OR REPLACE TEMP TABLE ${tables.households} AS
      SELECT gemeente, ${area} AS area, hid, bit_or(pbit) AS combo FROM ${t.fx} WHERE hid IS NOT NULL GROUP BY ALL;`;
}

/**
 * One split without flows, in one hash aggregate straight over the rows: every figure is then a
 * plain sum or count of rows, and clients and households distinct counts of their integer ids
 * (distinctIds; `groups`: the most groups the split can have).
 * Measured a third cheaper than the two stages plus a separate households aggregate, which
 * is all the flows need and these splits do not (14 of the 22 splits of the figures CSV).
 */
function countsSql(t: Tables, niveau: Level, dims: readonly DimensionKey[], durations: boolean, groups: number): string {
  const area = AREA[niveau];
  const dimSelect = dims.map((d) => `, ${d}`).join('');
  const bits = withIdBits(t, groups, 'cid', 'hid');
  return `
      WITH g AS (
        SELECT gemeente, ${area} AS area${dimSelect}, min(rij) AS first, ${distinctIds('cid', bits ? t.ids.cid : null)} AS clienten, ${distinctIds('hid', bits ? t.ids.hid : null)} AS huishoudens,
          count(*) AS voorzieningen, sum(kosten) AS kosten, count(kosten) AS nk${t.toerekend ? ', sum(kt) AS kt, count(kt) AS nkt' : ''}
          ${durations ? ', sum(bd) AS bd, count(bd) AS bn, sum(ld) AS ld, count(ld) AS ln, sum(wd) AS wd, count(wd) AS wn' : ''}
        FROM ${t.fx} GROUP BY ALL
      )
      SELECT g.gemeente, g.area, ${dims.map((d) => `g.${d}`).join(', ')}${dims.length > 0 ? ',' : ''}
        g.clienten, g.huishoudens, g.voorzieningen, g.kosten, g.nk,
        ${durations ? 'g.bd, g.bn, g.ld, g.ln, g.wd, g.wn' : 'NULL, 0, NULL, 0, NULL, 0'}, NULL, NULL, NULL${t.toerekend ? ', g.kt, g.nkt' : ''}
      FROM g JOIN ${t.fao(niveau)} o USING (gemeente, area)
      ORDER BY o.ord, g.first`;
}
/** A coded value as its text; null stays null (written as the old engine wrote a null). */
function decode(dicts: Dictionaries, column: Coded, value: unknown): string {
  return (value === null ? null : dicts[column][num(value)]) as string;
}

/** The area of a figure: empty at gemeente level, else the wijk or gebied it is numbered as. */
function areaName(dicts: Dictionaries, niveau: Level, value: unknown): string {
  return niveau === 'gemeente' ? (value as string) : decode(dicts, niveau, value);
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

import type { Db } from '../store/database.ts';
import { filterClause, type AnalysisFilter } from './analysisFilter.ts';
import type { PeriodScope } from './periodScope.ts';

/*
 * Indicators over `ind_v` (one row per voorziening of the period, see periodScope.ts), computed
 * in one pass per client and one per household, both streamed from SQLite in key order.
 * Why not GROUP BY: distinct counts per group need a sort per split, and with a dozen splits
 * that cost ~4 µs per record per split (measured: minutes at a million records); one ordered
 * pass that counts every split at once costs a few seconds.
 *
 * Definitions, in words, are in resources/indicatoren.csv; choices DOMAIN.md leaves open:
 *  - A client is counted in every wijk (and for every pijler, aanbieder, …) in which it has a
 *    voorziening, so wijk rows can add up to more than the gemeente's total. Never sum them.
 *  - Zorgduur is the difference in days between begin and end (or the period's last day).
 *  - Instroom into a group (a wijk, a pijler) means: a voorziening in that group starts in the
 *    period and the client had none in that group in the preceding period of the same length.
 *    Checked against every loaded source, so it is exact only when the preceding period is
 *    loaded too (PeriodScope.zonderVorigePeriode says when it is not).
 *  - Herhaald beroep looks back through every loaded source (default two years).
 *  - Costs are summed in cents; an amount is reported in euros with two decimals.
 *  - Instroom, uitstroom and herhaald beroep are split by pijler at most; zorgduur and wachttijd
 *    by pijler or voorziening; stapeling, the Jeugd age split and the counts per number of
 *    voorzieningen per area only.
 */

export const DIMENSION_KEYS = ['pijler', 'leefdomein', 'voorziening', 'productcode', 'aanbieder'] as const;
export type DimensionKey = (typeof DIMENSION_KEYS)[number];
export type Level = 'gemeente' | 'wijk' | 'gebied';
export type Dimensions = readonly (readonly DimensionKey[])[];

export type Figure = {
  periode: string;
  gemeente: string;
  niveau: Level;
  /** The wijk or gebied code; empty at gemeente level. */
  gebied: string;
  indicator: string;
  /** Empty for the total, else `key=value` pairs joined by `|` in the order of DIMENSION_KEYS. */
  dimensie: string;
  waarde: number;
};

export type FigureOptions = {
  /** Per level the splits of the counts and costs; the empty list is the total. */
  levels: readonly { niveau: Level; dimensions: Dimensions }[];
  /** Pillars in the order a combination is written (`WMO+JW`); others follow alphabetically. */
  pijlerVolgorde: readonly string[];
  /** Look-back for herhaald beroep. */
  terugkijkJaren?: number;
  /** Only these voorzieningen (the aanbiedersanalyse of one pillar, …). */
  filter?: AnalysisFilter;
  /** Clients, voorzieningen and costs only: no flows, durations, households or stapeling. */
  onlyCounts?: boolean;
  /** Keep per-client costs and volumes for the informatievragen. */
  clientDetail?: boolean;
};

/** The total and every single key. */
export const SINGLE_DIMENSIONS: Dimensions = [[], ...DIMENSION_KEYS.map((k) => [k])];

/** The total, every single key and every pair (productcode|aanbieder is the aanbiedersanalyse). */
export const ALL_DIMENSIONS: Dimensions = [...SINGLE_DIMENSIONS, ...DIMENSION_KEYS.flatMap((a, i) => DIMENSION_KEYS.slice(i + 1).map((b) => [a, b]))];

/**
 * What the figures CSV holds: at gemeente level the total, every key and every pair; per wijk the
 * total and every key. Pairs per wijk (product × aanbieder × wijk) would be millions of mostly
 * tiny cells at a large gemeente; the Overzicht asks for them one wijk at a time when needed.
 */
export const EXPORT_LEVELS: FigureOptions['levels'] = [
  { niveau: 'gemeente', dimensions: ALL_DIMENSIONS },
  { niveau: 'wijk', dimensions: SINGLE_DIMENSIONS },
];

const DAY = 86_400_000;
const dayNumber = (iso: string): number => Date.parse(iso) / DAY;

/** Strings to small integers, so group keys are numbers (fast to hash) rather than strings. */
class Dictionary {
  private readonly ids = new Map<string, number>();
  readonly values: string[] = [];
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
}

type Agg = {
  area: number;
  d1: number;
  d2: number;
  clienten: number;
  huishoudens: number;
  voorzieningen: number;
  kosten: number;
  metKosten: number;
  instroom: number;
  uitstroom: number;
  herhaald: number;
  beeindigd: number;
  beeindigdN: number;
  lopend: number;
  lopendN: number;
  wacht: number;
  wachtN: number;
};

type Combo = {
  level: number;
  dims: number[];
  flows: boolean;
  durations: boolean;
  /** By area id, then by the split's values: two small-integer lookups instead of one string key. */
  groups: (Map<number | string, Agg> | undefined)[];
};

/** Per area: counts by pillar combination, by number of voorzieningen, and the Jeugd age split. */
type AreaStats = { stapeling: Map<string, number>; stapelingHuishoudens: Map<string, number>; perAantal: number[]; jong: number; oud: number };

type Row = {
  areas: number[];
  dims: number[];
  pijler: string;
  begin: number;
  eind: number | null;
  kosten: number | null;
  leeftijd: number | null;
  aanvraag: number | null;
  startsInPeriod: boolean;
};

type History = { pijler: string; areas: number[]; begin: number; eind: number | null };

/** An area of one level: the level is part of the key, so a wijk and a gebied with the same code stay apart. */
const areaKey = (niveau: Level, gemeente: string, code: string): string => `${niveau}\u001f${gemeente}\u001f${niveau === 'gemeente' ? '' : code}`;

const COLUMNS =
  'gemeente, client, huishouden, wijk, gebied, pijler, leefdomein, voorziening, productcode, aanbieder, begindatum, einddatum, kosten_cent, leeftijd, aanvraagdatum, product, aanbieder_naam, volume, eenheid, frequentie';
const PAGE = 20_000;
const LEVEL_COLUMN: Record<Level, number> = { gemeente: 0, wijk: 3, gebied: 4 };
const DIM_COLUMN = [5, 6, 7, 8, 9];
const CLIENT_BLOCK = 2000;

/** The figures of the period, computed at once and handed out one by one. */
export function* computeFigures(db: Db, scope: PeriodScope, options: FigureOptions): Generator<Figure> {
  const engine = new FigureEngine(db, scope, options);
  engine.clientPass();
  engine.householdPass();
  yield* engine.figures();
}

/**
 * Per aanbieder key (ind_v.aanbieder) the name shown for it: the spelling most of its records use,
 * ties going to the first in code point order, so the same records always show the same name.
 */
export function aanbiederNames(db: Db, filter: AnalysisFilter = {}): Map<string, string> {
  const { where, params } = filterClause(filter);
  const rows = db
    .prepare(
      `SELECT aanbieder, aanbieder_naam FROM ind_v
       ${where === '' ? 'WHERE' : `${where} AND`} aanbieder_naam IS NOT NULL AND aanbieder_naam <> ''
       GROUP BY aanbieder, aanbieder_naam ORDER BY aanbieder, COUNT(*) DESC, aanbieder_naam`,
    )
    .raw(true)
    .all(...params) as [string, string][];
  const names = new Map<string, string>();
  for (const [key, name] of rows) if (!names.has(key)) names.set(key, name);
  return names;
}

/** One group of a split with its plain totals, and the names that go with its codes. */
export type GroupTotal = { waarden: string[]; namen: string[]; clienten: number; voorzieningen: number; kostenCent: number };

/** Clients, voorzieningen and costs per group of each split at gemeente level (the aanbiedersanalyse). */
export function groupTotals(db: Db, scope: PeriodScope, dimensions: Dimensions, filter?: AnalysisFilter): GroupTotal[][] {
  const engine = new FigureEngine(db, scope, { levels: [{ niveau: 'gemeente', dimensions }], pijlerVolgorde: [], filter, onlyCounts: true });
  engine.clientPass();
  return engine.totals();
}

class FigureEngine {
  private readonly areaDict = new Dictionary();
  private readonly dimDicts = DIMENSION_KEYS.map(() => new Dictionary());
  private readonly names: string[][] = DIMENSION_KEYS.map(() => []);
  private readonly levels: Level[];
  private readonly combos: Combo[];
  private readonly areaStats = new Map<number, AreaStats>();
  private readonly begin: number;
  private readonly eind: number;
  private readonly vorigBegin: number;
  private readonly vorigEind: number;
  private readonly terug: number;
  private readonly rank: (pijler: string) => number;
  private readonly where: { where: string; params: unknown[] };
  private readonly hasOtherSources: boolean;
  private readonly householdDict = new Dictionary();
  private readonly households: CompactRows;
  readonly detail = new ClientDetail();

  private readonly db: Db;
  private readonly scope: PeriodScope;
  private readonly options: FigureOptions;

  constructor(db: Db, scope: PeriodScope, options: FigureOptions) {
    this.db = db;
    this.scope = scope;
    this.options = options;
    this.levels = options.levels.map((l) => l.niveau);
    this.households = new CompactRows(this.levels.length);
    this.combos = options.levels.flatMap((l, level) =>
      l.dimensions.map((dims) => {
        const names = dims as readonly DimensionKey[];
        return {
          level,
          dims: names.map((d) => DIMENSION_KEYS.indexOf(d)),
          flows: !options.onlyCounts && names.every((d) => d === 'pijler'),
          durations: !options.onlyCounts && names.length <= 1 && names.every((d) => d === 'pijler' || d === 'voorziening'),
          groups: [],
        };
      }),
    );
    this.begin = dayNumber(scope.periode.begin);
    this.eind = dayNumber(scope.periode.eind);
    this.vorigBegin = dayNumber(scope.vorige.begin);
    this.vorigEind = dayNumber(scope.vorige.eind);
    const years = options.terugkijkJaren ?? 2;
    this.terug = years * 365.25;
    const order = new Map(options.pijlerVolgorde.map((p, i) => [p, i]));
    this.rank = (p) => order.get(p) ?? order.size;
    this.where = filterClause(options.filter ?? {});
    const needsHistory = this.combos.some((c) => c.flows);
    this.hasOtherSources =
      needsHistory && (db.prepare('SELECT EXISTS (SELECT 1 FROM ind_bron WHERE klaar = 1 AND id NOT IN (SELECT bron FROM ind_scope)) AS e').get() as { e: number }).e === 1;
  }

  private toRow(raw: unknown[]): Row {
    const gemeente = raw[0] as string;
    const row = this.row(raw, gemeente);
    // The name of a product as the first record that has one spells it (the vertaaltabel's);
    // an aanbieder's name varies from row to row and is looked up in totals().
    const product = row.dims[3]!;
    if (this.names[3]![product] === undefined && raw[15] !== null) this.names[3]![product] = raw[15] as string;
    return row;
  }

  private row(raw: unknown[], gemeente: string): Row {
    const begin = dayNumber(raw[10] as string);
    return {
      areas: this.levels.map((level) => this.areaDict.id(areaKey(level, gemeente, raw[LEVEL_COLUMN[level]] as string))),
      dims: DIM_COLUMN.map((column, i) => this.dimDicts[i]!.id(raw[column] as string)),
      pijler: raw[5] as string,
      begin,
      eind: raw[11] === null ? null : dayNumber(raw[11] as string),
      kosten: raw[12] as number | null,
      leeftijd: raw[13] as number | null,
      aanvraag: raw[14] === null ? null : dayNumber(raw[14] as string),
      startsInPeriod: begin >= this.begin,
    };
  }

  /** The group of a voorziening in a split, created on first sight. */
  private group(combo: Combo, row: { areas: ArrayLike<number>; dims: ArrayLike<number> }): Agg {
    const area = row.areas[combo.level]!;
    const d1 = combo.dims.length > 0 ? row.dims[combo.dims[0]!]! : -1;
    const d2 = combo.dims.length > 1 ? row.dims[combo.dims[1]!]! : -1;
    // Stays a small integer (fast to hash) for any realistic number of codes.
    const key = d1 < 32767 && d2 < 65535 ? (d1 + 1) * 65536 + (d2 + 1) : `${d1}:${d2}`;
    let byValue = combo.groups[area];
    if (!byValue) combo.groups[area] = byValue = new Map();
    let agg = byValue.get(key);
    if (!agg) {
      agg = {
        area, d1, d2,
        clienten: 0, huishoudens: 0, voorzieningen: 0, kosten: 0, metKosten: 0, instroom: 0, uitstroom: 0, herhaald: 0,
        beeindigd: 0, beeindigdN: 0, lopend: 0, lopendN: 0, wacht: 0, wachtN: 0,
      };
      byValue.set(key, agg);
    }
    return agg;
  }

  private stats(area: number): AreaStats {
    let stats = this.areaStats.get(area);
    if (!stats) {
      stats = { stapeling: new Map(), stapelingHuishoudens: new Map(), perAantal: [0, 0, 0, 0], jong: 0, oud: 0 };
      this.areaStats.set(area, stats);
    }
    return stats;
  }

  combinationOf(pijlers: Iterable<string>): string {
    return this.combination(pijlers);
  }

  private combination(pijlers: Iterable<string>): string {
    return [...new Set(pijlers)].sort((a, b) => this.rank(a) - this.rank(b) || (a < b ? -1 : a > b ? 1 : 0)).join('+');
  }

  /** Every voorziening, client by client, with the client's other voorzieningen at hand. */
  clientPass(): void {
    // ind_v is stored in (gemeente, client) order (periodScope.ts), so paging by rowid walks the
    // clients in order; pages of plain arrays cost far less per row than a row-by-row cursor.
    const page = this.db
      .prepare(`SELECT rowid, ${COLUMNS} FROM ind_v WHERE rowid > ? ${this.where.where.replace('WHERE', 'AND')} ORDER BY rowid LIMIT ${PAGE}`)
      .raw(true);
    let block: ClientRows[] = [];
    let current: ClientRows | null = null;
    let after = 0;
    for (;;) {
      const rows = page.all(after, ...this.where.params) as unknown[][];
      if (rows.length === 0) break;
      after = rows.at(-1)![0] as number;
      for (const withRowid of rows) {
        const raw = withRowid.slice(1);
        const gemeente = raw[0] as string;
        const client = raw[1] as string;
        if (!current || current.client !== client || current.gemeente !== gemeente) {
          if (block.length >= CLIENT_BLOCK) {
            this.clientBlock(block);
            block = [];
          }
          current = { gemeente, client, rows: [], raw: [] };
          block.push(current);
        }
        const row = this.toRow(raw);
        current.rows.push(row);
        if (this.options.clientDetail) current.raw.push(raw);
        if (raw[2] !== null && !this.options.onlyCounts) this.households.push(this.householdDict.id(`${gemeente}\u001f${raw[2] as string}`), row);
      }
    }
    if (block.length > 0) this.clientBlock(block);
  }

  /**
   * The clients' voorzieningen in loaded sources other than the period's own (earlier quarters),
   * fetched for a block of clients at once; the period's own are already in hand.
   */
  private otherSources(block: ClientRows[]): Map<string, History[]> {
    const byClient = new Map<string, History[]>();
    const clients = block.map((c) => c.client);
    const first = clients.reduce((min, c) => (c < min ? c : min));
    const last = clients.reduce((max, c) => (c > max ? c : max));
    const from = new Date(Math.min(this.vorigBegin, this.begin - this.terug) * DAY).toISOString().slice(0, 10);
    const rows = this.db
      .prepare(
        `SELECT b.gemeente, r.client, r.wijk, IFNULL(r.gebied, ''), r.pijler, r.begindatum, r.einddatum
         FROM ind_record r JOIN ind_bron b ON b.id = r.bron AND b.klaar = 1
         WHERE r.client BETWEEN ? AND ? AND r.bron NOT IN (SELECT bron FROM ind_scope)
           AND r.begindatum <= ? AND (r.einddatum IS NULL OR r.einddatum >= ?)`,
      )
      .raw(true)
      .all(first, last, this.scope.periode.eind, from) as [string, string, string, string, string, string, string | null][];
    for (const [gemeente, client, wijk, gebied, pijler, begin, eind] of rows) {
      const key = `${gemeente}\u001f${client}`;
      let list = byClient.get(key);
      if (!list) byClient.set(key, (list = []));
      list.push({
        pijler,
        areas: this.levels.map((level) => this.areaDict.id(areaKey(level, gemeente, level === 'wijk' ? wijk : gebied))),
        begin: dayNumber(begin),
        eind: eind === null ? null : dayNumber(eind),
      });
    }
    return byClient;
  }

  private clientBlock(block: ClientRows[]): void {
    const others = this.hasOtherSources ? this.otherSources(block) : new Map<string, History[]>();
    for (const entry of block) {
      const extra = others.get(`${entry.gemeente}\u001f${entry.client}`);
      this.client(entry.rows, extra ? [...entry.rows, ...extra] : entry.rows);
      if (this.options.clientDetail) this.detail.add(entry);
    }
  }

  private client(rows: Row[], history: History[]): void {
    // Herhaald beroep per voorziening: it starts in the period after a gap of at least one day
    // since an earlier voorziening in its pillar ended within the look-back.
    const herhaald = rows.map(
      (row) =>
        row.startsInPeriod &&
        history.some((h) => h.pijler === row.pijler && h.eind !== null && h.eind <= row.begin - 2 && h.eind >= row.begin - this.terug) &&
        !history.some((h) => h.pijler === row.pijler && h.begin < row.begin && (h.eind === null || h.eind >= row.begin - 1)),
    );
    const groups: Agg[] = new Array(rows.length);
    const seen: Agg[] = [];
    for (const combo of this.combos) {
      seen.length = 0;
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        const agg = (groups[i] = this.group(combo, row));
        agg.voorzieningen++;
        if (row.kosten !== null) {
          agg.kosten += row.kosten;
          agg.metKosten++;
        }
        if (combo.durations) this.durations(agg, row);
        if (seen.includes(agg)) continue;
        seen.push(agg);
        agg.clienten++;
      }
      if (!combo.flows) continue;
      for (const agg of seen) {
        let starts = false;
        let allEnded = true;
        let again = false;
        let sample: Row | undefined;
        for (let j = 0; j < rows.length; j++) {
          if (groups[j] !== agg) continue;
          const m = rows[j]!;
          sample ??= m;
          starts ||= m.startsInPeriod;
          allEnded &&= m.eind !== null && m.eind <= this.eind;
          again ||= herhaald[j]!;
        }
        const inGroup = (h: History) => h.areas[combo.level] === sample!.areas[combo.level] && (combo.dims.length === 0 || h.pijler === sample!.pijler);
        if (starts && !history.some((h) => inGroup(h) && h.begin <= this.vorigEind && (h.eind === null || h.eind >= this.vorigBegin))) agg.instroom++;
        if (allEnded) agg.uitstroom++;
        if (again) agg.herhaald++;
      }
    }
    if (this.options.onlyCounts) return;
    for (let level = 0; level < this.levels.length; level++) {
      const areas = [...new Set(rows.map((r) => r.areas[level]!))];
      for (const area of areas) {
        const own = rows.filter((r) => r.areas[level] === area);
        const stats = this.stats(area);
        const name = this.combination(own.map((r) => r.pijler));
        stats.stapeling.set(name, (stats.stapeling.get(name) ?? 0) + 1);
        stats.perAantal[Math.min(own.length, 4) - 1]!++;
        const ages = own.filter((r) => r.pijler === 'JW' && r.leeftijd !== null).map((r) => r.leeftijd!);
        if (ages.length > 0) {
          if (Math.max(...ages) < 18) stats.jong++;
          else stats.oud++;
        }
      }
    }
  }

  private durations(agg: Agg, row: Row): void {
    if (row.eind !== null && row.eind <= this.eind) {
      agg.beeindigd += row.eind - row.begin;
      agg.beeindigdN++;
    } else {
      agg.lopend += this.eind - row.begin;
      agg.lopendN++;
    }
    if (row.startsInPeriod && row.aanvraag !== null && row.aanvraag <= row.begin) {
      agg.wacht += row.begin - row.aanvraag;
      agg.wachtN++;
    }
  }

  /** Households: members' voorzieningen together, so a household counts once per group. */
  householdPass(): void {
    this.households.forEachGroup(this.householdDict.values.length, (rows) => this.household(rows));
  }

  private household(rows: readonly { areas: ArrayLike<number>; dims: ArrayLike<number> }[]): void {
    const seen = new Set<Agg>();
    for (const combo of this.combos) {
      seen.clear();
      for (const row of rows) seen.add(this.group(combo, row));
      for (const agg of seen) agg.huishoudens++;
    }
    const pijlers = this.dimDicts[0]!.values;
    for (let level = 0; level < this.levels.length; level++) {
      for (const area of new Set(rows.map((r) => r.areas[level]!))) {
        const stats = this.stats(area);
        const name = this.combination(rows.filter((r) => r.areas[level] === area).map((r) => pijlers[r.dims[0]!]!));
        stats.stapelingHuishoudens.set(name, (stats.stapelingHuishoudens.get(name) ?? 0) + 1);
      }
    }
  }

  totals(): GroupTotal[][] {
    const aanbieder = DIMENSION_KEYS.indexOf('aanbieder');
    if (this.combos.some((c) => c.dims.includes(aanbieder))) {
      const names = aanbiederNames(this.db, this.options.filter);
      this.names[aanbieder] = this.dimDicts[aanbieder]!.values.map((key) => names.get(key) ?? '');
    }
    return this.combos.map((combo) =>
      combo.groups
        .flatMap((byValue) => (byValue ? [...byValue.values()] : []))
        .map((agg) => {
          const ids = [agg.d1, agg.d2].slice(0, combo.dims.length);
          return {
            waarden: ids.map((id, i) => this.dimDicts[combo.dims[i]!]!.values[id]!),
            namen: ids.map((id, i) => this.names[combo.dims[i]!]![id] ?? ''),
            clienten: agg.clienten,
            voorzieningen: agg.voorzieningen,
            kostenCent: agg.kosten,
          };
        }),
    );
  }

  *figures(): Generator<Figure> {
    const periode = this.scope.periode.code;
    const where = (area: number): { gemeente: string; gebied: string } => {
      const [, gemeente, gebied] = this.areaDict.values[area]!.split('\u001f');
      return { gemeente: gemeente!, gebied: gebied! };
    };
    for (const combo of this.combos) {
      const niveau = this.levels[combo.level]!;
      const name = (agg: Agg) =>
        [agg.d1, agg.d2]
          .map((id, i) => (id < 0 ? null : `${DIMENSION_KEYS[combo.dims[i]!]}=${this.dimDicts[combo.dims[i]!]!.values[id]}`))
          .filter((part) => part !== null)
          .join('|');
      const groups = combo.groups.flatMap((byValue) => (byValue ? [...byValue.values()] : []));
      const metrics: [string, (a: Agg) => number | null, boolean][] = [
        ['clienten', (a) => a.clienten, true],
        ['huishoudens', (a) => a.huishoudens, true],
        ['voorzieningen', (a) => a.voorzieningen, true],
        ['kosten', (a) => (a.metKosten === 0 ? null : a.kosten / 100), true],
        ['kosten_per_client', (a) => (a.metKosten === 0 ? null : round(a.kosten / 100 / a.clienten, 2)), true],
        ['instroom', (a) => a.instroom, combo.flows],
        ['uitstroom', (a) => a.uitstroom, combo.flows],
        ['herhaald_beroep', (a) => a.herhaald, combo.flows],
        ['zorgduur_beeindigd', (a) => (a.beeindigdN === 0 ? null : round(a.beeindigd / a.beeindigdN, 1)), combo.durations],
        ['zorgduur_lopend', (a) => (a.lopendN === 0 ? null : round(a.lopend / a.lopendN, 1)), combo.durations],
        ['wachttijd', (a) => (a.wachtN === 0 ? null : round(a.wacht / a.wachtN, 1)), combo.durations],
      ];
      for (const [indicator, value, applies] of metrics) {
        if (!applies) continue;
        for (const agg of groups) {
          const waarde = value(agg);
          if (waarde === null) continue;
          yield { periode, ...where(agg.area), niveau, indicator, dimensie: name(agg), waarde };
        }
      }
    }
    for (let level = 0; level < this.levels.length; level++) {
      const niveau = this.levels[level]!;
      const areas = [...this.areaStats.entries()].filter(([area]) => this.areaDict.values[area]!.startsWith(`${niveau}\u001f`));
      for (const [area, stats] of areas) {
        const base = { periode, ...where(area), niveau };
        for (const [combination, n] of stats.stapeling) yield { ...base, indicator: 'stapeling', dimensie: `pijler=${combination}`, waarde: n };
        for (const [combination, n] of stats.stapelingHuishoudens) yield { ...base, indicator: 'stapeling_huishoudens', dimensie: `pijler=${combination}`, waarde: n };
        for (let i = 0; i < 4; i++) if (stats.perAantal[i]! > 0) yield { ...base, indicator: COUNT_INDICATORS[i]!, dimensie: '', waarde: stats.perAantal[i]! };
        if (stats.jong + stats.oud > 0) {
          yield { ...base, indicator: 'clienten_jeugd_tot_18', dimensie: '', waarde: stats.jong };
          yield { ...base, indicator: 'clienten_jeugd_18_plus', dimensie: '', waarde: stats.oud };
        }
      }
    }
  }
}

type ClientRows = { gemeente: string; client: string; rows: Row[]; raw: unknown[][] };

/**
 * The households' voorzieningen as small integers (household, areas, splits) in one growing
 * Int32Array: about 40 bytes a record, grouped by household with a counting sort afterwards,
 * instead of a second sort and read of the whole period in SQLite.
 */
class CompactRows {
  private data = new Int32Array(1 << 16);
  private length = 0;
  private readonly stride: number;
  private readonly levels: number;

  constructor(levels: number) {
    this.levels = levels;
    this.stride = 1 + levels + DIMENSION_KEYS.length;
  }

  push(group: number, row: { areas: readonly number[]; dims: readonly number[] }): void {
    if ((this.length + 1) * this.stride > this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    const at = this.length++ * this.stride;
    this.data[at] = group;
    this.data.set(row.areas, at + 1);
    this.data.set(row.dims, at + 1 + this.levels);
  }

  /** Visits the rows group by group; `groups` is one more than the highest group number pushed. */
  forEachGroup(groups: number, visit: (rows: { areas: Int32Array; dims: Int32Array }[]) => void): void {
    const start = new Int32Array(groups + 1);
    for (let r = 0; r < this.length; r++) start[this.data[r * this.stride]! + 1]!++;
    for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
    const order = new Int32Array(this.length);
    const fill = start.slice(0, groups);
    for (let r = 0; r < this.length; r++) order[fill[this.data[r * this.stride]!]!++] = r;
    for (let g = 0; g < groups; g++) {
      const rows = [];
      for (let i = start[g]!; i < start[g + 1]!; i++) {
        const at = order[i]! * this.stride;
        rows.push({ areas: this.data.subarray(at + 1, at + 1 + this.levels), dims: this.data.subarray(at + 1 + this.levels, at + this.stride) });
      }
      if (rows.length > 0) visit(rows);
    }
  }
}

/** Per client its costs (for the informatievragen), and per product and unit the volumes. */
class ClientDetail {
  readonly costs: number[] = [];
  readonly top: { client: string; kosten: number; voorzieningen: number; pijlers: string[] }[] = [];
  withCosts = 0;
  clients = 0;
  readonly volumes = new Map<string, { productcode: string; product: string; eenheid: string; frequentie: string; voorzieningen: number; totaal: number }>();
  topSize = 20;

  add(entry: ClientRows): void {
    let cents = 0;
    let booked = false;
    for (const raw of entry.raw) {
      const k = raw[12] as number | null;
      if (k !== null) cents += k;
      if (k !== null && k > 0) booked = true;
      if (raw[17] !== null) {
        const key = `${raw[8] as string}\u001f${(raw[18] as string | null) ?? ''}\u001f${(raw[19] as string | null) ?? ''}`;
        let v = this.volumes.get(key);
        if (!v) {
          v = { productcode: raw[8] as string, product: (raw[15] as string | null) ?? '', eenheid: (raw[18] as string | null) ?? '', frequentie: (raw[19] as string | null) ?? '', voorzieningen: 0, totaal: 0 };
          this.volumes.set(key, v);
        }
        v.voorzieningen++;
        v.totaal += raw[17] as number;
      }
    }
    this.clients++;
    if (booked) this.withCosts++;
    if (cents <= 0) return;
    this.costs.push(cents);
    const last = this.top.at(-1);
    if (this.top.length < this.topSize || cents > last!.kosten || (cents === last!.kosten && entry.client < last!.client)) {
      this.top.push({ client: entry.client, kosten: cents, voorzieningen: entry.raw.length, pijlers: entry.rows.map((r) => r.pijler) });
      this.top.sort((a, b) => b.kosten - a.kosten || (a.client < b.client ? -1 : 1));
      if (this.top.length > this.topSize) this.top.pop();
    }
  }
}

/** The informatievragen's raw material: the client pass with per-client detail. */
export function clientDetail(
  db: Db,
  scope: PeriodScope,
  filter: AnalysisFilter | undefined,
  top: number,
  pijlerVolgorde: readonly string[],
): { detail: ClientDetail; combination: (pijlers: string[]) => string } {
  const engine = new FigureEngine(db, scope, { levels: [{ niveau: 'gemeente', dimensions: [[]] }], pijlerVolgorde, filter, onlyCounts: true, clientDetail: true });
  engine.detail.topSize = top;
  engine.clientPass();
  return { detail: engine.detail, combination: (pijlers) => engine.combinationOf(pijlers) };
}

const COUNT_INDICATORS = ['clienten_1_voorziening', 'clienten_2_voorzieningen', 'clienten_3_voorzieningen', 'clienten_4_of_meer_voorzieningen'];

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

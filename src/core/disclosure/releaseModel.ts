import type { KostenBron } from '../lasten/kostenBron.ts';
import { DIMENSION_KEYS, type DimensionKey, type Dimensions } from './figureType.ts';

/*
 * The release as one linear system. Inner cells are the finest cross-classification the tables
 * aggregate (gemeente × wijk × pijler × leefdomein × voorziening × productcode × aanbieder: the
 * product's classes are kept in the key so a product the data gives two pillars stays exact).
 * Every published cell (area × dimension) is the set of inner cells it sums; voorzieningen and
 * costs add up over that set, clients do not (one client, two products), which the audit models
 * with inequalities. Cells with the same inner set are one group with one status.
 */

export type InnerCell = {
  gemeente: string;
  wijk: string;
  values: Readonly<Record<DimensionKey, string>>;
  clienten: number;
  voorzieningen: number;
  /** Known costs in cents (with toerekening: the total, client plus toegerekend). */
  kosten: number;
  /** With toerekening: the costs per kosten_bron, in cents. */
  bronnen?: Readonly<Record<KostenBron, number>>;
};

/** What the release publishes per cell; `kosten` in cents, null when the cell has no kosten figure. */
export type CellValues = {
  clienten: number;
  voorzieningen: number;
  kosten: number | null;
  /** With toerekening: per kosten_bron the part published beside `kosten`, in cents; absent when the cell has no figure of that part. */
  bronnen?: Partial<Record<KostenBron, number>>;
};

export type CellGroup = {
  /** The cells (see cellKey) that are this group, sorted. */
  keys: string[];
  /** Gemeente code, or `ALLE` for a group that spans gemeenten (ALLE, a reference group). */
  block: string;
  /** Sorted inner-cell indices. */
  inner: number[];
  /**
   * For a group that spans gemeenten, the groups with disjoint inner sets it is the sum of: for
   * ALLE the gemeente-level cells (one per gemeente), for a reference group the wijk-level cells
   * of its member wijken.
   */
  parts: number[] | null;
  values: CellValues;
  /** Number of dimension keys of the coarsest member: totals sort before splits. */
  dims: number;
};

export type Release = { inner: InnerCell[]; groups: CellGroup[]; groupOf: Map<string, number> };

export type ReleaseLevel = { niveau: 'gemeente' | 'wijk'; dimensions: Dimensions };

/** Wijk code → its reference group (RG01…); the groups' cells are `gemeente` empty, `wijk` level. */
export type ReferenceGroups = ReadonlyMap<string, string>;

/** A cell that spans gemeenten: ALLE, or a reference group (no gemeente). */
function spansGemeenten(key: string): boolean {
  return key.startsWith('ALLE|') || key.startsWith('|');
}

/** One key per cell: area and dimension (periode is one per release). */
export function cellKey(gemeente: string, niveau: string, gebied: string, dimensie: string): string {
  return `${gemeente}|${niveau}|${gebied}|${dimensie}`;
}

/** The dimension keys of a split in DIMENSION_KEYS order, the order a dimensie writes them in. */
function inKeyOrder(dims: readonly DimensionKey[]): DimensionKey[] {
  return [...dims].sort((a, b) => DIMENSION_KEYS.indexOf(a) - DIMENSION_KEYS.indexOf(b));
}

function dimensie(values: Readonly<Record<DimensionKey, string>>, sorted: readonly DimensionKey[]): string {
  let d = '';
  for (const k of sorted) d = d === '' ? `${k}=${values[k]}` : `${d}|${k}=${values[k]}`;
  return d;
}

function sameArray(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function hashOf(a: readonly number[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const x of a) {
    h1 = Math.imul(h1 ^ x, 16777619) >>> 0;
    h2 = Math.imul(h2 + x, 2246822519) >>> 0;
  }
  return `${a.length}:${h1}:${h2}`;
}

/** Distinct values per dimension key below this get a numeric code; a pair of codes fits a double. */
const CODES = 2 ** 20;

/**
 * Per cell key its sorted inner-cell indices, for the cells `wanted` accepts. The national
 * release has about a million inner cells in some 40 cells each: rather than a string key per
 * inner cell and cell, each area (gemeente, wijk, ALLE, reference group) has its cells under a
 * number made of the split's index and its values' codes, and a cell's key is written once.
 */
export function cellSets(inner: readonly InnerCell[], levels: readonly ReleaseLevel[], alle: boolean, wanted: (key: string) => boolean = () => true, groepen: ReferenceGroups = new Map()) {
  const sets = new Map<string, number[]>();
  const dimsOf = new Map<string, number>();
  const splits = levels.map((level) => ({ niveau: level.niveau, dimensions: level.dimensions.map((dims) => inKeyOrder(dims)) }));
  const codes = new Map<DimensionKey, Map<string, number>>(DIMENSION_KEYS.map((k) => [k, new Map()]));
  const codeOf = (k: DimensionKey, value: string) => {
    const known = codes.get(k)!;
    let c = known.get(value);
    if (c === undefined) known.set(value, (c = known.size));
    return c;
  };
  /** Per area its cells: slot → the cell's set, or null when the cell is not wanted. */
  const areas = new Map<string, Map<number | string, number[] | null>>();
  const areaOf = (key: string) => {
    let area = areas.get(key);
    if (!area) areas.set(key, (area = new Map()));
    return area;
  };
  const cellCode = new Map<DimensionKey, number>();
  inner.forEach((cell, j) => {
    let small = true;
    for (const k of DIMENSION_KEYS) {
      const c = codeOf(k, cell.values[k]);
      cellCode.set(k, c);
      small &&= c < CODES - 1;
    }
    for (const level of splits) {
      const gebied = level.niveau === 'wijk' ? cell.wijk : '';
      const groep = level.niveau === 'wijk' ? groepen.get(cell.wijk) : undefined;
      const own = areaOf(`${cell.gemeente}|${level.niveau}|${gebied}`);
      const spanning = alle && level.niveau === 'gemeente' ? areaOf('ALLE|gemeente|') : groep !== undefined ? areaOf(`|wijk|${groep}`) : null;
      level.dimensions.forEach((dims, i) => {
        let slot: number | string;
        if (small && dims.length <= 2) slot = (i * CODES + (dims[0] === undefined ? 0 : cellCode.get(dims[0])! + 1)) * CODES + (dims[1] === undefined ? 0 : cellCode.get(dims[1])! + 1);
        else slot = `${i}#${dimensie(cell.values, dims)}`;
        const put = (area: Map<number | string, number[] | null>, gemeente: string, wijk: string) => {
          let set = area.get(slot);
          if (set === undefined) {
            const key = cellKey(gemeente, level.niveau, wijk, dimensie(cell.values, dims));
            set = wanted(key) ? [] : null;
            area.set(slot, set);
            if (set) {
              sets.set(key, set);
              dimsOf.set(key, dims.length);
            }
          }
          set?.push(j);
        };
        put(own, cell.gemeente, gebied);
        if (spanning === null) return;
        if (level.niveau === 'gemeente') put(spanning, 'ALLE', '');
        else put(spanning, '', groep!);
      });
    }
  });
  return { sets, dimsOf };
}

/**
 * The groups of the release. `values` gives the published values per cell key; a cell the levels
 * define but `values` lacks is not part of the release, a cell in `values` that no inner cell
 * makes is an inconsistency and throws.
 */
export function buildRelease(inner: InnerCell[], levels: readonly ReleaseLevel[], values: ReadonlyMap<string, CellValues>, alle: boolean, groepen: ReferenceGroups = new Map()): Release {
  const { sets, dimsOf } = cellSets(inner, levels, alle, (key) => values.has(key), groepen);
  for (const key of values.keys()) if (!sets.has(key)) throw new Error(`Interne fout: cel ${key} heeft geen binnencellen.`);

  const groups: CellGroup[] = [];
  const groupOf = new Map<string, number>();
  const byHash = new Map<string, number[]>();
  // Gemeente cells first, so an ALLE or reference-group cell equal to one gemeente's cell joins that group.
  const keys = [...sets.keys()].sort((a, b) => Number(spansGemeenten(a)) - Number(spansGemeenten(b)) || (a < b ? -1 : a > b ? 1 : 0));
  for (const key of keys) {
    const set = sets.get(key)!;
    const hash = hashOf(set);
    const same = (byHash.get(hash) ?? []).find((g) => sameArray(groups[g]!.inner, set));
    if (same !== undefined) {
      const group = groups[same]!;
      group.keys.push(key);
      group.dims = Math.min(group.dims, dimsOf.get(key)!);
      groupOf.set(key, same);
      continue;
    }
    const block = spansGemeenten(key) ? 'ALLE' : inner[set[0]!]!.gemeente;
    groupOf.set(key, groups.length);
    byHash.set(hash, [...(byHash.get(hash) ?? []), groups.length]);
    groups.push({ keys: [key], block, inner: set, parts: null, values: values.get(key)!, dims: dimsOf.get(key)! });
  }
  // An ALLE group is the sum of the same dimension in each gemeente (a client counts in its own
  // gemeente); a reference group's, of the same dimension in each member wijk.
  for (const group of groups) {
    if (group.block !== 'ALLE') continue;
    const [gemeente, , , ...rest] = group.keys[0]!.split('|');
    const d = rest.join('|');
    const areas = [...new Set(group.inner.map((j) => (gemeente === 'ALLE' ? cellKey(inner[j]!.gemeente, 'gemeente', '', d) : cellKey(inner[j]!.gemeente, 'wijk', inner[j]!.wijk, d))))];
    group.parts = areas.map((key) => {
      const part = groupOf.get(key);
      if (part === undefined) throw new Error(`Interne fout: cel ${group.keys[0]} mist haar deel ${key}.`);
      return part;
    });
  }
  return { inner, groups, groupOf };
}

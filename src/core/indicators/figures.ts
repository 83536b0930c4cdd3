/*
 * What a figure is and which splits are asked for. The figures themselves are SQL on DuckDB
 * (sql/figuresSql.ts), the one engine of both editions.
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

/** Per level the splits of the counts and costs; the empty list is the total. */
export type FigureLevels = readonly { niveau: Level; dimensions: Dimensions }[];

/** The total and every single key. */
export const SINGLE_DIMENSIONS: Dimensions = [[], ...DIMENSION_KEYS.map((k) => [k])];

/** The total, every single key and every pair (productcode|aanbieder is the aanbiedersanalyse). */
export const ALL_DIMENSIONS: Dimensions = [...SINGLE_DIMENSIONS, ...DIMENSION_KEYS.flatMap((a, i) => DIMENSION_KEYS.slice(i + 1).map((b) => [a, b]))];

/**
 * What the figures CSV holds: at gemeente level the total, every key and every pair; per wijk the
 * total and every key. Pairs per wijk (product × aanbieder × wijk) would be millions of mostly
 * tiny cells at a large gemeente; the Overzicht asks for them one wijk at a time when needed.
 */
export const EXPORT_LEVELS: FigureLevels = [
  { niveau: 'gemeente', dimensions: ALL_DIMENSIONS },
  { niveau: 'wijk', dimensions: SINGLE_DIMENSIONS },
];

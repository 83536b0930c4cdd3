import path from 'node:path';
import { UserError } from '../../errors.ts';
import { normaliseLabel } from '../../classification/normaliseLabel.ts';
import { detectSettings, readRows } from '../../import/readers/index.ts';
import { defaultResourcesDir, readResourceTable } from '../../resources/csvTable.ts';
import type { MarginBand } from '../../benchmark/ageStrata.ts';
import { parseCbsNumber } from './cbsNumber.ts';
import { problemList } from './problemList.ts';
import { regionCode, regionKind } from './regionCode.ts';

/**
 * CBS StatLine table 03759ned "Bevolking op 1 januari en gemiddeld; geslacht, leeftijd en regio":
 * the joint age × sex table per gemeente that the Kerncijfers wijken en buurten lack (they give
 * only the two margins). The standardisation uses it as the IPF seed of each gemeente
 * (benchmark/standardisedFigures.ts). Two shapes, never told apart by position:
 *  - the StatLine "CSV export": quoted `;`-separated labels (`"Geslacht";"Leeftijd";"Regio's";
 *    "Perioden";"Bevolking op 1 januari (aantal)"`), cells `Mannen`, `0 tot 5 jaar` or `0 jaar`,
 *    `Amsterdam`, `2024`;
 *  - the OData typed dataset: keys `Geslacht`, `Leeftijd`, `BurgerlijkeStaat`, `RegioS`,
 *    `Perioden`, `BevolkingOp1Januari_1`, cells as codes (`3000`, `10010`, `GM0363`, `2024JJ00`).
 * The codes are data (resources/cbs-03759ned.csv). They are CBS's code lists of 03759ned as
 * used in public code that reads the table, since the catalogue cannot be fetched here:
 * Leeftijd 10000 totaal, 10010 "0 jaar", 10100…19900 "1 jaar"…"99 jaar", 19901…19905
 * "100 jaar"…"104 jaar", 22300 "105 jaar of ouder", 70100…71900 "0 tot 5 jaar"…"90 tot 95 jaar",
 * 22000 "95 jaar of ouder" (github.com/marcopellegrinoit/DHZW_synthetic-population,
 * data/codes/age_codes.csv and agegroup20_codes.csv); Geslacht 3000 mannen, 4000 vrouwen,
 * T001038 totaal (same repository, src/utils-synthetic-population.R `refactor_gender`);
 * BurgerlijkeStaat T001019 totaal (an OData query on 03759ned's TypedDataSet filtering
 * `BurgerlijkeStaat eq 'T001019'`, found in a public Django app's locatie/views.py).
 *
 * A file may hold totals and overlapping groups beside the finest ones (single years and five-year
 * groups): per gemeente the groups that contain no other group are used, and they must cover every
 * age without overlap and each lie within one band of the Kerncijfers margins (0–15, 15–25, …), or
 * the file is refused: a group across a band boundary cannot be split without a guess.
 */
export type BevolkingLayout = 'typeddataset' | 'statline';

/** One cell of the joint table: inhabitants of a gemeente by sex and age group (tot inclusive, null = open). */
export type BevolkingCell = { gemeente: string; geslacht: '1' | '2'; van: number; tot: number | null; aantal: number };

export type BevolkingDataSet = { jaar: number; cells: BevolkingCell[]; gemeenten: string[] };

export type BevolkingFile = {
  layout: BevolkingLayout;
  dataSets: BevolkingDataSet[];
  /** Names no loaded Kerncijfers knows as a gemeente, and how many regions were no gemeente (Nederland, provinces, landsdelen). */
  overgeslagen: { gemeentelijk: string[]; overig: number };
  /** Age codes or labels not understood (aggregate groups not in resources/cbs-03759ned.csv): not used. */
  ongebruikteLeeftijden: string[];
  /** The age groups used, as one line (`0 jaar … 105 jaar of ouder`). */
  leeftijden: string;
  rijen: number;
};

/** The table's columns: the typed-dataset key (without its numeric suffix) and the StatLine label. */
const COLUMNS = [
  { naam: 'geslacht', sleutel: 'geslacht', label: 'geslacht', nodig: true },
  { naam: 'leeftijd', sleutel: 'leeftijd', label: 'leeftijd', nodig: true },
  { naam: 'regio', sleutel: 'regios', label: 'regio s', nodig: true },
  { naam: 'perioden', sleutel: 'perioden', label: 'perioden', nodig: true },
  { naam: 'aantal', sleutel: 'bevolkingop1januari', label: 'bevolking op 1 januari', nodig: true },
  { naam: 'burgerlijkeStaat', sleutel: 'burgerlijkestaat', label: 'burgerlijke staat', nodig: false },
] as const;
type ColumnName = (typeof COLUMNS)[number]['naam'];

const UNIT = /\s*\([^()]*\)\s*$/;
const typedKey = (h: string) => (/^[A-Za-z][A-Za-z0-9_]*$/.test(h.trim()) ? h.trim().replace(/_\d+$/, '').toLowerCase() : null);
const labelKey = (h: string) => normaliseLabel(h.replace(UNIT, ''));

function columnIndex(headers: readonly string[], layout: BevolkingLayout): Partial<Record<ColumnName, number>> {
  const index: Partial<Record<ColumnName, number>> = {};
  for (const c of COLUMNS) {
    const i = headers.findIndex((h) => (layout === 'typeddataset' ? typedKey(h) === c.sleutel : labelKey(h) === c.label));
    if (i >= 0) index[c.naam] = i;
  }
  return index;
}

/** The shape of a 03759ned file from its header, or null when it is none. */
export function detectBevolkingLayout(headers: readonly string[]): BevolkingLayout | null {
  for (const layout of ['typeddataset', 'statline'] as const) {
    const index = columnIndex(headers, layout);
    if (COLUMNS.every((c) => !c.nodig || index[c.naam] !== undefined)) return layout;
  }
  return null;
}

/** resources/cbs-03759ned.csv: per dimension its codes, labels and what they mean here. */
type CodeList = { byCode: Map<string, { label: string; waarde: string }>; byLabel: Map<string, string> };

export function loadBevolkingCodes(dir = defaultResourcesDir): Record<'Geslacht' | 'Leeftijd' | 'BurgerlijkeStaat', CodeList> {
  const lists = { Geslacht: empty(), Leeftijd: empty(), BurgerlijkeStaat: empty() };
  for (const r of readResourceTable(dir, 'cbs-03759ned.csv')) {
    const list = lists[r.dimensie as keyof typeof lists];
    if (!list) throw new Error(`resources/cbs-03759ned.csv: onbekende dimensie ${r.dimensie}`);
    list.byCode.set(r.code!, { label: r.label!, waarde: r.waarde ?? '' });
    list.byLabel.set(normaliseLabel(r.label!), r.waarde ?? '');
  }
  return lists;
}
const empty = (): CodeList => ({ byCode: new Map(), byLabel: new Map() });

/** `0 jaar`, `0 tot 5 jaar`, `jonger dan 5 jaar`, `105 jaar of ouder`, `Totaal`: the ages a label stands for, or null. */
export function ageRangeOfLabel(label: string): { van: number; tot: number | null } | 'totaal' | null {
  const text = normaliseLabel(label);
  if (text === 'totaal' || text === 'totaal leeftijd') return 'totaal';
  const single = /^(\d+) jaar$/.exec(text);
  if (single) return { van: Number(single[1]), tot: Number(single[1]) };
  const group = /^(\d+) tot (\d+) jaar$/.exec(text);
  if (group && Number(group[2]) > Number(group[1])) return { van: Number(group[1]), tot: Number(group[2]) - 1 };
  const younger = /^jonger dan (\d+) jaar$/.exec(text);
  if (younger && Number(younger[1]) > 0) return { van: 0, tot: Number(younger[1]) - 1 };
  const open = /^(\d+) jaar of ouder$/.exec(text);
  if (open) return { van: Number(open[1]), tot: null };
  return null;
}

export function ageRangeLabel(r: { van: number; tot: number | null }): string {
  if (r.tot === null) return `${r.van} jaar of ouder`;
  return r.tot === r.van ? `${r.van} jaar` : `${r.van} tot ${r.tot + 1} jaar`;
}

/** Where a non-gemeente region's label says so: `Nederland`, `Utrecht (PV)`, `Noord-Nederland (LD)`, `Groot-Amsterdam (CR)`. */
const NOT_GEMEENTE = /^nederland$|\((pv|ld|cr|lg)\)\s*$/i;

export type ReadBevolkingOptions = {
  /** Gemeente names of the loaded Kerncijfers, per year (normalised name → GM code), for the StatLine export's `Amsterdam`. */
  gemeenteNamen: ReadonlyMap<number, ReadonlyMap<string, string>>;
  marginBands: readonly MarginBand[];
  jaar?: number;
  signal?: AbortSignal;
  onBytes?: (done: number, total: number) => void;
  codes?: ReturnType<typeof loadBevolkingCodes>;
};

type Seen = { row: number; aantal: number | null };

export async function readCbsBevolking(file: string, options: ReadBevolkingOptions): Promise<BevolkingFile> {
  const label = path.basename(file);
  const codes = options.codes ?? loadBevolkingCodes();
  const { settings } = await detectSettings(file);
  const reader = readRows(file, settings, { signal: options.signal, onBytes: options.onBytes });
  const headers = await reader.headers;
  const layout = detectBevolkingLayout(headers);
  if (layout === null) {
    await reader.close();
    throw new UserError(
      'BEVOLKING_KOLOMMEN',
      `${label}: geen CBS-tabel 03759ned. Verwacht de kolommen Geslacht;Leeftijd;Regio's;Perioden;Bevolking op 1 januari (StatLine) of Geslacht;Leeftijd;RegioS;Perioden;BevolkingOp1Januari_1 (typed dataset).`,
      { file: label },
    );
  }
  const index = columnIndex(headers, layout) as Record<ColumnName, number | undefined>;
  const header = (c: ColumnName) => headers[index[c]!]!;
  const problems = problemList(file);
  // jaar → gemeente → `geslacht|van|tot` → first row and value.
  const found = new Map<number, Map<string, Map<string, Seen>>>();
  const overgeslagen = new Set<string>();
  const overig = new Set<string>();
  const ongebruikt = new Set<string>();
  let rijen = 0;

  const meaning = (list: CodeList, cell: string) => (layout === 'typeddataset' ? list.byCode.get(cell)?.waarde : list.byLabel.get(normaliseLabel(cell)));
  // A national file repeats every name hundreds of times: looked up once per year and name.
  const names = new Map<string, string | null>();
  const nameOf = (jaar: number, name: string): string | null => {
    const cacheKey = `${jaar}|${name}`;
    if (names.has(cacheKey)) return names.get(cacheKey)!;
    const key = normaliseLabel(name.replace(/\s*\(gemeente\)\s*$/i, ''));
    const years = [...options.gemeenteNamen.keys()].sort((a, b) => Math.abs(a - jaar) - Math.abs(b - jaar) || b - a);
    const code = years.map((y) => options.gemeenteNamen.get(y)!.get(key)).find((c) => c !== undefined) ?? null;
    names.set(cacheKey, code);
    return code;
  };

  for await (const batch of reader.batches) {
    for (const { row, cells } of batch) {
      rijen++;
      const text = (c: ColumnName) => {
        const i = index[c];
        const v = i === undefined ? undefined : cells[i];
        return v === null || v === undefined ? '' : String(v).trim();
      };
      if (index.burgerlijkeStaat !== undefined && meaning(codes.BurgerlijkeStaat, text('burgerlijkeStaat')) !== 'totaal') continue;
      const periode = /^((?:19|20)\d\d)(?:JJ00|\*{1,2})?$/i.exec(text('perioden'));
      if (!periode) {
        problems.add(row, header('perioden'), `"${text('perioden').slice(0, 20)}" is geen jaar (verwacht ${layout === 'typeddataset' ? '2024JJ00' : '2024'})`);
        continue;
      }
      const jaar = Number(periode[1]);
      if (options.jaar !== undefined && jaar !== options.jaar) {
        throw new UserError('JAAR_TEGENSTRIJDIG', `${label}: rij ${row} is van ${jaar} (kolom "${header('perioden')}"), maar --jaar zegt ${options.jaar}. Laat --jaar weg of kies het goede bestand.`, { file: label, row, column: header('perioden') });
      }
      const sex = meaning(codes.Geslacht, text('geslacht'));
      if (sex === undefined) {
        problems.add(row, header('geslacht'), `"${text('geslacht').slice(0, 30)}" is geen geslacht van tabel 03759ned (${layout === 'typeddataset' ? '3000, 4000 of T001038' : 'Mannen, Vrouwen of Totaal mannen en vrouwen'})`);
        continue;
      }
      if (sex === 'totaal') continue;
      const ageText = text('leeftijd');
      const ageLabel = layout === 'typeddataset' ? codes.Leeftijd.byCode.get(ageText)?.label : ageText;
      const ages = ageLabel === undefined ? null : ageRangeOfLabel(ageLabel);
      if (ages === null) {
        // CBS adds aggregate groups (0 tot 20 jaar, 20 tot 65 jaar, …) whose codes may be missing from
        // the list: never needed, since the finest groups must cover every age (checked below).
        ongebruikt.add(ageText.slice(0, 30));
        continue;
      }
      if (ages === 'totaal') continue;
      const regio = text('regio');
      const direct = regionCode(regio);
      let gemeente: string | null = direct !== null && regionKind(direct) === 'gemeente' ? direct : null;
      if (gemeente === null) {
        if (direct !== null || layout === 'typeddataset' || NOT_GEMEENTE.test(regio)) {
          overig.add(regio);
          continue;
        }
        gemeente = nameOf(jaar, regio);
        if (gemeente === null) {
          overgeslagen.add(regio);
          continue;
        }
      }
      const value = parseCbsNumber(text('aantal'));
      if (value.kind === 'invalid' || (value.kind === 'value' && value.value < 0)) {
        problems.add(row, header('aantal'), `"${text('aantal').slice(0, 20)}" is geen aantal inwoners`);
        continue;
      }
      const perGemeente = found.get(jaar) ?? new Map<string, Map<string, Seen>>();
      found.set(jaar, perGemeente);
      const cellsOf = perGemeente.get(gemeente) ?? new Map<string, Seen>();
      perGemeente.set(gemeente, cellsOf);
      const key = `${sex}|${ages.van}|${ages.tot ?? ''}`;
      if (cellsOf.has(key)) {
        problems.add(row, header('leeftijd'), `${gemeente} ${jaar} ${sex === '1' ? 'mannen' : 'vrouwen'} ${ageRangeLabel(ages)} staat er al (rij ${cellsOf.get(key)!.row})`);
        continue;
      }
      cellsOf.set(key, { row, aantal: value.kind === 'value' ? value.value : null });
    }
    if (problems.full) break;
  }
  problems.throwIfAny('BEVOLKING_ONGELDIG');

  const dataSets: BevolkingDataSet[] = [];
  let leeftijden = '';
  for (const [jaar, perGemeente] of [...found].sort(([a], [b]) => a - b)) {
    const cells: BevolkingCell[] = [];
    for (const [gemeente, seen] of [...perGemeente].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const groups = finestGroups([...seen.keys()].map(parseKey));
      checkGroups(groups, seen, { gemeente, jaar, column: header('leeftijd'), marginBands: options.marginBands }, problems);
      for (const sex of ['1', '2'] as const) {
        for (const g of groups) {
          const s = seen.get(`${sex}|${g.van}|${g.tot ?? ''}`);
          if (!s || s.aantal === null) {
            const at = s?.row ?? seen.get(`${sex === '1' ? '2' : '1'}|${g.van}|${g.tot ?? ''}`)?.row ?? null;
            problems.add(at, s ? header('aantal') : header('geslacht'), `${gemeente} ${jaar}: geen aantal ${sex === '1' ? 'mannen' : 'vrouwen'} van ${ageRangeLabel(g)}`);
            continue;
          }
          cells.push({ gemeente, geslacht: sex, van: g.van, tot: g.tot, aantal: s.aantal });
        }
      }
      if (leeftijden === '') leeftijden = describeGroups(groups);
    }
    dataSets.push({ jaar, cells, gemeenten: [...perGemeente.keys()].sort() });
  }
  problems.throwIfAny('BEVOLKING_ONGELDIG');
  if (dataSets.length === 0) {
    const why = overgeslagen.size > 0 ? ` De regio's (${[...overgeslagen].slice(0, 5).join(', ')}) zijn geen gemeente uit de ingelezen Kerncijfers: lees eerst de Kerncijfers wijken en buurten in, of exporteer met gemeentecodes.` : '';
    throw new UserError('BEVOLKING_LEEG', `${label}: het bestand bevat geen inwoners van gemeenten naar geslacht en leeftijd.${why}`, { file: label });
  }
  return { layout, dataSets, overgeslagen: { gemeentelijk: [...overgeslagen].sort(), overig: overig.size }, ongebruikteLeeftijden: [...ongebruikt].sort(), leeftijden, rijen };
}

type Group = { van: number; tot: number | null };
const parseKey = (key: string): Group => {
  const [, van, tot] = key.split('|');
  return { van: Number(van), tot: tot === '' ? null : Number(tot) };
};
const end = (g: Group) => (g.tot === null ? Infinity : g.tot);
const contains = (outer: Group, inner: Group) => outer.van <= inner.van && end(inner) <= end(outer) && (outer.van !== inner.van || end(outer) !== end(inner));

/** The groups that contain no other group of the file: single years where CBS gives them, else the five-year groups. */
export function finestGroups(all: readonly Group[]): Group[] {
  const distinct = [...new Map(all.map((g) => [`${g.van}|${g.tot}`, g])).values()];
  return distinct.filter((g) => !distinct.some((other) => contains(g, other))).sort((a, b) => a.van - b.van);
}

function checkGroups(groups: readonly Group[], seen: ReadonlyMap<string, Seen>, where: { gemeente: string; jaar: number; column: string; marginBands: readonly MarginBand[] }, problems: ReturnType<typeof problemList>): void {
  const rowOf = (g: Group) => seen.get(`1|${g.van}|${g.tot ?? ''}`)?.row ?? seen.get(`2|${g.van}|${g.tot ?? ''}`)?.row ?? null;
  let next = 0;
  for (const g of groups) {
    if (g.van > next) problems.add(rowOf(g), where.column, `${where.gemeente} ${where.jaar}: de leeftijden ${ageRangeLabel({ van: next, tot: g.van - 1 })} ontbreken`);
    if (g.van < next) problems.add(rowOf(g), where.column, `${where.gemeente} ${where.jaar}: ${ageRangeLabel(g)} overlapt een andere leeftijdsgroep`);
    next = Math.max(next, end(g) + 1);
    const band = where.marginBands.find((b) => b.van <= g.van && end(g) <= (b.tot === null ? Infinity : b.tot));
    if (!band) {
      const boundary = where.marginBands.find((b) => b.van > g.van && b.van <= end(g))?.van;
      problems.add(
        rowOf(g),
        where.column,
        `de leeftijdsgroep ${ageRangeLabel(g)} valt over de grens${boundary === undefined ? '' : ` van ${boundary} jaar`} van de leeftijdsbanden van de standaardisatie (${where.marginBands.map(ageRangeLabel).join(', ')}); kies in StatLine losse jaren of groepen van 5 jaar`,
      );
    }
  }
  if (next !== Infinity && groups.length > 0) problems.add(rowOf(groups.at(-1)!), where.column, `${where.gemeente} ${where.jaar}: de oudste leeftijdsgroep (… jaar of ouder) ontbreekt`);
}

function describeGroups(groups: readonly Group[]): string {
  if (groups.length <= 3) return groups.map(ageRangeLabel).join(', ');
  return `${groups.length} groepen: ${ageRangeLabel(groups[0]!)}, ${ageRangeLabel(groups[1]!)} … ${ageRangeLabel(groups.at(-1)!)}`;
}

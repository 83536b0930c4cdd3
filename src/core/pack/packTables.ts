import { SUPPRESSED_MARK } from '../../shared/packStatus.ts';
import { loadIndicatorDefinitions } from '../indicators/definitions.ts';
import { TREND_INDICATORS } from '../benchmark/trends.ts';
import { MIN_EXPECTED_SHOWN } from '../benchmark/indirectStandardisation.ts';
import { KOSTEN_BRON_TITELS, KOSTEN_BRONNEN, markKostenBron, MET_TOEREKENING } from '../lasten/kostenBron.ts';
import type { IjkInput } from './ijkperiode.ts';
import type { PackInput } from './packInput.ts';
import type { ReleaseRow } from './releaseRows.ts';

/*
 * The pack's content as tables, built once and rendered twice (Excel sheets, PDF pages), so the
 * workbook and the report can never disagree. A cell holds a release value as it is (no sums:
 * nothing in a pack is computed from what disclosure control hid), a text, or the suppression
 * mark. The one exception is the change against the ijkperiode: the difference of two published
 * values of two published releases, and the suppression mark as soon as either side is suppressed.
 */

export { SUPPRESSED_MARK };
export const SUPPRESSED_NOTE = `${SUPPRESSED_MARK} = onderdrukt: minder dan 5 cliënten, of af te leiden uit andere gepubliceerde cijfers (onthullingscontrole). Een leeg vak: dit cijfer bestaat niet voor dit gebied.`;

export type Unit = 'tekst' | 'aantal' | 'euro' | 'getal' | 'ratio';
export type Cell = string | number | null | { onderdrukt: true };
export type PackTable = { sheet: string; titel: string; uitleg: string; kolommen: { kop: string; soort: Unit }[]; rijen: Cell[][] };

const names = new Map(loadIndicatorDefinitions().map((d) => [d.code, d]));
const EXTRA_NAMES: Record<string, string> = { verwacht: 'Verwacht aantal cliënten', sr: 'Gestandaardiseerde ratio (sr)', sr_onder: 'sr, ondergrens 95 %', sr_boven: 'sr, bovengrens 95 %', cbs_jaar: 'CBS-jaar van de inwonertallen', inwoners: 'Inwoners' };
export const indicatorName = (code: string) => names.get(code)?.naam ?? EXTRA_NAMES[code] ?? code;

/** The key figures of the summary and of every wijk, in this order. */
export const KEY_INDICATORS = ['clienten', 'huishoudens', 'voorzieningen', 'kosten', 'kosten_per_client', 'clienten_per_1000', 'kosten_per_inwoner', 'instroom', 'uitstroom'] as const;
const WIJK_INDICATORS = ['clienten', 'kosten', 'kosten_per_client', 'clienten_per_1000', 'kosten_per_inwoner'] as const;
const SR_INDICATORS = ['verwacht', 'sr', 'sr_onder', 'sr_boven', 'sr_funnel95_onder', 'sr_funnel95_boven'] as const;
/** The rates a wijk is compared on with its reference group: counts and sums differ by size, rates do not. */
const GROUP_RATES = new Set<string>(['kosten_per_client', 'clienten_per_1000', 'kosten_per_inwoner']);
export const SR_NOT_SHOWN = `niet getoond (verwacht < ${MIN_EXPECTED_SHOWN})`;

export function unitOf(indicator: string): Unit {
  const eenheid = names.get(indicator)?.eenheid;
  if (indicator.startsWith('sr')) return 'ratio';
  if (eenheid === 'euro' || indicator.startsWith('kosten')) return 'euro';
  if (eenheid === 'aantal') return 'aantal';
  return 'getal';
}

/** Lookup over the release: a missing row is null, a suppressed one the mark. */
export function releaseIndex(rows: readonly ReleaseRow[]) {
  const byKey = new Map<string, ReleaseRow>();
  for (const r of rows) byKey.set(`${r.gemeente}|${r.wijk}|${r.indicator}|${r.dimensie}`, r);
  return (gemeente: string, wijk: string, indicator: string, dimensie = ''): Cell => {
    const r = byKey.get(`${gemeente}|${wijk}|${indicator}|${dimensie}`);
    if (!r) return null;
    return r.status === 'onderdrukt' ? { onderdrukt: true } : r.waarde;
  };
}

/** The trends sheet: issue 13's trend indicators, then the inflow and outflow of both periods. */
const TRENDS_INDICATORS = [...TREND_INDICATORS, 'instroom', 'uitstroom'] as const;

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** P − I and the change in % of I, only where both are published numbers; a suppressed side gives the mark, never a number. */
export function changeCells(p: Cell, i: Cell): [Cell, Cell] {
  if (p === null || i === null || typeof p === 'string' || typeof i === 'string') return [null, null];
  if (typeof p === 'object' || typeof i === 'object') return [{ onderdrukt: true }, { onderdrukt: true }];
  return [round(p - i, 2), i === 0 ? null : round(((p - i) / i) * 100, 1)];
}

/** The ijkperiode's value of an area, only where the comparison may be made (same key, same members). */
function ijkIndex(ijk: IjkInput, gemeente: string) {
  const value = releaseIndex(ijk.release);
  return (g: string, wijk: string, indicator: string, dimensie = ''): Cell => {
    const allowed = g === gemeente ? ijk.eigen : ijk.alle && (g === 'ALLE' || g === '');
    return allowed ? value(g, wijk, indicator, dimensie) : null;
  };
}

/** One sentence on the ijkperiode and each reason a part is not compared. */
export function ijkUitleg(ijk: IjkInput, periode: string): string {
  const head = ijk.periode === null ? '' : ijk.aangemaakt === null ? `Ijkperiode ${ijk.periode}.` : `Ijkperiode ${ijk.periode}: de cijfers uit de onderdrukte publicatie van ${releaseDate(ijk.aangemaakt)}, ${periode} uit deze release; verandering = ${periode} − ${ijk.periode}, in % van ${ijk.periode}, alleen waar beide gepubliceerd zijn.`;
  return [head, ...ijk.notes].filter(Boolean).join(' ');
}

/**
 * The summary's comparison with the reference groups. A gemeente has no reference group of its own
 * (groups are groups of wijken), and a weighted mix of its wijken's groups would be a number the
 * release does not hold; so the summary counts its wijken above and below their group, each pair
 * of published values compared as it stands in the Wijken sheet.
 */
export function groupComparison(wijkValues: readonly [Cell, Cell][]): string {
  let hoger = 0, lager = 0, gelijk = 0, open = 0;
  for (const [wijk, groep] of wijkValues) {
    if (typeof wijk !== 'number' || typeof groep !== 'number') open++;
    else if (wijk > groep) hoger++;
    else if (wijk < groep) lager++;
    else gelijk++;
  }
  const compared = hoger + lager + gelijk;
  if (compared === 0) return wijkValues.length === 0 ? 'geen wijken met een referentiegroep' : 'niet te vergelijken (onderdrukt of niet gepubliceerd)';
  const parts = [`hoger in ${hoger} van ${compared} wijken`, `lager in ${lager}`, ...(gelijk ? [`gelijk in ${gelijk}`] : []), ...(open ? [`${open} niet te vergelijken`] : [])];
  return parts.join(', ');
}

/** `pijler=WMO|leefdomein=LD03` → { pijler: 'WMO', leefdomein: 'LD03' }. */
function dimensionParts(dimensie: string): Record<string, string> {
  return Object.fromEntries(dimensie.split('|').filter(Boolean).map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
}

export function packTables(input: PackInput): PackTable[] {
  const gm = input.gemeente.code;
  const value = releaseIndex(input.release);
  const own = input.release.filter((r) => r.gemeente === gm);
  const gemeenteDims = (test: (parts: Record<string, string>) => boolean, indicator: string) =>
    [...new Set(own.filter((r) => r.wijk === '' && r.indicator === indicator && r.dimensie !== '' && test(dimensionParts(r.dimensie))).map((r) => r.dimensie))].sort();
  const groupOf = new Map(input.wijken.map((w) => [w.code, w.groep]));
  const vs = (indicator: string, dimensie = '') => [value(gm, '', indicator, dimensie), value('ALLE', '', indicator, dimensie)];
  const base = ijkIndex(input.ijk, gm);
  const ijkKop = input.ijk.periode ?? 'ijkperiode';
  // "t.o.v. ijkperiode 2025Q3", or just "t.o.v. ijkperiode" when there is none (not "ijkperiode ijkperiode").
  const tovIjk = input.ijk.periode === null ? 't.o.v. ijkperiode' : `t.o.v. ijkperiode ${input.ijk.periode}`;
  const vsIjk = (g: string, wijk: string, indicator: string, dimensie = ''): Cell[] => {
    const [p, i] = [value(g, wijk, indicator, dimensie), base(g, wijk, indicator, dimensie)];
    return [i, p, ...changeCells(p, i)];
  };
  // With lasten every cost figure is the total with toerekening, and the release holds its two parts beside it (kostenBron.ts).
  const toerekening = (i: string) => own.some((r) => r.wijk === '' && r.indicator === i && r.dimensie === markKostenBron('', 'client'));
  const summaryRow = (i: string, dimensie: string, naam: string): Cell[] => {
    const [ijk, , ...change] = vsIjk(gm, '', i, dimensie);
    const grouped = input.wijken.filter((w) => w.groep);
    const tovGroep = GROUP_RATES.has(i) ? groupComparison(grouped.map((w): [Cell, Cell] => [value(gm, w.code, i, dimensie), value('', w.groep!, i, dimensie)])) : null;
    return [naam, ...vs(i, dimensie), ijk!, ...change, tovGroep];
  };

  const samenvatting: PackTable = {
    sheet: 'Samenvatting',
    titel: 'Managementsamenvatting',
    uitleg: `Kerncijfers van ${input.gemeente.naam} over ${input.periode} naast alle deelnemende gemeenten samen (ALLE), de verandering t.o.v. de ijkperiode, en bij de cijfers per cliënt en per inwoner in hoeveel wijken de gemeente boven of onder de referentiegroep van die wijk ligt (zie het blad Wijken). ${ijkUitleg(input.ijk, input.periode)}`.trim(),
    kolommen: [
      { kop: 'Indicator', soort: 'tekst' }, { kop: input.gemeente.naam, soort: 'getal' }, { kop: 'Alle gemeenten', soort: 'getal' },
      { kop: `${input.gemeente.naam}, ${ijkKop}`, soort: 'getal' }, { kop: `Verandering ${tovIjk}`, soort: 'getal' }, { kop: 'Verandering in %', soort: 'ratio' },
      { kop: 'Wijken t.o.v. hun referentiegroep', soort: 'tekst' },
    ],
    rijen: KEY_INDICATORS.flatMap((i) =>
      toerekening(i)
        ? [summaryRow(i, '', `${indicatorName(i)} ${MET_TOEREKENING}`), ...KOSTEN_BRONNEN.map((b) => summaryRow(i, markKostenBron('', b), `${indicatorName(i)} ${KOSTEN_BRON_TITELS[b]}`))]
        : [summaryRow(i, '', indicatorName(i))],
    ),
  };
  const wijken: PackTable = {
    sheet: 'Wijken',
    titel: 'Wijken naast hun referentiegroep, de gemeente en alle gemeenten',
    uitleg: 'Per wijk de indicatoren; de referentiegroep is de groep vergelijkbare wijken (CBS-profiel) waarin de wijk valt. Cijfers van een referentiegroep staan er alleen als de centrale release ze gepubliceerd heeft.',
    kolommen: [
      { kop: 'Wijk', soort: 'tekst' }, { kop: 'Wijknaam', soort: 'tekst' }, { kop: 'Referentiegroep', soort: 'tekst' }, { kop: 'Indicator', soort: 'tekst' },
      { kop: 'Wijk', soort: 'getal' }, { kop: 'Referentiegroep', soort: 'getal' }, { kop: 'Gemeente', soort: 'getal' }, { kop: 'Alle gemeenten', soort: 'getal' },
    ],
    rijen: input.wijken.flatMap((w) =>
      WIJK_INDICATORS.map((i) => [w.code, w.naam, w.groep ?? '', indicatorName(i), value(gm, w.code, i), w.groep ? value('', w.groep, i) : null, value(gm, '', i), value('ALLE', '', i)]),
    ),
  };
  const waaier: PackTable = {
    sheet: 'Leefdomeinen en pijlers',
    titel: 'Leefdomeinen en pijlers (de waaier)',
    uitleg: 'Cliënten en kosten per pijler en per leefdomein; een cliënt telt in elke pijler en elk leefdomein waarin hij een voorziening heeft.',
    kolommen: [{ kop: 'Uitsplitsing', soort: 'tekst' }, { kop: 'Code', soort: 'tekst' }, { kop: 'Cliënten', soort: 'aantal' }, { kop: 'Cliënten, alle gemeenten', soort: 'aantal' }, { kop: 'Kosten', soort: 'euro' }, { kop: 'Kosten, alle gemeenten', soort: 'euro' }],
    rijen: (['pijler', 'leefdomein'] as const).flatMap((key) =>
      gemeenteDims((p) => Object.keys(p).length === 1 && key in p, 'clienten').map((d) => [key, dimensionParts(d)[key]!, ...vs('clienten', d), ...vs('kosten', d)]),
    ),
  };
  const stapeling: PackTable = {
    sheet: 'Stapeling',
    titel: 'Stapeling van pijlers',
    uitleg: indicatorName('stapeling') + ': cliënten naar de combinatie van pijlers waarin zij een voorziening hebben.',
    kolommen: [{ kop: 'Combinatie van pijlers', soort: 'tekst' }, { kop: 'Cliënten', soort: 'aantal' }, { kop: 'Cliënten, alle gemeenten', soort: 'aantal' }],
    rijen: [...new Set(own.filter((r) => r.wijk === '' && r.indicator === 'stapeling').map((r) => r.dimensie))].sort().map((d) => [d.replace(/^pijler=/, ''), ...vs('stapeling', d)]),
  };
  const aanbieders: PackTable = {
    sheet: 'Aanbieders',
    titel: 'Aanbiedersanalyse',
    uitleg: 'Per product en aanbieder (AGB-code) de cliënten, de kosten en de kosten per cliënt.',
    kolommen: [{ kop: 'Productcode', soort: 'tekst' }, { kop: 'Aanbieder', soort: 'tekst' }, { kop: 'Cliënten', soort: 'aantal' }, { kop: 'Kosten', soort: 'euro' }, { kop: 'Kosten per cliënt', soort: 'euro' }],
    rijen: gemeenteDims((p) => 'productcode' in p && 'aanbieder' in p, 'clienten').map((d) => {
      const p = dimensionParts(d);
      return [p.productcode!, p.aanbieder!, value(gm, '', 'clienten', d), value(gm, '', 'kosten', d), value(gm, '', 'kosten_per_client', d)];
    }),
  };
  const areas: [string, string, string][] = [[gm, '', input.gemeente.naam], ...input.wijken.map((w): [string, string, string] => [gm, w.code, `${w.code} ${w.naam}`]), ['ALLE', '', 'Alle gemeenten']];
  const trends: PackTable = {
    sheet: 'Trends',
    titel: `${input.periode} ${tovIjk}: cliënten, kosten en cijfers per inwoner`,
    uitleg: `Per gebied de cliënten, kosten, cijfers per inwoner, instroom en uitstroom in de ijkperiode en in ${input.periode}, met de verandering. ${ijkUitleg(input.ijk, input.periode) || 'Geen ijkperiode.'}`,
    kolommen: [{ kop: 'Gebied', soort: 'tekst' }, { kop: 'Indicator', soort: 'tekst' }, { kop: ijkKop, soort: 'getal' }, { kop: input.periode, soort: 'getal' }, { kop: 'Verandering', soort: 'getal' }, { kop: 'Verandering in %', soort: 'ratio' }],
    rijen: areas.flatMap(([g, wijk, naam]) => TRENDS_INDICATORS.map((i) => [naam, indicatorName(i), ...vsIjk(g, wijk, i)])),
  };
  const srAreas = [...new Set(own.filter((r) => r.indicator === 'sr').map((r) => `${r.wijk}#${r.dimensie}`))].sort();
  const sr: PackTable = {
    sheet: 'Gestandaardiseerd',
    titel: 'Gestandaardiseerde ratio’s (sr) met 95 %-interval',
    uitleg: `sr = waargenomen / verwacht × 100, verwacht uit indirecte standaardisatie op leeftijd × geslacht tegen alle deelnemende gemeenten. Boven 100: meer cliënten dan de bevolkingsopbouw doet verwachten; ligt 100 binnen het interval, dan is het verschil niet zeker. Bij minder dan ${MIN_EXPECTED_SHOWN} verwachte cliënten is de sr te onzeker en wordt zij niet getoond. De trechtergrenzen (95 %) zijn de grenzen waarbinnen de sr van een gebied met dit verwachte aantal bij toeval valt; de trechtergrafiek zet de wijken ertegen af.`,
    kolommen: [{ kop: 'Gebied', soort: 'tekst' }, { kop: 'Referentiegroep', soort: 'tekst' }, { kop: 'Uitsplitsing', soort: 'tekst' }, { kop: 'Cliënten', soort: 'aantal' }, ...SR_INDICATORS.map((i) => ({ kop: indicatorName(i), soort: unitOf(i) === 'ratio' ? ('ratio' as const) : ('getal' as const) }))],
    rijen: srAreas.map((k) => {
      const [wijk, dimensie] = k.split('#') as [string, string];
      const verwacht = value(gm, wijk, 'verwacht', dimensie);
      // A display rule, not disclosure control: the ratio exists, but on so few expected clients it says nothing.
      const hidden = typeof verwacht === 'number' && verwacht < MIN_EXPECTED_SHOWN;
      return [wijk || input.gemeente.naam, groupOf.get(wijk) ?? '', dimensie, value(gm, wijk, 'clienten', dimensie), ...SR_INDICATORS.map((i) => (hidden && i !== 'verwacht' ? SR_NOT_SHOWN : value(gm, wijk, i, dimensie)))];
    }),
  };
  const data: PackTable = {
    sheet: 'Data',
    titel: 'Alle cijfers van de gemeente (lange tabel)',
    uitleg: 'De rijen van de centrale release voor deze gemeente en haar wijken, zoals in cijfers.csv van het benchmarkbestand.',
    kolommen: [{ kop: 'periode', soort: 'tekst' }, { kop: 'gemeente', soort: 'tekst' }, { kop: 'wijk', soort: 'tekst' }, { kop: 'indicator', soort: 'tekst' }, { kop: 'dimensie', soort: 'tekst' }, { kop: 'waarde', soort: 'getal' }, { kop: 'status', soort: 'tekst' }],
    rijen: own.map((r) => [r.periode, r.gemeente, r.wijk, r.indicator, r.dimensie, r.status === 'onderdrukt' ? { onderdrukt: true } : r.waarde, r.status]),
  };
  return [samenvatting, wijken, waaier, stapeling, aanbieders, trends, sr, data];
}

/** The contents sheet / title page: what the pack is, which release, its status and toelichting. */
export function packContents(input: PackInput, tables: readonly PackTable[]): [string, string][] {
  return [
    ['Wat', `Kwartaalpakket Wijkmonitor voor ${input.gemeente.naam} (${input.gemeente.code})`],
    ['Periode', input.periode],
    ['Status', input.setting.status],
    ['Centrale release van', releaseDate(input.aangemaakt)],
    ['Ijkperiode', input.ijk.periode === null ? 'geen ijkperiode' : `${input.ijk.periode}${input.ijk.aangemaakt ? ` (publicatie van ${releaseDate(input.ijk.aangemaakt)})` : ' (geen publicatie)'}`],
    ['Toelichting', input.setting.toelichting || '(geen toelichting)'],
    ['Onderdrukking', SUPPRESSED_NOTE],
    ['Bron', `Bron: leveringen van de deelnemende gemeenten; inwoners en wijkprofielen: CBS, Kerncijfers wijken en buurten${input.cbsJaar === null ? '' : ` ${input.cbsJaar}`}. Bron: CBS.`],
    ...tables.map((t, i): [string, string] => [`Blad ${i + 2}`, `${t.sheet}: ${t.titel}`]),
  ];
}

/** `2026-12-01T14:00:00Z` → `1 december 2026`. */
export function releaseDate(iso: string): string {
  return new Date(iso).toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });
}

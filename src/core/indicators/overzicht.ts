import type { OverzichtCijfers, OverzichtTabel, TabelKeuze, TabelKolom } from '../../shared/api.ts';
import { UserError } from '../errors.ts';
import { parsePeriode, type Periode } from '../period/periode.ts';
import type { ReferenceTables } from '../resources/referenceTables.ts';
import type { Db } from '../store/database.ts';
import { aanbiederNames, aanbiedersanalyse } from './aanbiedersanalyse.ts';
import type { AnalysisFilter } from './analysisFilter.ts';
import { loadIndicatorDefinitions } from './definitions.ts';
import { DIMENSION_KEYS, type Figure, type FigureLevels } from './figures.ts';
import { informatievragen, type KostenAntwoorden } from './informatievragen.ts';
import { availablePeriods, type PeriodScope } from './periodScope.ts';
import { computeFiguresSql } from './sql/figuresSql.ts';
import { buildDuckScope } from './sql/recordTables.ts';
import { withStoreFigures, type StoreFigures } from './storeRecordSet.ts';
import { programmeringTabel } from './programmeringTabel.ts';
import { listProgrammering } from '../programmering/programmeringTable.ts';
import { KOSTEN_BRONNEN, kostenBronNaam, kostenCellen, kostenKolommen, markKostenBron, perKostenBron, splitKostenBron, type PerKostenBron } from '../lasten/kostenBron.ts';
import { REGEL_OMSCHRIJVING } from '../lasten/toerekeningRegels.ts';

/*
 * The gemeente's Overzicht: its own figures, unsuppressed (internal use), from the store's
 * records through the same SQL engine the analyst edition and `figures` use. Every table the page
 * shows is built here, so what the page shows and what an export holds are the same numbers.
 */

const TREND_QUARTERS = 8;

export function overzichtPerioden(db: Db): Promise<string[]> {
  return withStoreFigures(db, async ({ set }) => availablePeriods(set.loaded()));
}

/** Builds the period's scope tables (fv, fh) in the store's DuckDB; refuses a period without records. */
async function scopeFor(store: StoreFigures, code: string, filter: AnalysisFilter = {}): Promise<PeriodScope> {
  const periode = parsePeriode(code);
  const scope = await buildDuckScope(store.connection, store.set, periode, filter);
  if (scope.bronnen.length === 0) throw new UserError('GEEN_IMPORT', `Er is niets ingelezen voor periode ${periode.code}. Kies een periode uit de lijst.`);
  return scope;
}

/** The figures of the scope just built. */
function figures(store: StoreFigures, scope: PeriodScope, ref: ReferenceTables, levels: FigureLevels): Promise<Figure[]> {
  return computeFiguresSql(store.connection, { periode: scope.periode, vorige: scope.vorige, levels, pijlerVolgorde: ref.pijlers.map((p) => p.code) });
}

const pick = (all: Figure[], indicator: string, dimensie = '', gebied = '') =>
  all.find((f) => f.indicator === indicator && f.dimensie === dimensie && f.gebied === gebied)?.waarde ?? null;

const TILES = ['clienten', 'huishoudens', 'kosten', 'kosten_per_client'];

export function overzichtCijfers(db: Db, ref: ReferenceTables, code: string, vergelijk: string | null): Promise<OverzichtCijfers> {
  return withStoreFigures(db, (store) => cijfers(store, ref, code, vergelijk));
}

async function cijfers(store: StoreFigures, ref: ReferenceTables, code: string, vergelijk: string | null): Promise<OverzichtCijfers> {
  const { nietIngedeeld } = store;
  const scope = await scopeFor(store, code);
  const main = await figures(store, scope, ref, [
    { niveau: 'gemeente', dimensions: [[], ['pijler'], ['pijler', 'leefdomein']] },
    { niveau: 'wijk', dimensions: [[]] },
  ]);
  const gemeente = main.filter((f) => f.niveau === 'gemeente');
  const wijk = main.filter((f) => f.niveau === 'wijk');
  const compared = vergelijk ? await figures(store, await scopeFor(store, vergelijk), ref, [{ niveau: 'gemeente', dimensions: [[]] }]) : [];

  const waarschuwingen: string[] = [];
  if (scope.zonderVorigePeriode.length > 0) {
    waarschuwingen.push(`De periode vóór ${scope.periode.code} (${scope.vorige.code}) is niet ingelezen: de instroom telt iedereen die in ${scope.periode.code} begint.`);
  }
  for (const l of scope.toerekening?.nietToegerekend ?? []) {
    waarschuwingen.push(`Lasten van ${formatEuro(l.kosten)} voor product ${l.productcode}${l.aanbieder ? ` bij ${l.aanbieder}` : ''} (${l.periode}) zijn niet toegerekend: geen voorziening van dat product${l.aanbieder ? ' bij die aanbieder' : ''} loopt in de periode.`);
  }
  if (nietIngedeeld > 0) waarschuwingen.push(`${nietIngedeeld} voorzieningen hebben een product dat nog niet is ingedeeld; ze tellen mee als "niet ingedeeld". Deel ze in onder Producten.`);

  return {
    periode: scope.periode.code,
    vergelijk: vergelijk ? parsePeriode(vergelijk).code : null,
    tegels: TILES.map((indicator) => ({ indicator, waarde: pick(gemeente, indicator), vergelijk: vergelijk ? pick(compared, indicator) : null })),
    wijken: [...new Set(wijk.map((f) => f.gebied))].sort().map((code) => ({ wijk: code, clienten: pick(wijk, 'clienten', '', code) ?? 0, kosten: pick(wijk, 'kosten', '', code) })),
    waaier: waaierOf(gemeente, ref).map(({ leefdomein, naam, pijler, clienten, kosten }) => ({ leefdomein, naam, pijler, clienten, kosten })),
    stapeling: gemeente
      .filter((f) => f.indicator === 'stapeling')
      .map((f) => ({ combinatie: f.dimensie.slice('pijler='.length), clienten: f.waarde }))
      .sort((a, b) => b.clienten - a.clienten),
    stromen: {
      instroom: pick(gemeente, 'instroom') ?? 0,
      uitstroom: pick(gemeente, 'uitstroom') ?? 0,
      beginstand: (pick(gemeente, 'clienten') ?? 0) - (pick(gemeente, 'instroom') ?? 0),
      eindstand: (pick(gemeente, 'clienten') ?? 0) - (pick(gemeente, 'uitstroom') ?? 0),
    },
    trend: (await trend(store, ref, scope.periode)).map(({ periode, clienten, kosten, instroom, uitstroom }) => ({ periode, clienten, kosten, instroom, uitstroom })),
    toerekening: scope.toerekening
      ? {
          toegerekend: pick(gemeente, 'kosten', markKostenBron('', 'toegerekend')),
          kostenZonder: pick(gemeente, 'kosten', markKostenBron('', 'client')),
          kostenPerClientZonder: pick(gemeente, 'kosten_per_client', markKostenBron('', 'client')),
        }
      : null,
    waarschuwingen,
  };
}

function formatEuro(n: number): string {
  return `€ ${n.toLocaleString('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** Clients and costs per leefdomein and pijler, from figures split by both; the costs also per kosten_bron when there are lasten. */
function waaierOf(gemeente: Figure[], ref: ReferenceTables) {
  const leefdomeinNaam = new Map(ref.leefdomeinen.map((l) => [l.code, l.naam]));
  const toerekend = gemeente.some((f) => splitKostenBron(f.dimensie).bron !== null);
  return gemeente
    .filter((f) => f.indicator === 'clienten' && f.dimensie.includes('|leefdomein='))
    .map((f) => {
      const [pijler, leefdomein] = f.dimensie.split('|').map((part) => part.slice(part.indexOf('=') + 1)) as [string, string];
      const kosten = pick(gemeente, 'kosten', f.dimensie);
      return { leefdomein, naam: leefdomeinNaam.get(leefdomein) ?? leefdomein, pijler, clienten: f.waarde, kosten, kostenPerBron: perKostenBron(toerekend, (b) => pick(gemeente, 'kosten', markKostenBron(f.dimensie, b))) };
    })
    .sort((a, b) => a.leefdomein.localeCompare(b.leefdomein) || a.pijler.localeCompare(b.pijler));
}

type TrendRij = OverzichtCijfers['trend'][number] & { kostenPerBron: PerKostenBron<number | null> };

/** Quarter by quarter up to the chosen period, each computed from its own records. */
async function trend(store: StoreFigures, ref: ReferenceTables, until: Periode): Promise<TrendRij[]> {
  const quarters = availablePeriods(store.set.loaded())
    .filter((code) => /Q\d$/.test(code))
    .map(parsePeriode)
    .filter((p) => p.eind <= until.eind)
    .sort((a, b) => a.begin.localeCompare(b.begin))
    .slice(-TREND_QUARTERS);
  const out: TrendRij[] = [];
  for (const p of quarters) {
    const scope = await buildDuckScope(store.connection, store.set, p);
    const all = await figures(store, scope, ref, [{ niveau: 'gemeente', dimensions: [[]] }]);
    // A quarter without lasten: its costs are all recorded per client, nothing allocated.
    const kostenPerBron = perKostenBron(true, (b) => (scope.toerekening ? pick(all, 'kosten', markKostenBron('', b)) : b === 'client' ? pick(all, 'kosten') : null));
    out.push({ periode: p.code, clienten: pick(all, 'clienten') ?? 0, kosten: pick(all, 'kosten'), instroom: pick(all, 'instroom') ?? 0, uitstroom: pick(all, 'uitstroom') ?? 0, kostenPerBron });
  }
  return out;
}

/** The figures a split can show, in this order (those the split does not have are left out). */
const SPLIT_INDICATORS = [
  'clienten', 'huishoudens', 'voorzieningen', 'kosten', 'kosten_per_client', 'instroom', 'uitstroom', 'herhaald_beroep',
  'zorgduur_beeindigd', 'zorgduur_lopend', 'wachttijd', 'clienten_jeugd_tot_18', 'clienten_jeugd_18_plus',
];

/** A column titled as the indicator's own definition names it (resources/indicatoren.csv). */
const definitions = new Map(loadIndicatorDefinitions().map((d) => [d.code, d]));
const UNIT_SOORT: Record<string, TabelKolom['soort']> = { aantal: 'aantal', euro: 'euro', procent: 'procent' };
function indicatorColumn(code: string): TabelKolom {
  const d = definitions.get(code)!;
  return { naam: code, titel: d.eenheid === 'dagen' ? `${d.naam} (dagen)` : d.naam, soort: UNIT_SOORT[d.eenheid] ?? 'getal' };
}

const col = (naam: string, titel: string, soort: TabelKolom['soort']): TabelKolom => ({ naam, titel, soort });

export function overzichtTabel(db: Db, ref: ReferenceTables, keuze: TabelKeuze): Promise<OverzichtTabel> {
  const { tabel } = keuze;
  // The programmering's targets are the store's own table, beside the records.
  if (tabel === 'programmering') return withStoreFigures(db, (store) => programmeringTabel(store, listProgrammering(db), keuze.periode, keuze.pijler));
  if (tabel === 'toerekening') return withStoreFigures(db, (store) => toerekeningTabel(store, ref, keuze.periode));
  return withStoreFigures(db, (store) => table(store, ref, { ...keuze, tabel }));
}

/** Every lasten row of the period: the rule that allocated it, to how many, and the totals with and without. */
async function toerekeningTabel(store: StoreFigures, ref: ReferenceTables, code: string): Promise<OverzichtTabel> {
  const scope = await scopeFor(store, code);
  const all = await figures(store, scope, ref, [{ niveau: 'gemeente', dimensions: [[]] }]);
  const lasten = scope.toerekening?.lasten ?? [];
  const total = (label: string, kosten: number | null) => ({ productcode: label, aanbieder: '', regel: '', kosten, clienten: null, voorzieningen: null, subtotaal: true });
  return {
    titel: `Toerekening van lasten, periode ${scope.periode.code}`,
    kolommen: [
      col('productcode', 'Product', 'tekst'), col('aanbieder', 'Aanbieder', 'tekst'), col('regel', 'Verdeeld', 'tekst'), col('kosten', 'Lasten', 'euro'),
      col('clienten', 'Cliënten', 'aantal'), col('voorzieningen', 'Voorzieningen', 'aantal'),
    ],
    rijen:
      lasten.length === 0
        ? []
        : [
            ...lasten.map((l) => ({ productcode: l.productcode, aanbieder: l.aanbieder || 'alle aanbieders', regel: l.voorzieningen === 0 ? 'niet toegerekend' : REGEL_OMSCHRIJVING[l.regel], kosten: l.kosten, clienten: l.clienten, voorzieningen: l.voorzieningen })),
            total('Kosten zonder toerekening', pick(all, 'kosten', markKostenBron('', 'client'))),
            total('Toegerekende lasten', pick(all, 'kosten', markKostenBron('', 'toegerekend'))),
            total('Kosten met toerekening', pick(all, 'kosten')),
          ],
  };
}

async function table(store: StoreFigures, ref: ReferenceTables, keuze: TabelKeuze & { tabel: Exclude<TabelKeuze['tabel'], 'programmering' | 'toerekening'> }): Promise<OverzichtTabel> {
  const { periode: code, tabel, pijler } = keuze;
  const filter = pijler ? { pijler } : {};
  // The tables of one pillar narrow the period's voorzieningen; the others show all of them.
  const scope = await scopeFor(store, code, tabel === 'aanbieders' || tabel === 'uitsplitsing' || tabel === 'informatievragen' ? filter : {});
  const titel = (name: string) => `${name}, periode ${scope.periode.code}${pijler ? `, pijler ${pijler}` : ''}`;
  switch (tabel) {
    case 'wijken': {
      const all = await figures(store, scope, ref, [{ niveau: 'wijk', dimensions: [[]] }]);
      const wijken = [...new Set(all.map((f) => f.gebied))].sort();
      const toerekend = scope.toerekening !== undefined;
      const perBron = (indicator: string, w: string) => kostenCellen(indicator, perKostenBron(toerekend, (b) => pick(all, indicator, markKostenBron('', b), w)));
      return {
        titel: titel('Cijfers per wijk'),
        kolommen: [
          col('wijk', 'Wijk', 'tekst'), col('clienten', 'Cliënten', 'aantal'), col('huishoudens', 'Huishoudens', 'aantal'), col('voorzieningen', 'Voorzieningen', 'aantal'),
          ...kostenKolommen(col('kosten', 'Kosten', 'euro'), toerekend),
          ...kostenKolommen(col('kosten_per_client', 'Kosten per cliënt', 'euro'), toerekend),
          col('instroom', 'Instroom', 'aantal'), col('uitstroom', 'Uitstroom', 'aantal'),
        ],
        rijen: wijken.map((w) => ({
          wijk: w,
          ...Object.fromEntries(['clienten', 'huishoudens', 'voorzieningen', 'kosten', 'kosten_per_client', 'instroom', 'uitstroom'].map((i) => [i, pick(all, i, '', w)])),
          ...perBron('kosten', w),
          ...perBron('kosten_per_client', w),
        })),
      };
    }
    case 'waaier': {
      const waaier = waaierOf(await figures(store, scope, ref, [{ niveau: 'gemeente', dimensions: [['pijler', 'leefdomein']] }]), ref);
      const toerekend = scope.toerekening !== undefined;
      return {
        titel: titel('Leefdomeinen en pijlers'),
        kolommen: [col('leefdomein', 'Leefdomein', 'tekst'), col('naam', 'Naam', 'tekst'), col('pijler', 'Pijler', 'tekst'), col('clienten', 'Cliënten', 'aantal'), ...kostenKolommen(col('kosten', 'Kosten', 'euro'), toerekend)],
        rijen: waaier.map(({ kostenPerBron, ...w }) => ({ ...w, ...kostenCellen('kosten', toerekend ? kostenPerBron : null) })),
      };
    }
    case 'stapeling': {
      const all = await figures(store, scope, ref, [{ niveau: 'gemeente', dimensions: [[]] }]);
      const households = new Map(all.filter((f) => f.indicator === 'stapeling_huishoudens').map((f) => [f.dimensie, f.waarde]));
      return {
        titel: titel('Stapeling: cliënten en huishoudens per combinatie van pijlers'),
        kolommen: [col('combinatie', 'Combinatie van pijlers', 'tekst'), col('clienten', 'Cliënten', 'aantal'), col('huishoudens', 'Huishoudens', 'aantal')],
        rijen: all
          .filter((f) => f.indicator === 'stapeling')
          .sort((a, b) => b.waarde - a.waarde)
          .map((f) => ({ combinatie: f.dimensie.slice('pijler='.length), clienten: f.waarde, huishoudens: households.get(f.dimensie) ?? null })),
      };
    }
    case 'trend': {
      const rows = await trend(store, ref, scope.periode);
      // The variants once any quarter shown has lasten.
      const toerekend = rows.some((r) => r.kostenPerBron !== null && r.kostenPerBron.toegerekend !== null);
      return {
        titel: `Verloop per kwartaal tot en met ${scope.periode.code}`,
        kolommen: [col('periode', 'Kwartaal', 'tekst'), col('clienten', 'Cliënten', 'aantal'), ...kostenKolommen(col('kosten', 'Kosten', 'euro'), toerekend), col('instroom', 'Instroom', 'aantal'), col('uitstroom', 'Uitstroom', 'aantal')],
        rijen: rows.map(({ kostenPerBron, ...r }) => ({ ...r, ...kostenCellen('kosten', toerekend ? kostenPerBron : null) })),
      };
    }
    case 'aanbieders': {
      const analysis = await aanbiedersanalyse(store.connection);
      const toerekend = analysis.totaal.perBron !== null;
      type Line = { omzet: number; clienten: number; aandeelClienten: number; gemiddeldeKosten: number; perBron: PerKostenBron<{ omzet: number; gemiddeldeKosten: number }> };
      const line = (l: Line) => ({
        omzet: l.omzet,
        ...kostenCellen('omzet', perKostenBron(toerekend, (b) => l.perBron![b].omzet)),
        clienten: l.clienten,
        aandeel: l.aandeelClienten / 100,
        gemiddeld: l.gemiddeldeKosten,
        ...kostenCellen('gemiddeld', perKostenBron(toerekend, (b) => l.perBron![b].gemiddeldeKosten)),
      });
      return {
        titel: titel('Aanbiedersanalyse'),
        kolommen: [
          col('product', 'Product', 'tekst'), col('aanbieder', 'Aanbieder', 'tekst'), ...kostenKolommen(col('omzet', 'Omzet', 'euro'), toerekend), col('clienten', 'Cliënten', 'aantal'),
          col('aandeel', 'Aandeel cliënten', 'procent'), ...kostenKolommen(col('gemiddeld', 'Gemiddelde kosten per cliënt', 'euro'), toerekend),
        ],
        rijen: [
          ...analysis.producten.flatMap((p) => [
            ...p.aanbieders.map((a) => ({ product: `${p.productcode} ${p.product}`.trim(), aanbieder: a.aanbiederNaam || a.aanbieder || 'onbekend', ...line(a) })),
            { product: `Subtotaal ${p.product || p.productcode}`, aanbieder: '', ...line(p), subtotaal: true },
          ]),
          { product: 'Totaal', aanbieder: '', ...line({ ...analysis.totaal, aandeelClienten: analysis.totaal.clienten > 0 ? 100 : 0 }), subtotaal: true },
        ],
      };
    }
    case 'uitsplitsing': {
      const niveau = keuze.niveau ?? 'gemeente';
      const splitsing = DIMENSION_KEYS.filter((k) => keuze.splitsing?.includes(k));
      const all = (await figures(store, scope, ref, [{ niveau, dimensions: [splitsing] }])).filter(
        (f) => !['stapeling', 'stapeling_huishoudens'].includes(f.indicator) && (f.dimensie !== '' || splitsing.length === 0),
      );
      const indicators = SPLIT_INDICATORS.filter((code) => all.some((f) => f.indicator === code));
      // The aanbieder's key is its AGB code or, without one, its normalised name: shown beside
      // the name people know it by.
      const naam = splitsing.includes('aanbieder') ? await aanbiederNames(store.connection) : null;
      const rows = new Map<string, Record<string, string | number | null>>();
      const marked = new Set<string>();
      for (const figure of all) {
        if (!indicators.includes(figure.indicator)) continue;
        // A figure with its kosten_bron goes in its split's row, as a column of its own.
        const { dimensie, bron } = splitKostenBron(figure.dimensie);
        const f = bron === null ? figure : { ...figure, dimensie, indicator: kostenBronNaam(figure.indicator, bron) };
        if (bron !== null) marked.add(f.indicator);
        const key = `${f.gebied}\u001f${f.dimensie}`;
        let row = rows.get(key);
        if (!row) {
          const values = Object.fromEntries(f.dimensie === '' ? [] : f.dimensie.split('|').map((part) => [part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)]));
          rows.set(key, (row = { gebied: f.gebied, ...values }));
          if (naam) row.aanbieder_naam = naam.get(row.aanbieder as string) ?? (row.aanbieder === '' ? 'onbekend' : '');
        }
        row[f.indicator] = f.waarde;
      }
      const names: Record<string, string> = { pijler: 'Pijler', leefdomein: 'Leefdomein', voorziening: 'Voorziening', productcode: 'Productcode', aanbieder: 'Aanbieder' };
      return {
        titel: titel(`Cijfers per ${niveau}${splitsing.length > 0 ? ` naar ${splitsing.join(' en ')}` : ''}`),
        kolommen: [
          ...(niveau === 'gemeente' ? [] : [col('gebied', niveau === 'wijk' ? 'Wijk' : 'Gebied', 'tekst')]),
          ...splitsing.flatMap((k) => [col(k, names[k]!, 'tekst'), ...(k === 'aanbieder' ? [col('aanbieder_naam', 'Naam aanbieder', 'tekst')] : [])]),
          ...indicators.flatMap((code) => kostenKolommen(indicatorColumn(code), KOSTEN_BRONNEN.some((b) => marked.has(kostenBronNaam(code, b))))),
        ],
        rijen: [...rows.values()].sort((a, b) => String(a.gebied).localeCompare(String(b.gebied)) || ((b.clienten as number) ?? 0) - ((a.clienten as number) ?? 0)),
      };
    }
    case 'informatievragen': {
      const answers = await informatievragen(store.connection, 20, ref.pijlers.map((p) => p.code));
      const toerekend = answers.perBron !== null;
      // A cost answer with toerekening, and beside it the same answer per kosten_bron.
      const antwoord = (of: (a: KostenAntwoorden) => number) => ({ antwoord: of(answers), ...kostenCellen('antwoord', perKostenBron(toerekend, (b) => of(answers.perBron![b]))) });
      const tenth = (n: number) => Math.round(n * 10) / 10;
      return {
        titel: titel('Informatievragen'),
        kolommen: [col('vraag', 'Vraag', 'tekst'), ...kostenKolommen(col('antwoord', 'Antwoord', 'getal'), toerekend), col('eenheid', 'Eenheid', 'tekst')],
        rijen: [
          { vraag: 'Cliënten', antwoord: answers.clienten, eenheid: 'aantal' },
          { vraag: 'Kosten', ...antwoord((a) => a.kosten), eenheid: 'euro' },
          { vraag: 'Cliënten die samen 80 % van de kosten veroorzaken', ...antwoord((a) => a.clientenVoor80ProcentKosten), eenheid: 'aantal' },
          { vraag: 'Aandeel cliënten met geboekte kosten', ...antwoord((a) => tenth(a.aandeelClientenMetKosten)), eenheid: 'procent' },
          ...answers.duursteClienten.map((c, i) => ({ vraag: `Duurste cliënt ${i + 1}: ${c.client} (${c.pijlers}, ${c.voorzieningen} voorz.)`, antwoord: c.kosten, ...kostenCellen('antwoord', c.perBron), eenheid: 'euro' })),
          ...answers.intensiteit.map((v) => ({
            vraag: `Gemiddelde intensiteit ${v.productcode} ${v.product} (eenheid ${v.eenheid || '?'}, frequentie ${v.frequentie || '?'}, ${v.voorzieningen} voorz.)`,
            antwoord: tenth(v.gemiddeldVolume),
            eenheid: 'volume',
          })),
        ],
      };
    }
  }
}

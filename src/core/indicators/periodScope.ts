import { parsePeriode, previousPeriode, type Periode } from '../period/periode.ts';
import type { Db } from '../store/database.ts';
import { loadedSources, type LoadedSource } from './recordSet.ts';

/**
 * The voorzieningen of one period, one row each, in the temporary table `ind_v`, stored in
 * (gemeente, client) order: the indicator engine walks it client by client. Built from the sources whose period lies inside the requested one:
 *  - a longer source wins over shorter ones it overlaps (a year delivery over its quarters), so
 *    nothing is counted twice;
 *  - across the quarters of a year, the same voorziening (client, product, begindatum, aanbieder)
 *    is one row whose costs are the sum of its quarters and whose other fields (wijk, age) are
 *    those of the latest quarter. Within one source, rows are never merged.
 * That is how a year is computed from records rather than by adding quarterly counts.
 * `aanbieder` in ind_v is the aanbieder's key (its AGB code, else its normalised name:
 * delivery/aanbiederKey.ts), the value the engine groups by; `aanbieder_naam` stays as written.
 */
export type PeriodScope = {
  periode: Periode;
  vorige: Periode;
  /** Per gemeente the source periods used. */
  bronnen: { gemeente: string; gemeentenaam: string; perioden: string[] }[];
  /** Gemeenten without a source for the preceding period: their instroom counts everyone who starts. */
  zonderVorigePeriode: string[];
};

export function buildPeriodScope(db: Db, periode: Periode, gemeente?: string): PeriodScope {
  const all = loadedSources(db).filter((s) => gemeente === undefined || s.gemeente === gemeente);
  const chosen = chooseSources(all, periode);
  const vorige = previousPeriode(periode);
  db.exec('DROP TABLE IF EXISTS temp.ind_scope; CREATE TEMP TABLE ind_scope (bron INTEGER PRIMARY KEY, gemeente TEXT NOT NULL)');
  const add = db.prepare('INSERT INTO ind_scope (bron, gemeente) VALUES (?, ?)');
  for (const source of chosen) add.run(source.id, source.gemeente);

  db.exec('DROP TABLE IF EXISTS temp.ind_v');
  const columns = `gemeente, client, huishouden, leeftijd, geslacht, pc4, wijk, IFNULL(gebied, '') AS gebied, pijler,
       productcode, product, categorie, voorziening, leefdomein, financier, begindatum, einddatum,
       aanbieder_sleutel AS aanbieder, aanbieder_naam, volume, eenheid, frequentie, kosten_cent, aanvraagdatum`;
  const overlaps = 'r.begindatum <= @eind AND (r.einddatum IS NULL OR r.einddatum >= @begin)';
  const oneSourceEach = new Set(chosen.map((s) => s.gemeente)).size === chosen.length;
  // With one source per gemeente (a quarter from its own delivery) there is nothing to merge.
  const sql = oneSourceEach
    ? `CREATE TEMP TABLE ind_v AS SELECT ${columns} FROM ind_record r JOIN ind_scope s ON s.bron = r.bron WHERE ${overlaps} ORDER BY gemeente, client`
    : `CREATE TEMP TABLE ind_v AS
       WITH src AS (
         SELECT s.gemeente, b.eind AS bron_eind, r.*,
           ROW_NUMBER() OVER (PARTITION BY r.bron, r.client, r.productcode, r.begindatum, r.aanbieder_sleutel ORDER BY r.rij) AS n
         FROM ind_record r JOIN ind_scope s ON s.bron = r.bron JOIN ind_bron b ON b.id = r.bron
         WHERE ${overlaps}
       ), ranked AS (
         SELECT src.*,
           SUM(kosten_cent) OVER same AS kosten_totaal,
           ROW_NUMBER() OVER (PARTITION BY gemeente, client, productcode, begindatum, aanbieder_sleutel, n ORDER BY bron_eind DESC, rij DESC) AS recentst
         FROM src
         WINDOW same AS (PARTITION BY gemeente, client, productcode, begindatum, aanbieder_sleutel, n)
       )
       SELECT ${columns.replace('kosten_cent', 'kosten_totaal AS kosten_cent')} FROM ranked r WHERE recentst = 1 ORDER BY gemeente, client`;
  db.prepare(sql).run({ begin: periode.begin, eind: periode.eind });
  // For instroom and herhaald beroep, which look for a client's voorzieningen in other periods.
  db.exec('CREATE INDEX IF NOT EXISTS temp.ind_record_client ON ind_record (client, bron)');

  return scopeOf(periode, vorige, chosen, all);
}

/** What a scope says about itself, whichever engine loaded it: the sources used and the gaps. */
export function scopeOf(periode: Periode, vorige: Periode, chosen: readonly LoadedSource[], all: readonly LoadedSource[]): PeriodScope {
  const gemeenten = [...new Set(chosen.map((s) => s.gemeente))].sort();
  return {
    periode,
    vorige,
    bronnen: gemeenten.map((g) => {
      const own = chosen.filter((s) => s.gemeente === g);
      return { gemeente: g, gemeentenaam: own.at(-1)!.gemeentenaam, perioden: own.map((s) => s.periode) };
    }),
    zonderVorigePeriode: gemeenten.filter((g) => !all.some((s) => s.gemeente === g && s.begin <= vorige.begin && s.eind >= vorige.begin)),
  };
}

/** Per gemeente: sources inside the period, longest first, skipping any that overlap one taken. */
export function chooseSources(sources: readonly LoadedSource[], periode: Periode): LoadedSource[] {
  const inside = sources
    .filter((s) => s.begin >= periode.begin && s.eind <= periode.eind)
    .sort((a, b) => length(b) - length(a) || b.id - a.id);
  const taken: LoadedSource[] = [];
  for (const source of inside) {
    if (!taken.some((t) => t.gemeente === source.gemeente && t.begin <= source.eind && source.begin <= t.eind)) taken.push(source);
  }
  return taken.sort((a, b) => a.gemeente.localeCompare(b.gemeente) || a.begin.localeCompare(b.begin));
}

function length(source: LoadedSource): number {
  return Date.parse(source.eind) - Date.parse(source.begin);
}

/**
 * Every period a figure can be asked for: each loaded period, plus the half years and years that
 * the loaded periods of some gemeente cover completely (a year is offered only with all its data).
 */
export function availablePeriods(db: Db): string[] {
  const sources = loadedSources(db);
  const candidates = new Set<string>();
  for (const source of sources) {
    const year = source.periode.slice(0, 4);
    candidates.add(source.periode).add(year).add(`${year}H1`).add(`${year}H2`);
  }
  const gemeenten = [...new Set(sources.map((s) => s.gemeente))];
  return [...candidates]
    .map(parsePeriode)
    .filter((p) => gemeenten.some((g) => coveredDays(chooseSources(sources.filter((s) => s.gemeente === g), p)) === days(p.begin, p.eind)))
    .sort((a, b) => b.eind.localeCompare(a.eind) || b.begin.localeCompare(a.begin))
    .map((p) => p.code);
}

function coveredDays(sources: readonly LoadedSource[]): number {
  return sources.reduce((sum, s) => sum + days(s.begin, s.eind), 0);
}

function days(begin: string, eind: string): number {
  return (Date.parse(eind) - Date.parse(begin)) / 86_400_000 + 1;
}

import type { BenchmarkRelease, BenchmarkValue, BenchmarkView, BenchmarkWijk } from '../../shared/api.ts';
import { UserError } from '../errors.ts';
import { computeFiguresSql } from '../indicators/sql/figuresSql.ts';
import { buildDuckScope } from '../indicators/sql/recordTables.ts';
import { withStoreFigures } from '../indicators/storeRecordSet.ts';
import { parsePeriode } from '../period/periode.ts';
import type { ReferenceTables } from '../resources/referenceTables.ts';
import type { Db } from '../store/database.ts';
import { indicatorName, unitOf } from './packTables.ts';

/*
 * The gemeente's Benchmark view: per wijk its own figures (unsuppressed, from its own records by
 * the same engine as the Overzicht) beside the central release's suppressed figures of its
 * reference group, the gemeente and all gemeenten, the release's sr with its interval and the
 * group's description. Per inhabitant the own figure uses the CBS inhabitants the release names.
 */

const VIEW_INDICATORS = ['clienten', 'kosten', 'kosten_per_client', 'clienten_per_1000', 'kosten_per_inwoner'] as const;

type Stored = { gemeente: string; wijk: string; indicator: string; dimensie: string; waarde: number | null; status: string };

function releases(db: Db): BenchmarkRelease[] {
  return db.prepare('SELECT periode, gemeente, aangemaakt, status, toelichting, ingelezen FROM benchmark ORDER BY periode DESC').all() as BenchmarkRelease[];
}

/** Own wijk figures of the period (clienten, kosten, kosten_per_client); null when the store has no records for it. */
async function ownFigures(db: Db, ref: ReferenceTables, code: string): Promise<Map<string, number> | null> {
  return withStoreFigures(db, async ({ connection, set }) => {
    const scope = await buildDuckScope(connection, set, parsePeriode(code));
    if (scope.bronnen.length === 0) return null;
    const figures = await computeFiguresSql(connection, { periode: scope.periode, vorige: scope.vorige, levels: [{ niveau: 'wijk', dimensions: [[]] }], pijlerVolgorde: ref.pijlers.map((p) => p.code) });
    return new Map(figures.filter((f) => f.niveau === 'wijk' && f.dimensie === '').map((f) => [`${f.gebied}|${f.indicator}`, f.waarde]));
  });
}

export async function benchmarkView(db: Db, ref: ReferenceTables, periode?: string): Promise<BenchmarkView> {
  const list = releases(db);
  const chosen = periode === undefined ? list[0] : list.find((r) => r.periode === parsePeriode(periode).code);
  if (!chosen) {
    if (periode !== undefined) throw new UserError('GEEN_BENCHMARK', `Er is geen benchmarkbestand over ${periode.slice(0, 10)} ingelezen.`);
    return { releases: list, gekozen: null };
  }
  const head = db.prepare('SELECT gemeentenaam FROM benchmark WHERE periode = ?').get(chosen.periode) as { gemeentenaam: string };
  const rows = db.prepare('SELECT gemeente, wijk, indicator, dimensie, waarde, status FROM benchmark_cijfer WHERE periode = ?').all(chosen.periode) as Stored[];
  const byKey = new Map(rows.map((r) => [`${r.gemeente}|${r.wijk}|${r.indicator}|${r.dimensie}`, r]));
  const value = (gemeente: string, wijk: string, indicator: string, dimensie = ''): BenchmarkValue => {
    const r = byKey.get(`${gemeente}|${wijk}|${indicator}|${dimensie}`);
    return r === undefined ? null : r.status === 'onderdrukt' ? 'onderdrukt' : r.waarde;
  };
  const own = await ownFigures(db, ref, chosen.periode);
  const wijkRows = db.prepare('SELECT wijk, wijknaam, inwoners, groep, groepnaam FROM benchmark_wijk WHERE periode = ? ORDER BY wijk').all(chosen.periode) as { wijk: string; wijknaam: string; inwoners: number | null; groep: string; groepnaam: string }[];
  const gm = chosen.gemeente;
  const wijken = wijkRows.map((w): BenchmarkWijk => {
    const mine = (indicator: string): number | null => {
      if (own === null) return null;
      const clienten = own.get(`${w.wijk}|clienten`) ?? 0;
      const kosten = own.get(`${w.wijk}|kosten`) ?? null;
      if (indicator === 'clienten_per_1000') return w.inwoners ? Math.round((clienten / w.inwoners) * 1000 * 100) / 100 : null;
      if (indicator === 'kosten_per_inwoner') return w.inwoners && kosten !== null ? Math.round((kosten / w.inwoners) * 100) / 100 : null;
      return own.get(`${w.wijk}|${indicator}`) ?? (indicator === 'clienten' ? 0 : null);
    };
    const srDims = [...new Set(rows.filter((r) => r.gemeente === gm && r.wijk === w.wijk && r.indicator === 'sr').map((r) => r.dimensie))].sort();
    return {
      wijk: w.wijk,
      wijknaam: w.wijknaam,
      inwoners: w.inwoners,
      groep: w.groep || null,
      groepnaam: w.groepnaam || null,
      rijen: VIEW_INDICATORS.map((indicator) => ({
        indicator,
        naam: indicatorName(indicator),
        eenheid: unitOf(indicator),
        eigen: mine(indicator),
        groep: w.groep ? value('', w.groep, indicator) : null,
        gemeente: value(gm, '', indicator),
        alle: value('ALLE', '', indicator),
      })),
      sr: srDims.map((dimensie) => ({ dimensie, sr: value(gm, w.wijk, 'sr', dimensie), onder: value(gm, w.wijk, 'sr_onder', dimensie), boven: value(gm, w.wijk, 'sr_boven', dimensie) })),
    };
  });
  return { releases: list, gekozen: { ...chosen, gemeentenaam: head.gemeentenaam, wijken, eigenCijfers: own !== null } };
}

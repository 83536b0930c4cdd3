import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { UserError } from '../../errors.ts';
import { EXPORT_LEVELS, type Figure } from '../../indicators/figures.ts';
import { writeFiguresCsv } from '../../indicators/figuresCsv.ts';
import { computeFiguresSql } from '../../indicators/sql/figuresSql.ts';
import { parsePeriode } from '../../period/periode.ts';
import type { CentralStore } from '../store/centralStore.ts';
import { buildCentralScope } from './centralScope.ts';

/*
 * `central export`: the long figures CSV of every gemeente with current deliveries for the period,
 * their wijken and ALLE, computed by the one figures engine (indicators/sql/figuresSql.ts) over
 * the Parquet files of the current delivery versions, scoped exactly as the gemeente edition
 * scopes its own records (centralScope.ts), plus figures per inhabitant.
 *
 * Per inhabitant, from the loaded CBS year closest to the period (the later one on a tie):
 *  - clienten_per_1000 and kosten_per_inwoner over all inhabitants, for the total and per pijler;
 *  - for pijler JW the denominator is the inhabitants aged 0–17, which the CBS bands give only
 *    approximately: 0–14 plus 3/10 of 15–24 (ages 15, 16 and 17 of that ten-year band, assuming
 *    the band is evenly spread). A wijk or gemeente without the bands gets no Jeugd figure.
 */

export function requireIntern(intern: boolean): void {
  if (!intern) {
    throw new UserError(
      'EXPORT_NIET_INTERN',
      'Een export voor publicatie kan nog niet: de onthullingscontrole (kleine aantallen onderdrukken) is er nog niet. Geef --intern voor een interne export; daarin is niets onderdrukt en die is niet bedoeld om te delen.',
    );
  }
}

export type CentralExportResult = { rijen: number; gemeenten: string[]; cbsJaar: number | null };

export async function exportCentralFigures(
  store: CentralStore,
  connection: DuckDBConnection,
  options: { periode: string; out: string; pijlerVolgorde: readonly string[]; signal?: AbortSignal; onQuery?: (done: number, total: number) => void },
): Promise<CentralExportResult> {
  const periode = parsePeriode(options.periode);
  // Intern: every current delivery, approved or not (approval gates publication, which waits for disclosure control).
  const { scope, set, gemeenten } = await buildCentralScope(store, connection, periode);
  let figures: Figure[];
  try {
    figures = await computeFiguresSql(connection, { periode, vorige: scope.vorige, levels: EXPORT_LEVELS, pijlerVolgorde: options.pijlerVolgorde, alle: true, signal: options.signal, onQuery: options.onQuery });
  } finally {
    set.close();
  }
  const cbs = perInhabitant(store, periode.code, figures);
  const rijen = await writeFiguresCsv(options.out, [...figures, ...cbs.figures]);
  return { rijen, gemeenten: gemeenten.map((g) => g.gemeente), cbsJaar: cbs.jaar };
}

type Inwoners = { inwoners: number; jeugd: number | null };

function perInhabitant(store: CentralStore, periode: string, figures: readonly Figure[]): { jaar: number | null; figures: Figure[] } {
  const year = Number(periode.slice(0, 4));
  const years = (store.db.prepare("SELECT DISTINCT jaar FROM cbs_kenmerk WHERE kenmerk = 'inwoners'").all() as { jaar: number }[]).map((r) => r.jaar);
  if (years.length === 0) return { jaar: null, figures: [] };
  const jaar = years.sort((a, b) => Math.abs(a - year) - Math.abs(b - year) || b - a)[0]!;
  const rows = store.db
    .prepare("SELECT code, kenmerk, waarde FROM cbs_kenmerk WHERE jaar = ? AND kenmerk IN ('inwoners', 'leeftijd_0_15', 'leeftijd_15_25')")
    .all(jaar) as { code: string; kenmerk: string; waarde: number }[];
  const byCode = new Map<string, Record<string, number>>();
  for (const r of rows) byCode.set(r.code, { ...byCode.get(r.code), [r.kenmerk]: r.waarde });
  const of = (code: string): Inwoners | null => {
    const k = byCode.get(code);
    if (!k || !k.inwoners) return null;
    return { inwoners: k.inwoners, jeugd: k.leeftijd_0_15 !== undefined && k.leeftijd_15_25 !== undefined ? k.leeftijd_0_15 + 0.3 * k.leeftijd_15_25 : null };
  };
  const gemeenten = [...new Set(figures.filter((f) => f.gemeente !== 'ALLE').map((f) => f.gemeente))];
  const alle = gemeenten.map(of);
  const denominators = (f: Figure): Inwoners | null => {
    if (f.gemeente === 'ALLE') {
      if (alle.some((a) => a === null)) return null;
      return { inwoners: alle.reduce((n, a) => n + a!.inwoners, 0), jeugd: alle.every((a) => a!.jeugd !== null) ? alle.reduce((n, a) => n + a!.jeugd!, 0) : null };
    }
    return of(f.niveau === 'wijk' ? f.gebied : f.gemeente);
  };
  const out: Figure[] = gemeenten.map((gemeente) => ({ periode, gemeente, niveau: 'gemeente', gebied: '', indicator: 'cbs_jaar', dimensie: '', waarde: jaar }));
  for (const f of figures) {
    if ((f.indicator !== 'clienten' && f.indicator !== 'kosten') || !(f.dimensie === '' || /^pijler=[^|]+$/.test(f.dimensie))) continue;
    const d = denominators(f);
    if (!d) continue;
    const base = f.dimensie === 'pijler=JW' ? d.jeugd : d.inwoners;
    if (base === null || base <= 0) continue;
    if (f.indicator === 'clienten') out.push({ ...f, indicator: 'clienten_per_1000', waarde: round((f.waarde / base) * 1000, 2) });
    else out.push({ ...f, indicator: 'kosten_per_inwoner', waarde: round(f.waarde / base, 2) });
  }
  return { jaar, figures: out };
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** `cijfers.csv` becomes `cijfers-intern.csv`: an internal export says so in its name. */
export function internName(file: string): string {
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)}-intern${ext}`;
}

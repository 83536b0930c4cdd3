import path from 'node:path';
import { UserError } from '../../errors.ts';
import { readTableFile } from '../../classification/tableFiles.ts';
import { parsePeriode } from '../../period/periode.ts';
import { problemList } from './problemList.ts';
import type { ReferenceResources } from './referenceResources.ts';
import { regionCode, regionKind } from './regionCode.ts';

/**
 * Aggregated figures from other sources per gemeente or wijk (`periode;gebied;bron;indicator;waarde`):
 * insurers' Zvw/Wlz clients and costs, UWV, GGD monitor. The sources are the pijler code list
 * (resources/pijlers.csv), so `zvw` and `Zorgverzekeringswet` both mean ZVW.
 */
export const AGGREGATED_COLUMNS = ['periode', 'gebied', 'bron', 'indicator', 'waarde'] as const;

export type SourceFigure = { periode: string; gebied: string; bron: string; indicator: string; waarde: number };

/** One data set per bron and periode: importing it again replaces exactly that. */
export type SourceDataSet = { bron: string; periode: string; jaar: number; figures: SourceFigure[] };

export type AggregatedFile = { dataSets: SourceDataSet[]; ontbrekendeWaarden: number; rijen: number };

const INDICATOR = /^[\p{L}\p{N}][\p{L}\p{N} _.%/()-]{0,99}$/u;

export async function readAggregatedSources(file: string, resources: ReferenceResources): Promise<AggregatedFile> {
  const label = path.basename(file);
  const lines = await readTableFile(file, AGGREGATED_COLUMNS, AGGREGATED_COLUMNS);
  const problems = problemList(file);
  const seen = new Map<string, number>();
  const sets = new Map<string, SourceDataSet>();
  let decimal: { mark: ',' | '.'; row: number } | null = null;
  let missing = 0;
  for (const { row, values } of lines) {
    const get = (c: (typeof AGGREGATED_COLUMNS)[number]) => (values[c] ?? '').trim();
    let periode: string | null = null;
    try {
      periode = parsePeriode(get('periode')).code;
    } catch {
      problems.add(row, 'periode', `"${get('periode').slice(0, 20)}" is geen periode (2026, 2026H1 of 2026Q3)`);
    }
    const gebied = regionCode(get('gebied'));
    const gebiedOk = gebied !== null && (regionKind(gebied) === 'gemeente' || regionKind(gebied) === 'wijk');
    if (!gebiedOk) problems.add(row, 'gebied', `"${get('gebied').slice(0, 20)}" is geen gemeente- of wijkcode (GM0363, WK036300)`);
    const bron = resources.bronnen.get(get('bron').toLowerCase()) ?? null;
    if (bron === null) problems.add(row, 'bron', `"${get('bron').slice(0, 20)}" is geen bekende bron (${[...new Set(resources.bronnen.values())].join(', ')})`);
    const indicator = get('indicator');
    if (!INDICATOR.test(indicator)) problems.add(row, 'indicator', indicator === '' ? 'de indicator ontbreekt' : 'de indicatornaam is te lang of begint niet met een letter of cijfer');
    const text = get('waarde');
    let waarde: number | null = null;
    if (text === '' || text === '.') missing++;
    else if (!/^-?\d+(?:[.,]\d+)?$/.test(text)) problems.add(row, 'waarde', `"${text.slice(0, 20)}" is geen getal (zonder duizendtallen, met decimaalkomma of -punt)`);
    else {
      const mark = text.includes(',') ? ',' : text.includes('.') ? '.' : null;
      // One file, one decimal mark: mixing them means one of the two is a thousands separator.
      if (mark !== null && decimal !== null && mark !== decimal.mark) {
        problems.add(row, 'waarde', `decimaal${mark === ',' ? 'komma' : 'punt'}, terwijl rij ${decimal.row} een decimaal${decimal.mark === ',' ? 'komma' : 'punt'} gebruikt`);
      } else {
        if (mark !== null) decimal ??= { mark, row };
        waarde = Number(text.replace(',', '.'));
      }
    }
    if (periode === null || !gebiedOk || bron === null || !INDICATOR.test(indicator)) continue;
    const key = `${periode}\t${gebied}\t${bron}\t${indicator}`;
    if (seen.has(key)) {
      problems.add(row, 'indicator', `${bron} ${indicator} voor ${gebied} in ${periode} staat ook in rij ${seen.get(key)}`);
      continue;
    }
    seen.set(key, row);
    if (waarde === null) continue;
    const setKey = `${bron}\t${periode}`;
    let set = sets.get(setKey);
    if (!set) sets.set(setKey, (set = { bron, periode, jaar: Number(periode.slice(0, 4)), figures: [] }));
    set.figures.push({ periode, gebied: gebied!, bron, indicator, waarde });
  }
  problems.throwIfAny('BRON_ONGELDIG');
  if (sets.size === 0) throw new UserError('BRON_LEEG', `${label}: het bestand bevat geen cijfers.`, { file: label });
  return { dataSets: [...sets.values()], ontbrekendeWaarden: missing, rijen: lines.length };
}

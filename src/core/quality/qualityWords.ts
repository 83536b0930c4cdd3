import type { QualityLine, QualitySeverity } from '../../shared/api.ts';
import type { ReferenceTables } from '../resources/referenceTables.ts';
import type { QualityRow } from './qualityReport.ts';

export const SEVERITY_ORDER: readonly QualitySeverity[] = ['uitgesloten', 'ongeldig', 'onwaarschijnlijk', 'informatie', 'vulgraad'];

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The report's lines as a reader meets them: each check as a sentence after the field's screen
 * label, with its severity, the most serious first (a stable sort: within one severity the
 * report's own order stays).
 */
export function describeQualityRows(rows: readonly QualityRow[], ref: Pick<ReferenceTables, 'controles' | 'velden'>): QualityLine[] {
  const checks = new Map(ref.controles.map((c) => [c.controle, c]));
  const labels = new Map(ref.velden.map((v) => [v.veld, v.label]));
  const lines = rows.map((row): QualityLine => {
    if (row.gegeven === 'rijen') {
      return row.controle === 'uitgesloten'
        ? { ...row, ernst: 'uitgesloten', zin: 'Rijen uitgesloten: geen geldig BSN, productcode of begindatum' }
        : { ...row, ernst: 'informatie', zin: 'Rijen gelezen' };
    }
    const check = checks.get(row.controle);
    const ernst = SEVERITY_ORDER.includes(check?.soort as QualitySeverity) ? (check!.soort as QualitySeverity) : 'informatie';
    const words = check?.zin ?? row.controle;
    const label = row.gegeven === 'rij' ? null : (labels.get(row.gegeven) ?? row.gegeven);
    return { ...row, ernst, zin: label === null ? capitalise(words) : `${label}: ${words}` };
  });
  return lines.map((line, i) => ({ line, i })).sort((a, b) => rank(a.line) - rank(b.line) || a.i - b.i).map(({ line }) => line);
}

// The count of rows read is context for everything below it, so it leads.
const rank = (line: QualityLine) => (line.gegeven === 'rijen' && line.controle === 'gelezen' ? -1 : SEVERITY_ORDER.indexOf(line.ernst));

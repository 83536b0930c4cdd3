import { periodeCode } from '../../shared/periodText.ts';
import { UserError } from '../errors.ts';

/** A reporting period: a quarter (`2026Q3`), a half year (`2026H2`) or a year (`2026`). */
export type Periode = { code: string; begin: string; eind: string };

/** Accepts the ways people write a period (`3e kwartaal 2026`, `Q3 2026`, `2026-Q3`, …; see periodText.ts). */
export function parsePeriode(text: string): Periode {
  if (text.trim() === '') {
    throw new UserError('PERIODE_LEEG', 'Vul de periode in, bijvoorbeeld 2026Q3, 3e kwartaal 2026, 2e halfjaar 2026 of 2026.');
  }
  const code = periodeCode(text);
  if (code === null) {
    throw new UserError(
      'PERIODE_ONGELDIG',
      `Periode "${text.trim().slice(0, 30)}" wordt niet herkend. Gebruik een kwartaal (2026Q3 of 3e kwartaal 2026), een halfjaar (2026H2 of 2e halfjaar 2026) of een jaar (2026).`,
    );
  }
  const year = Number(code.slice(0, 4));
  const kind = code[4];
  const n = Number(code[5] ?? 0);
  const months = kind === 'Q' ? 3 : kind === 'H' ? 6 : 12;
  const firstMonth = kind ? (n - 1) * months + 1 : 1;
  const lastMonth = firstMonth + months - 1;
  return {
    code,
    begin: `${year}-${pad(firstMonth)}-01`,
    eind: `${year}-${pad(lastMonth)}-${pad(daysInMonth(year, lastMonth))}`,
  };
}

/** True when `inner` lies wholly within `outer` (a quarter within its year, …). */
export function periodeWithin(inner: Periode, outer: Periode): boolean {
  return inner.begin >= outer.begin && inner.eind <= outer.eind;
}

/** A provision overlaps the period when it began by the period's end and had not ended before its start. */
export function overlapsPeriode(begindatum: string, einddatum: string | null, periode: Periode): boolean {
  return begindatum <= periode.eind && (einddatum === null || einddatum >= periode.begin);
}

/** The period of the same length just before this one (for inflow and comparisons). */
export function previousPeriode(periode: Periode): Periode {
  const year = Number(periode.code.slice(0, 4));
  const kind = periode.code[4];
  const n = Number(periode.code[5] ?? 0);
  if (!kind) return parsePeriode(String(year - 1));
  const count = kind === 'Q' ? 4 : 2;
  return n > 1 ? parsePeriode(`${year}${kind}${n - 1}`) : parsePeriode(`${year - 1}${kind}${count}`);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

import type { CentralImportLine, CentralStatusRow } from '../../shared/api.ts';

/** What a cell of the matrix gemeente × periode shows, from most to least settled. */
export type MatrixState = 'akkoord' | 'voorlopig' | 'geweigerd';

export const MATRIX_STATES: { state: MatrixState; label: string; uitleg: string }[] = [
  { state: 'akkoord', label: 'akkoord', uitleg: 'actuele versie, met akkoord van de gemeente voor publicatie' },
  { state: 'voorlopig', label: 'voorlopig', uitleg: 'actuele versie, nog zonder akkoord: alleen intern te gebruiken' },
  { state: 'geweigerd', label: 'geweigerd', uitleg: 'alleen geweigerde bestanden ontvangen, geen bruikbare versie' },
];

export type MatrixCell = {
  gemeente: string;
  periode: string;
  state: MatrixState;
  /** The current version, when there is one. */
  actueel: CentralStatusRow | null;
  /** Every file received for this gemeente and period, oldest first. */
  ontvangen: CentralStatusRow[];
};

export type DeliveryMatrix = { gemeenten: { code: string; naam: string }[]; perioden: string[]; cell(gemeente: string, periode: string): MatrixCell | null };

/**
 * The matrix gemeente × periode from the status rows (files without a readable gemeente or
 * period stay out of it; the list of received files names them). Periods in the order the core
 * gives them, which is by period start.
 */
export function deliveryMatrix(rows: readonly CentralStatusRow[]): DeliveryMatrix {
  const placed = rows.filter((r): r is CentralStatusRow & { gemeente: string; periode: string } => r.gemeente !== null && r.periode !== null);
  const gemeenten = new Map<string, string>();
  for (const r of placed) if (!gemeenten.has(r.gemeente) || r.gemeentenaam) gemeenten.set(r.gemeente, r.gemeentenaam ?? gemeenten.get(r.gemeente) ?? '');
  const perioden = [...new Set(placed.map((r) => r.periode))].sort();
  const cells = new Map<string, MatrixCell>();
  for (const r of placed) {
    const key = `${r.gemeente}|${r.periode}`;
    const cell = cells.get(key) ?? { gemeente: r.gemeente, periode: r.periode, state: 'geweigerd' as MatrixState, actueel: null, ontvangen: [] };
    cell.ontvangen.push(r);
    if (r.status === 'actueel') {
      cell.actueel = r;
      cell.state = r.akkoord ? 'akkoord' : 'voorlopig';
    }
    cells.set(key, cell);
  }
  return {
    gemeenten: [...gemeenten].map(([code, naam]) => ({ code, naam })).sort((a, b) => a.code.localeCompare(b.code)),
    perioden,
    cell: (gemeente, periode) => cells.get(`${gemeente}|${periode}`) ?? null,
  };
}

/** An intake line in words: `nieuw`, `vervangt v1`, `al aanwezig`, `geweigerd`. */
export function outcomeText(line: CentralImportLine): string {
  return line.uitkomst === 'vervangt' ? `vervangt v${line.vervangt}` : line.uitkomst;
}

import type { CentralStatusRow } from '../../../shared/api.ts';
import { csvChunk, UTF8_BOM } from '../../delivery/csvChunk.ts';
import { parsePeriode } from '../../period/periode.ts';
import type { Db } from '../../store/database.ts';

/** Every received file, accepted or not, ordered as the matrix gemeente × periode reads. */
export function deliveryStatus(db: Db): CentralStatusRow[] {
  const rows = db
    .prepare(
      `SELECT l.gemeente, g.naam AS gemeentenaam, l.periode, l.versie, l.rijen, l.ontvangen, l.status, l.sleutel_gewijzigd, substr(a.op, 1, 10) AS akkoord, l.bestand, l.reden
       FROM levering l LEFT JOIN gemeente g ON g.code = l.gemeente LEFT JOIN akkoord a ON a.levering_id = l.id
       ORDER BY l.gemeente IS NULL, l.gemeente, l.periode_begin, length(l.periode) DESC, l.periode, l.id`,
    )
    .all() as (Omit<CentralStatusRow, 'sleutelGewijzigd'> & { sleutel_gewijzigd: number })[];
  return rows.map(({ sleutel_gewijzigd, ...row }) => ({ ...row, sleutelGewijzigd: sleutel_gewijzigd === 1 }));
}

/** The CSV columns of `central status --format csv`, in this order (issue 10, DESIGN CLI contract). */
export const STATUS_COLUMNS = ['gemeente', 'gemeentenaam', 'periode', 'versie', 'rijen', 'ontvangen', 'status', 'sleutel_gewijzigd', 'akkoord'] as const;

/** One row of the status as the CSV and the Excel export write it. */
export function statusCells(row: CentralStatusRow): Record<(typeof STATUS_COLUMNS)[number], string | number> {
  return {
    gemeente: row.gemeente ?? '',
    gemeentenaam: row.gemeentenaam ?? '',
    periode: row.periode ?? '',
    versie: row.versie ?? '',
    rijen: row.rijen ?? '',
    ontvangen: row.ontvangen,
    status: row.status,
    sleutel_gewijzigd: row.sleutelGewijzigd ? 'ja' : 'nee',
    akkoord: row.akkoord ?? '',
  };
}

/** UTF-8 with BOM, `;`, the delivery's dialect, so Excel in nl-NL opens it as is. */
export function statusCsv(rows: readonly CentralStatusRow[]): string {
  return UTF8_BOM + csvChunk([STATUS_COLUMNS, ...rows.map((r) => STATUS_COLUMNS.map((c) => statusCells(r)[c]))]);
}

/** The same columns as a table for the terminal, plus the file and reason of refused ones. */
export function statusTable(rows: readonly CentralStatusRow[]): string {
  if (rows.length === 0) return 'Nog geen leveringen ontvangen.\n';
  const header = [...STATUS_COLUMNS, 'bestand'];
  const body = rows.map((r) => {
    const c = statusCells(r);
    return [...STATUS_COLUMNS.map((k) => String(k === 'ontvangen' ? String(c[k]).slice(0, 16).replace('T', ' ') : c[k])), r.bestand];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cols: string[]) => cols.map((col, i) => (i === 3 || i === 4 ? col.padStart(widths[i]!) : col.padEnd(widths[i]!))).join('  ').trimEnd();
  const refused = rows.filter((r) => r.status === 'geweigerd' && r.reden);
  const changed = rows.filter((r) => r.sleutelGewijzigd && r.status !== 'geweigerd');
  const notes = [
    ...changed.map((r) => `Let op: ${r.gemeente} ${r.periode} versie ${r.versie} heeft een andere sleutel dan de vorige levering; trends, instroom en herhaald beroep over die grens zijn niet vergelijkbaar.`),
    ...refused.map((r) => `Geweigerd: ${r.bestand}: ${r.reden}`),
  ];
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line), '', ...matrix(rows), ...(notes.length > 0 ? ['', ...notes] : [])].join('\n') + '\n';
}

/**
 * The matrix gemeente × periode at a glance: per cell the current version, `akkoord` when the
 * gemeente approved that version, `sleutel!` when its key changed; `geweigerd` when only refused
 * files came in; `-` when nothing did.
 */
function matrix(rows: readonly CentralStatusRow[]): string[] {
  const known = rows.filter((r) => r.gemeente !== null && r.periode !== null);
  const order = (code: string) => {
    const p = parsePeriode(code);
    return `${p.begin}|${9 - code.length}`;
  };
  const periodes = [...new Set(known.map((r) => r.periode!))].sort((a, b) => order(a).localeCompare(order(b)));
  const gemeenten = [...new Set(known.map((r) => r.gemeente!))].sort();
  if (periodes.length === 0) return [];
  const cell = (gemeente: string, periode: string) => {
    const here = known.filter((r) => r.gemeente === gemeente && r.periode === periode);
    const current = here.find((r) => r.status === 'actueel');
    if (current) return [`v${current.versie}`, current.akkoord ? 'akkoord' : '', current.sleutelGewijzigd ? 'sleutel!' : ''].filter(Boolean).join(' ');
    return here.length > 0 ? 'geweigerd' : '-';
  };
  const table = [['gemeente', ...periodes], ...gemeenten.map((g) => [g, ...periodes.map((p) => cell(g, p))])];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  return ['Actuele versie per gemeente en periode:', ...table.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd())];
}

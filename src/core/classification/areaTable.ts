import type { TableLine } from './productTable.ts';
import { refuseTableProblems } from './tableProblems.ts';

export const AREA_COLUMNS = ['postcode', 'wijk', 'wijknaam', 'gebied'] as const;

/** One line of the gebiedsindeling: a PC4 (`1234`) or PC6 (`1234AB`) and its wijk. */
export type AreaRow = Record<(typeof AREA_COLUMNS)[number], string>;

export const UNKNOWN_WIJK = 'onbekend';

export function validateAreaRows(lines: TableLine[], file: string): AreaRow[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const rows = lines.map(({ row, values }) => {
    const get = (column: string) => (values[column] ?? '').trim();
    const area: AreaRow = {
      postcode: get('postcode').replace(/\s+/g, '').toUpperCase(),
      wijk: get('wijk'),
      wijknaam: get('wijknaam'),
      gebied: get('gebied'),
    };
    if (!/^[1-9]\d{3}([A-Z]{2})?$/.test(area.postcode)) problems.push(`rij ${row}, kolom postcode: geen PC4 (1234) of PC6 (1234AB)`);
    else if (seen.has(area.postcode)) problems.push(`rij ${row}, kolom postcode: komt ook voor in rij ${seen.get(area.postcode)}`);
    else seen.set(area.postcode, row);
    if (area.wijk === '') problems.push(`rij ${row}, kolom wijk: wijkcode ontbreekt`);
    // A bare CBS number (990101) is written as the WK code CBS uses elsewhere.
    if (/^\d{6}$/.test(area.wijk)) area.wijk = `WK${area.wijk}`;
    return area;
  });
  refuseTableProblems(problems, 'GEBIEDSTABEL_ONGELDIG', 'Gebiedstabel', file);
  return rows;
}

export type AreaLookup = (pc4: string | null, pc6: string | null) => AreaRow | null;

/** A PC6 row wins over its PC4 row: a PC4 split between two wijken is resolved per PC6. */
export function createAreaLookup(rows: readonly AreaRow[]): AreaLookup {
  const byPostcode = new Map(rows.map((r) => [r.postcode, r]));
  return (pc4, pc6) => (pc6 !== null ? byPostcode.get(pc6) : undefined) ?? (pc4 !== null ? byPostcode.get(pc4) : undefined) ?? null;
}

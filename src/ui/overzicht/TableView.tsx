import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import type { OverzichtTabel } from '../../shared/api.ts';
import { keyboardGridOptions, widthFor, wrappingText } from '../screens/agGrid.ts';
import { formatFigure } from './format.ts';

type Row = OverzichtTabel['rijen'][number];

const unitOf = (eenheid: string): string => (eenheid === 'euro' || eenheid === 'aantal' ? eenheid : 'getal');

/** A table of the Overzicht as the core built it; numbers formatted nl-NL, subtotals in bold. */
export function TableView({ table, testId }: { table: OverzichtTabel; testId: string }) {
  // A column of mixed answers (informatievragen) is formatted per row by the row's own unit.
  const format = (k: OverzichtTabel['kolommen'][number], value: unknown, row: Row | undefined) =>
    formatFigure(value as number | null, k.soort === 'getal' && typeof row?.eenheid === 'string' ? unitOf(row.eenheid) : k.soort);
  const columns: ColDef<Row>[] = table.kolommen.map((k) => ({
    field: k.naam,
    headerName: k.titel,
    flex: k.soort === 'tekst' ? 2 : 1,
    // Every row's figure fits, not only the rows on screen; text wraps instead.
    // A header wraps between words, never inside one: its longest word fits too (with room for the sort arrow).
    minWidth: k.soort === 'tekst' ? 180 : widthFor([...table.rijen.map((r) => format(k, r[k.naam], r)), ...k.titel.split(/\s+/).map((w) => `${w}  `)], 110),
    ...(k.soort === 'tekst' ? wrappingText : {}),
    type: k.soort === 'tekst' ? undefined : 'rightAligned',
    valueFormatter: k.soort === 'tekst' ? undefined : (p) => format(k, p.value, p.data),
    // Sorting by the number, not by its formatted text.
    comparator: k.soort === 'tekst' ? undefined : (a: number | null, b: number | null) => (a ?? -Infinity) - (b ?? -Infinity),
  }));
  return (
    <div className="grid" data-testid={testId}>
      <AgGridReact<Row> {...keyboardGridOptions} rowData={table.rijen} columnDefs={columns} getRowClass={(p) => (p.data?.subtotaal ? 'subtotal' : undefined)} />
    </div>
  );
}

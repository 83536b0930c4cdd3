import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import type { OverzichtTabel } from '../../shared/api.ts';
import { keyboardGridOptions } from '../screens/agGrid.ts';
import { formatFigure } from './format.ts';

type Row = OverzichtTabel['rijen'][number];

const unitOf = (eenheid: string): string => (eenheid === 'euro' || eenheid === 'aantal' ? eenheid : 'getal');

/** A table of the Overzicht as the core built it; numbers formatted nl-NL, subtotals in bold. */
export function TableView({ table, testId }: { table: OverzichtTabel; testId: string }) {
  const columns: ColDef<Row>[] = table.kolommen.map((k) => ({
    field: k.naam,
    headerName: k.titel,
    flex: k.soort === 'tekst' ? 2 : 1,
    minWidth: k.soort === 'tekst' ? 180 : 110,
    type: k.soort === 'tekst' ? undefined : 'rightAligned',
    // A column of mixed answers (informatievragen) is formatted per row by the row's own unit.
    valueFormatter: k.soort === 'tekst' ? undefined : (p) => formatFigure(p.value as number | null, k.soort === 'getal' && typeof p.data?.eenheid === 'string' ? unitOf(p.data.eenheid) : k.soort),
    // Sorting by the number, not by its formatted text.
    comparator: k.soort === 'tekst' ? undefined : (a: number | null, b: number | null) => (a ?? -Infinity) - (b ?? -Infinity),
  }));
  return (
    <div className="grid" data-testid={testId}>
      <AgGridReact<Row> {...keyboardGridOptions} rowData={table.rijen} columnDefs={columns} getRowClass={(p) => (p.data?.subtotaal ? 'subtotal' : undefined)} />
    </div>
  );
}

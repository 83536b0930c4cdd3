import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import type { TabelKolom } from '../../shared/api.ts';
import { formatFigure } from '../overzicht/format.ts';
import { keyboardGridOptions, widthFor, wrappingText } from '../screens/agGrid.ts';

export type FigureRow = Record<string, string | number | boolean | null>;

/**
 * A sortable, filterable table of figures: numbers in nl-NL, a word (`onderdrukt`) shown as the
 * word, never as a number, and sorted below every figure.
 */
export function FigureGrid({ kolommen, rijen, testId, onSelect, height }: { kolommen: TabelKolom[]; rijen: FigureRow[]; testId: string; onSelect?: (row: FigureRow) => void; height?: number }) {
  const text = (k: TabelKolom, v: unknown) => (typeof v === 'string' ? v : formatFigure(v as number | null, k.soort));
  const columns: ColDef<FigureRow>[] = kolommen.map((k) => ({
    field: k.naam,
    headerName: k.titel,
    flex: k.soort === 'tekst' ? 2 : 1,
    minWidth: k.soort === 'tekst' ? 160 : widthFor([...rijen.map((r) => text(k, r[k.naam])), ...k.titel.split(/\s+/).map((w) => `${w}  `)], 100),
    ...(k.soort === 'tekst' ? wrappingText : {}),
    filter: k.soort === 'tekst' ? 'agTextColumnFilter' : 'agNumberColumnFilter',
    type: k.soort === 'tekst' ? undefined : 'rightAligned',
    valueFormatter: k.soort === 'tekst' ? undefined : (p) => text(k, p.value),
    comparator: k.soort === 'tekst' ? undefined : (a: unknown, b: unknown) => (typeof a === 'number' ? a : -Infinity) - (typeof b === 'number' ? b : -Infinity),
  }));
  return (
    <div className="grid" data-testid={testId} style={height ? { height } : undefined}>
      <AgGridReact<FigureRow>
        {...keyboardGridOptions}
        rowData={rijen}
        columnDefs={columns}
        getRowClass={(p) => (p.data?.subtotaal ? 'subtotal' : undefined)}
        {...(onSelect
          ? {
              rowSelection: { mode: 'singleRow' as const, checkboxes: false, enableClickSelection: true },
              onSelectionChanged: (e: { api: { getSelectedRows(): FigureRow[] } }) => {
                const [row] = e.api.getSelectedRows();
                if (row) onSelect(row);
              },
              // Keyboard users choose a row with Enter as well as with the grid's own Space.
              onCellKeyDown: (e: { event?: Event | null; node: { setSelected(selected: boolean): void } }) => {
                if ((e.event as KeyboardEvent | null | undefined)?.key === 'Enter') e.node.setSelected(true);
              },
            }
          : {})}
      />
    </div>
  );
}

import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { keyboardGridOptions } from '../screens/agGrid.ts';
import { ExcelButton, exportTable, SaveStatus, useSave, type TableExport } from './FigurePanel.tsx';

/**
 * What became of each file read in one go (deliveries, reference files): every row on the page
 * (a few dozen files at most), sortable and filterable, a refused one marked, and to Excel as shown.
 */
export function FileResultGrid<T>({ testId, rows, columns, refused, exporteer }: { testId: string; rows: T[]; columns: ColDef<T>[]; refused: (row: T) => boolean; exporteer: TableExport }) {
  const { saved, error, save } = useSave();
  return (
    <div data-testid={testId}>
      <div className="panel-head">
        <h3>Resultaat per bestand</h3>
        <ExcelButton weergave={exporteer.weergave} onClick={() => save(() => exportTable(exporteer))} />
      </div>
      <SaveStatus saved={saved} error={error} />
      <div className="grid" style={{ height: 'auto' }}>
        <AgGridReact<T> {...keyboardGridOptions} domLayout="autoHeight" ensureDomOrder rowData={rows} columnDefs={columns} getRowClass={(p) => (p.data !== undefined && refused(p.data) ? 'refused' : undefined)} />
      </div>
    </div>
  );
}

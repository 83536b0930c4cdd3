import { type ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo, useState } from 'react';
import type { LastenRegel, LastenSleutel } from '../../shared/api.ts';
import { api, ApiCallError } from '../api.ts';
import { useEditableTable } from '../useEditableTable.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { keyboardGridOptions } from './agGrid.ts';

const number = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const sleutelOf = ({ periode, productcode, aanbieder }: LastenRegel): LastenSleutel => ({ periode, productcode, aanbieder });
const rowId = (r: LastenRegel) => [r.periode, r.productcode, r.aanbieder].join('\u001f');

/** "1.234,56" or "1234.56" as euros; text that is no amount is refused here, in Dutch. */
function parseBedrag(text: unknown): number {
  if (typeof text === 'number') return text;
  const t = String(text ?? '').trim().replace(/^€\s*/, '');
  const value = t === '' ? NaN : Number(t.includes(',') ? t.replace(/\./g, '').replace(',', '.') : t);
  if (!Number.isFinite(value) || value < 0) throw new ApiCallError({ code: 'ONGELDIGE_INVOER', message: `Kolom kosten: '${t}' is geen bedrag van 0 of meer.` });
  return value;
}

/**
 * Lasten: per period what the gemeente paid for products without costs per client (a subsidy, a
 * budget per aanbieder, a contract sum). They go with the delivery (levering v2) and are
 * allocated to the clients of the product in the Overzicht and the analyst's figures.
 */
export function LastenScreen() {
  const { table, error, setError, apply, savedTo, setSavedTo, imported, setImported, canUndo, clearUndo, grid, start, undoLast, removeFocused, add, changed, onGridKeyDown } = useEditableTable({
    table: () => api.lasten.table(),
    save: (args: { regel: LastenRegel; vorige: LastenSleutel | null }) => api.lasten.save(args),
    delete: (args: { sleutel: LastenSleutel }) => api.lasten.delete(args),
    sleutelOf,
    rowId,
  });

  const columns = useMemo<ColDef<LastenRegel>[]>(
    () => [
      { field: 'periode', headerName: 'Periode', editable: true, width: 110 },
      { field: 'productcode', headerName: 'Productcode', editable: true, width: 150 },
      { field: 'aanbieder', headerName: 'Aanbieder (AGB of naam)', editable: true, flex: 1, minWidth: 200, valueFormatter: (p) => p.value || 'alle aanbieders' },
      {
        field: 'kosten',
        headerName: 'Lasten',
        editable: true,
        type: 'rightAligned',
        width: 160,
        valueFormatter: (p) => (typeof p.value === 'number' ? euro.format(p.value) : ''),
        valueParser: (p) => {
          try {
            return parseBedrag(p.newValue);
          } catch (refusal) {
            setError(refusal);
            return p.oldValue as number;
          }
        },
      },
    ],
    // setError is the hook's state setter, the same function every render.
    [],
  );

  if (!table) return <ErrorMessage error={error} />;
  const perioden = [...new Set(table.regels.map((r) => r.periode))];
  return (
    <section className="panel wide" aria-labelledby="lasten-title">
      <h2 id="lasten-title">
        Lasten ({number.format(table.regels.length)} regels{perioden.length > 0 ? `, ${perioden.join(', ')}` : ''})
      </h2>
      <p className="definition">
        Per periode het bedrag voor een product zonder kosten per cliënt (subsidie, budget, contractsom), voor één aanbieder of, met de aanbieder leeg, voor alle aanbieders samen. Het gaat mee in de levering van die periode (lasten.csv) en wordt
        verdeeld over de cliënten van het product: {table.regelsPerProduct.map((r) => `${r.productcode === '*' ? 'standaard' : r.productcode} ${r.omschrijving}`).join('; ')}.
      </p>
      <div className="run">
        <button
          type="button"
          className="secondary"
          onClick={() => {
            start();
            void apply(
              api.lasten.import().then((result) => {
                if (result.ingelezen) {
                  setImported(`${number.format(result.ingelezen.regels)} regels lasten ingelezen uit ${result.ingelezen.bestand} (${result.ingelezen.perioden.join(', ')}).`);
                  clearUndo();
                }
                return result;
              }),
            );
          }}
        >
          Importeren (CSV of Excel)…
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            start();
            api.lasten.export().then((r) => setSavedTo(r.saved ? r.path : null), setError);
          }}
        >
          Exporteren…
        </button>
        <button type="button" className="secondary" onClick={removeFocused}>
          Regel verwijderen
        </button>
        <button type="button" className="secondary" disabled={!canUndo} aria-keyshortcuts="Control+Z" onClick={undoLast}>
          Laatste wijziging ongedaan maken (Ctrl+Z)
        </button>
      </div>
      {imported && (
        <p className="ok" role="status">
          {imported}
        </p>
      )}
      {savedTo && (
        <p className="ok" role="status">
          Opgeslagen in {savedTo}
        </p>
      )}
      <AddLast
        onRefused={(refusal) => {
          start();
          setError(refusal);
        }}
        onAdd={add}
      />
      <ErrorMessage error={error} />
      {table.regels.length === 0 ? (
        <p className="empty">Nog geen lasten. Importeer de tabel (periode;productcode;aanbieder;kosten) of voeg hierboven een regel toe.</p>
      ) : (
        <div
          className="grid fill"
          data-testid="lasten-grid"
          onKeyDown={onGridKeyDown}
        >
          <AgGridReact<LastenRegel>
            ref={grid}
            {...keyboardGridOptions}
            rowData={table.regels}
            columnDefs={columns}
            getRowId={(p) => rowId(p.data)}
            singleClickEdit
            onCellValueChanged={(event) => {
              const field = event.colDef.field as keyof LastenRegel;
              const before = { ...event.data, [field]: event.oldValue } as LastenRegel;
              changed(event.data, before);
            }}
          />
        </div>
      )}
    </section>
  );
}

/** One lasten row typed in by hand, saved like an edit in the grid. */
function AddLast({ onAdd, onRefused }: { onAdd(regel: LastenRegel): Promise<boolean>; onRefused(refusal: unknown): void }) {
  const empty = { periode: '', productcode: '', aanbieder: '', kosten: '' };
  const [row, setRow] = useState(empty);
  const [added, setAdded] = useState<string | null>(null);
  const field = (key: keyof typeof empty, label: string, size = 10) => (
    <label>
      {label}
      <input value={row[key]} size={size} onChange={(e) => setRow({ ...row, [key]: e.target.value })} autoComplete="off" spellCheck={false} />
    </label>
  );
  return (
    <form
      className="run"
      aria-label="Lasten toevoegen"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setAdded(null);
        let regel: LastenRegel;
        try {
          regel = { periode: row.periode.trim(), productcode: row.productcode.trim(), aanbieder: row.aanbieder.trim(), kosten: parseBedrag(row.kosten) };
        } catch (refusal) {
          onRefused(refusal);
          return;
        }
        void onAdd(regel).then((saved) => {
          if (!saved) return;
          setAdded(`${regel.periode} ${regel.productcode}`);
          setRow({ ...empty, periode: row.periode });
        });
      }}
    >
      {field('periode', 'Periode', 8)}
      {field('productcode', 'Productcode', 8)}
      {field('aanbieder', 'Aanbieder (AGB of naam)', 14)}
      {field('kosten', 'Lasten (€)', 10)}
      <button type="submit" className="secondary">
        Toevoegen
      </button>
      {added && (
        <p className="ok" role="status">
          Lasten {added} zijn toegevoegd.
        </p>
      )}
    </form>
  );
}

import { type ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo, useRef, useState } from 'react';
import type { Product, ProductImportCounts, ProductTable, UnmappedProduct } from '../../shared/api.ts';
import { api } from '../api.ts';
import { useStoredTable } from '../useStoredTable.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { keyboardGridOptions, wrappingText } from './agGrid.ts';
import { SavedToStatus, TableFileButtons } from './TableFileButtons.tsx';

const number = new Intl.NumberFormat('nl-NL');

/** Producten: the vertaaltabel — every municipal product in a voorzieningsoort and a leefdomein. */
export function ProductsScreen() {
  const { table, error, setError, apply } = useStoredTable(() => api.products.table());
  const [savedTo, setSavedTo] = useState<string | null>(null);
  const [imported, setImported] = useState<ProductImportCounts | null>(null);
  // Edits are saved at once; the previous version of each edited row is kept so it can be put back.
  const [undo, setUndo] = useState<Product[]>([]);
  // A classified product leaves the list, and its Opslaan button with it: keep the keyboard here.
  const unmappedHeading = useRef<HTMLHeadingElement>(null);
  // A message appears beside what caused it: the list of unclassified products, or the table's buttons.
  const [errorAt, setErrorAt] = useState<'import' | 'unmapped' | 'table'>('table');
  const start = (where: 'import' | 'unmapped' | 'table') => {
    setErrorAt(where);
    setError(null);
    setSavedTo(null);
    setImported(null);
  };
  const importTable = () => {
    start('import');
    void apply(
      api.products.import().then((result) => {
        setImported(result.ingelezen);
        // The undo stack described the table the import replaced.
        if (result.ingelezen) setUndo([]);
        return result;
      }),
    );
  };
  const grid = useRef<AgGridReact<Product>>(null);
  const undoLast = () => {
    const last = undo.at(-1);
    if (!last) return;
    // An editor left open would still hold the value being undone and write it back on closing.
    grid.current?.api.stopEditing(true);
    start('table');
    setUndo((stack) => stack.slice(0, -1));
    void apply(api.products.save({ product: last }));
  };
  const classify = (saving: Promise<ProductTable>) => {
    start('unmapped');
    return apply(saving).then(() => unmappedHeading.current?.focus());
  };

  const columns = useMemo<ColDef<Product>[]>(() => {
    if (!table) return [];
    // The pick list and the cell both read "LD01 Fysieke gezondheid": a code alone means nothing to a new user.
    const select = (choices: { code: string; naam?: string }[], show: 'code en naam' | 'naam' = 'code en naam'): ColDef<Product> => {
      const names = new Map(choices.map((c) => [c.code, c.naam]));
      const label = (code: string) => (show === 'naam' ? (names.get(code) ?? code) : [code, names.get(code)].filter(Boolean).join(' '));
      return {
        editable: true,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: choices.map((c) => c.code), valueListMaxHeight: 320, valueListMaxWidth: 420 },
        valueFormatter: (p) => (typeof p.value === 'string' && p.value !== '' ? label(p.value) : ''),
      };
    };
    return [
      { field: 'productcode', headerName: 'Productcode', pinned: 'left', width: 130 },
      { field: 'product', headerName: 'Product', editable: true, flex: 2, minWidth: 180, ...wrappingText },
      { field: 'pijler', headerName: 'Pijler', width: 100, ...select(table.keuzes.pijlers.map((code) => ({ code }))) },
      { field: 'categorie', headerName: 'Categorie', editable: true, width: 110 },
      { field: 'voorziening', headerName: 'Voorziening', flex: 2, minWidth: 220, ...select(table.keuzes.voorzieningen), ...wrappingText },
      { field: 'leefdomein', headerName: 'Leefdomein', flex: 2, minWidth: 220, ...select(table.keuzes.leefdomeinen), ...wrappingText },
      { field: 'financier', headerName: 'Financier', width: 160, ...select(table.keuzes.financiers, 'naam') },
    ];
  }, [table]);

  if (!table) return <ErrorMessage error={error} />;
  const withSuggestion = table.nietIngedeeld.filter((u) => u.voorstel);

  return (
    <>
      <section className="panel wide" aria-labelledby="import-title">
        <h2 id="import-title">Vertaaltabel importeren</h2>
        <p>
          De analist levert de vertaaltabel als CSV of Excel (kolommen productcode, product, pijler, categorie, voorziening, leefdomein, financier). Importeren vervangt de hele tabel hieronder; daarna
          hoeft u alleen nog de producten in te delen die er niet in staan.
        </p>
        <div className="run">
          <button type="button" onClick={importTable}>
            Importeren (CSV of Excel)…
          </button>
        </div>
        {imported && (
          <p className="ok" role="status" data-testid="products-imported">
            {importSummary(imported)}
          </p>
        )}
        {errorAt === 'import' && <ErrorMessage error={error} />}
      </section>
      <section className="panel wide" aria-labelledby="unmapped-title">
        <h2 id="unmapped-title" tabIndex={-1} ref={unmappedHeading}>
          Niet ingedeeld ({table.nietIngedeeld.length})
        </h2>
        {table.nietIngedeeld.length === 0 ? (
          <p className="ok">Alle producten in de ingelezen exports zijn ingedeeld.</p>
        ) : (
          <>
            <p>Deze producten komen voor in ingelezen exports maar staan niet in de vertaaltabel. Zonder indeling kan er niet geleverd worden.</p>
            {withSuggestion.length > 0 && (
              <button
                type="button"
                onClick={() => classify(withSuggestion.reduce((chain, u) => chain.then(() => api.products.save({ product: strip(u.voorstel!) })), Promise.resolve(table)))}
              >
                Alle {withSuggestion.length} voorstellen overnemen
              </button>
            )}
            <table className="log" data-testid="unmapped">
              <thead>
                <tr>
                  <th scope="col">Productcode</th>
                  <th scope="col">Product</th>
                  <th scope="col" className="num">Rijen</th>
                  <th scope="col">Indeling</th>
                </tr>
              </thead>
              <tbody>
                {table.nietIngedeeld.map((u) => (
                  <UnmappedRow key={u.productcode} item={u} table={table} onSave={(p) => classify(api.products.save({ product: p }))} />
                ))}
              </tbody>
            </table>
          </>
        )}
        {errorAt === 'unmapped' && <ErrorMessage error={error} />}
      </section>
      <section className="panel wide" aria-labelledby="table-title">
        <h2 id="table-title">Vertaaltabel ({table.producten.length} producten)</h2>
        <div className="run">
          <TableFileButtons start={() => start('table')} exportTable={() => api.products.export()} setSavedTo={setSavedTo} setError={setError} />
          <button
            type="button"
            className="secondary"
            disabled={undo.length === 0}
            aria-keyshortcuts="Control+Z"
            onClick={undoLast}
          >
            Laatste wijziging ongedaan maken (Ctrl+Z)
          </button>
        </div>
        <SavedToStatus savedTo={savedTo} />
        {errorAt === 'table' && <ErrorMessage error={error} />}
        <div
          className="grid fill"
          data-testid="products-grid"
          onKeyDown={(e) => {
            // Ctrl+Z in a cell that is being typed in undoes the typing (the browser's own); on the grid it undoes the last saved edit.
            const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
            if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z' && !typing) {
              e.preventDefault();
              undoLast();
            }
          }}
        >
          <AgGridReact<Product>
            ref={grid}
            {...keyboardGridOptions}
            rowData={table.producten}
            columnDefs={columns}
            getRowId={(p) => p.data.productcode}
            singleClickEdit
            onCellValueChanged={(event) => {
              const before = { ...event.data, [event.colDef.field as keyof Product]: event.oldValue } as Product;
              setUndo((stack) => [...stack, before]);
              start('table');
              void apply(api.products.save({ product: event.data }));
            }}
          />
        </div>
      </section>
    </>
  );
}

/** "6 producten ingelezen uit producten.csv: 4 nieuw, 2 gewijzigd." */
function importSummary(c: ProductImportCounts): string {
  const parts = [`${number.format(c.nieuw)} nieuw`, `${number.format(c.gewijzigd)} gewijzigd`];
  if (c.ongewijzigd > 0) parts.push(`${number.format(c.ongewijzigd)} ongewijzigd`);
  const dropped = c.vervallen > 0 ? ` ${number.format(c.vervallen)} ${c.vervallen === 1 ? 'product stond' : 'producten stonden'} wel in de vorige tabel en niet in deze.` : '';
  return `${number.format(c.ingelezen)} ${c.ingelezen === 1 ? 'product' : 'producten'} ingelezen uit ${c.bestand}: ${parts.join(', ')}.${dropped}`;
}

function strip(voorstel: Product & { reden: string }): Product {
  const { reden: _reden, ...product } = voorstel;
  return product;
}

function UnmappedRow({ item, table, onSave }: { item: UnmappedProduct; table: ProductTable; onSave(product: Product): void }) {
  const [voorziening, setVoorziening] = useState(item.voorstel?.voorziening ?? '');
  const soort = table.keuzes.voorzieningen.find((v) => v.code === voorziening);
  const defaultLeefdomein = item.voorstel?.voorziening === voorziening ? item.voorstel.leefdomein : '';
  const [leefdomein, setLeefdomein] = useState(defaultLeefdomein);
  return (
    <tr>
      <td>{item.productcode}</td>
      <td>{item.product ?? '—'}</td>
      <td className="num">{number.format(item.rijen)}</td>
      <td>
        <div className="run">
          <CodeChoice label="Voorziening" productcode={item.productcode} choices={table.keuzes.voorzieningen} value={voorziening} onChange={setVoorziening} />
          <CodeChoice label="Leefdomein" productcode={item.productcode} choices={table.keuzes.leefdomeinen} value={leefdomein} onChange={setLeefdomein} />
          <button
            type="button"
            onClick={() =>
              onSave({
                productcode: item.productcode,
                product: item.product ?? '',
                pijler: soort?.pijler ?? '',
                categorie: item.voorstel?.categorie ?? '',
                voorziening,
                leefdomein,
                // Empty: the core fills in its default financier.
                financier: '',
              })
            }
          >
            Opslaan
          </button>
        </div>
        {item.voorstel && <span className="muted">Voorstel: {item.voorstel.reden}</span>}
      </td>
    </tr>
  );
}

/** A pick list of codes, each shown with its name; named for the product, as every row has one. */
function CodeChoice({
  label,
  productcode,
  choices,
  value,
  onChange,
}: {
  label: string;
  productcode: string;
  choices: readonly { code: string; naam: string }[];
  value: string;
  onChange(code: string): void;
}) {
  return (
    <label>
      {label}
      <select aria-label={`${label} voor ${productcode}`} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">— kies —</option>
        {choices.map((c) => (
          <option key={c.code} value={c.code}>
            {c.code} {c.naam}
          </option>
        ))}
      </select>
    </label>
  );
}

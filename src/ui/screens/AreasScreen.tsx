import { type ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useState } from 'react';
import type { Area, AreaTable } from '../../shared/api.ts';
import { api } from '../api.ts';
import { useStoredTable } from '../useStoredTable.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { keyboardGridOptions } from './agGrid.ts';
import { SavedToStatus, TableFileButtons } from './TableFileButtons.tsx';

const number = new Intl.NumberFormat('nl-NL');
const columns: ColDef<Area>[] = [
  { field: 'postcode', headerName: 'Postcode (PC4 of PC6)', width: 190 },
  { field: 'wijk', headerName: 'Wijkcode', editable: true, width: 150 },
  { field: 'wijknaam', headerName: 'Wijknaam', editable: true, flex: 1 },
  { field: 'gebied', headerName: 'Gebied(steam)', editable: true, flex: 1 },
];

/** Gebieden: which postcode belongs to which wijk; a PC6 row wins over its PC4 row. */
export function AreasScreen() {
  const { table, error, setError, apply } = useStoredTable(() => api.areas.table());
  const [savedTo, setSavedTo] = useState<string | null>(null);
  const start = () => {
    setError(null);
    setSavedTo(null);
  };
  if (!table) return <ErrorMessage error={error} />;
  return (
    <>
      <section className="panel wide" aria-labelledby="areas-title">
        <h2 id="areas-title">Gebiedsindeling ({number.format(table.gebieden.length)} postcodes)</h2>
        <div className="run">
          <TableFileButtons start={start} importTable={() => void apply(api.areas.import())} exportTable={() => api.areas.export()} setSavedTo={setSavedTo} setError={setError} />
        </div>
        <SavedToStatus savedTo={savedTo} />
        <AddArea
          onAdd={(gebied) => {
            start();
            return api.areas.save({ gebied }).then(
              (next) => {
                void apply(Promise.resolve(next));
                return true;
              },
              (failure: unknown) => {
                setError(failure);
                return false;
              },
            );
          }}
        />
        <ErrorMessage error={error} />
        {table.gebieden.length === 0 ? (
          <p className="empty">Nog geen gebiedsindeling. Importeer de tabel (postcode;wijk;wijknaam;gebied) die de analist verstrekt.</p>
        ) : (
          <div className="grid fill" data-testid="areas-grid">
            <AgGridReact<Area> {...keyboardGridOptions} rowData={table.gebieden} columnDefs={columns} getRowId={(p) => p.data.postcode} singleClickEdit onCellValueChanged={(e) => apply(api.areas.save({ gebied: e.data }))} />
          </div>
        )}
      </section>
      <section className="panel wide" aria-labelledby="unknown-title">
        <h2 id="unknown-title">Postcodes zonder wijk ({table.onbekend.length})</h2>
        {table.onbekend.length === 0 ? (
          <p className="ok">Alle postcodes in de ingelezen exports horen bij een wijk.</p>
        ) : (
          <>
            <p>Cliënten met deze postcodes krijgen in de levering wijk “onbekend”. Vul de gebiedsindeling aan als ze wel in de gemeente liggen.</p>
            {/* Focusable so the keyboard can scroll it, as the box scrolls on its own. */}
            <div className="scroll-box" tabIndex={0} role="region" aria-label="Postcodes zonder wijk">
              <table className="log compact sticky-head" data-testid="unknown-postcodes">
                <thead>
                  <tr>
                    <th scope="col">Postcode</th>
                    <th scope="col" className="num">Rijen</th>
                  </tr>
                </thead>
                <tbody>
                  {table.onbekend.map((u) => (
                    <tr key={u.postcode}>
                      <td>{u.postcode}</td>
                      <td className="num">{number.format(u.rijen)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </>
  );
}

/** One postcode added by hand (a new street, a postcode the table lacks), saved like an edit in the grid. */
function AddArea({ onAdd }: { onAdd(gebied: Area): Promise<boolean> }) {
  const empty: Area = { postcode: '', wijk: '', wijknaam: '', gebied: '' };
  const [row, setRow] = useState<Area>(empty);
  const [added, setAdded] = useState<string | null>(null);
  const field = (key: keyof Area, label: string) => (
    <label>
      {label}
      <input value={row[key]} onChange={(e) => setRow({ ...row, [key]: e.target.value })} autoComplete="off" spellCheck={false} />
    </label>
  );
  return (
    <form
      className="run"
      aria-label="Postcode toevoegen"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setAdded(null);
        const postcode = row.postcode.replace(/\s+/g, '').toUpperCase();
        void onAdd({ ...row, postcode }).then((saved) => {
          if (!saved) return;
          setAdded(postcode);
          setRow(empty);
        });
      }}
    >
      {field('postcode', 'Nieuwe postcode')}
      {field('wijk', 'Wijkcode')}
      {field('wijknaam', 'Wijknaam')}
      {field('gebied', 'Gebied(steam)')}
      <button type="submit" className="secondary">
        Toevoegen
      </button>
      {added && (
        <p className="ok" role="status">
          Postcode {added} is toegevoegd.
        </p>
      )}
    </form>
  );
}

import { type ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo, useState } from 'react';
import type { ProgrammeringRegel, ProgrammeringSleutel } from '../../shared/api.ts';
import { api, ApiCallError } from '../api.ts';
import { useEditableTable } from '../useEditableTable.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { keyboardGridOptions } from './agGrid.ts';

const number = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const sleutelOf = ({ jaar, pijler, productcode, aanbieder, wijk }: ProgrammeringRegel): ProgrammeringSleutel => ({ jaar, pijler, productcode, aanbieder, wijk });
const rowId = (r: ProgrammeringRegel) => [r.jaar, r.pijler, r.productcode, r.aanbieder, r.wijk].join('\u001f');

/**
 * "1.234,5" or "1234.5" as a number; empty is no target. Text that is no number is refused here
 * with a Dutch message: sent on, it would arrive as nothing (JSON has no NaN) and erase a target.
 */
function parseNl(text: unknown, kolom: string): number | null {
  if (typeof text === 'number') return text;
  const t = String(text ?? '').trim().replace(/^€\s*/, '');
  if (t === '') return null;
  const value = Number(t.includes(',') ? t.replace(/\./g, '').replace(',', '.') : t);
  if (!Number.isFinite(value) || value < 0) throw new ApiCallError({ code: 'ONGELDIGE_INVOER', message: `Kolom ${kolom}: '${t}' is geen getal van 0 of meer.` });
  return value;
}

function parseJaar(text: unknown): number {
  const t = String(text ?? '').trim();
  if (!/^\d{4}$/.test(t)) throw new ApiCallError({ code: 'ONGELDIGE_INVOER', message: `Kolom jaar: '${t}' is geen jaartal.` });
  return Number(t);
}

/** Programmering: the gemeente's targets per year, the maxima the Overzicht sets the realisation against. */
export function ProgrammeringScreen() {
  const { table, error, setError, apply, savedTo, setSavedTo, imported, setImported, canUndo, clearUndo, grid, start, undoLast, removeFocused, add, changed, onGridKeyDown } = useEditableTable({
    table: () => api.programmering.table(),
    save: (args: { regel: ProgrammeringRegel; vorige: ProgrammeringSleutel | null }) => api.programmering.save(args),
    delete: (args: { sleutel: ProgrammeringSleutel }) => api.programmering.delete(args),
    sleutelOf,
    rowId,
  });

  const columns = useMemo<ColDef<ProgrammeringRegel>[]>(() => {
    const amount = (field: 'clienten' | 'kosten' | 'aandeel', headerName: string, format: (n: number) => string): ColDef<ProgrammeringRegel> => ({
      field,
      headerName,
      editable: true,
      type: 'rightAligned',
      flex: 1,
      minWidth: 150,
      valueFormatter: (p) => (typeof p.value === 'number' ? format(p.value) : ''),
      valueParser: (p) => {
        try {
          return parseNl(p.newValue, field);
        } catch (refusal) {
          setError(refusal);
          return p.oldValue as number | null;
        }
      },
    });
    return [
      {
        field: 'jaar',
        headerName: 'Jaar',
        editable: true,
        width: 90,
        valueParser: (p) => {
          try {
            return parseJaar(p.newValue);
          } catch (refusal) {
            setError(refusal);
            return p.oldValue as number;
          }
        },
      },
      { field: 'pijler', headerName: 'Pijler', editable: true, width: 100, cellEditor: 'agSelectCellEditor', cellEditorParams: { values: table?.pijlers ?? [] } },
      { field: 'productcode', headerName: 'Productcode', editable: true, width: 140, valueFormatter: (p) => p.value || 'alle' },
      { field: 'aanbieder', headerName: 'Aanbieder (AGB)', editable: true, width: 160, valueFormatter: (p) => p.value || 'alle' },
      { field: 'wijk', headerName: 'Wijk', editable: true, width: 130, valueFormatter: (p) => p.value || 'alle' },
      amount('clienten', 'Streef cliënten', (n) => number.format(n)),
      amount('kosten', 'Streef kosten', (n) => euro.format(n)),
      amount('aandeel', 'Streef aandeel (%)', (n) => `${number.format(n)} %`),
    ];
    // setError is the hook's state setter, the same function every render.
  }, [table?.pijlers]);

  if (!table) return <ErrorMessage error={error} />;
  const jaren = [...new Set(table.regels.map((r) => r.jaar))];
  return (
    <section className="panel wide" aria-labelledby="programmering-title">
      <h2 id="programmering-title">
        Streefwaarden ({number.format(table.regels.length)} regels{jaren.length > 0 ? `, ${jaren.join(', ')}` : ''})
      </h2>
      <p className="definition">
        Per jaar, pijler en product het maximum aantal cliënten en de maximale kosten, en het beoogde aandeel cliënten binnen de groep (een product binnen zijn pijler, een aanbieder of wijk binnen zijn product). Laat aanbieder of wijk leeg voor het totaal. Het Overzicht zet de realisatie ertegen af en meldt wanneer een maximum overschreden dreigt te worden.
      </p>
      <div className="run">
        <button
          type="button"
          className="secondary"
          onClick={() => {
            start();
            void apply(
              api.programmering.import().then((result) => {
                if (result.ingelezen) {
                  setImported(`${number.format(result.ingelezen.regels)} streefwaarden ingelezen uit ${result.ingelezen.bestand} (${result.ingelezen.jaren.join(', ')}).`);
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
            api.programmering.export().then((r) => setSavedTo(r.saved ? r.path : null), setError);
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
      <AddTarget
        pijlers={table.pijlers}
        onRefused={(refusal) => {
          start();
          setError(refusal);
        }}
        onAdd={add}
      />
      <ErrorMessage error={error} />
      {table.regels.length === 0 ? (
        <p className="empty">Nog geen programmering. Importeer de tabel (jaar;pijler;productcode;aanbieder;wijk;clienten;kosten;aandeel) of voeg hierboven een streefwaarde toe.</p>
      ) : (
        <div
          className="grid fill"
          data-testid="programmering-grid"
          onKeyDown={onGridKeyDown}
        >
          <AgGridReact<ProgrammeringRegel>
            ref={grid}
            {...keyboardGridOptions}
            rowData={table.regels}
            columnDefs={columns}
            getRowId={(p) => rowId(p.data)}
            singleClickEdit
            onCellValueChanged={(event) => {
              const field = event.colDef.field as keyof ProgrammeringRegel;
              const before = { ...event.data, [field]: event.oldValue } as ProgrammeringRegel;
              changed(event.data, before);
            }}
          />
        </div>
      )}
    </section>
  );
}

/** One target typed in by hand, saved like an edit in the grid. */
function AddTarget({ pijlers, onAdd, onRefused }: { pijlers: string[]; onAdd(regel: ProgrammeringRegel): Promise<boolean>; onRefused(refusal: unknown): void }) {
  const empty = { jaar: String(new Date().getFullYear()), pijler: pijlers[0] ?? '', productcode: '', aanbieder: '', wijk: '', clienten: '', kosten: '', aandeel: '' };
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
      aria-label="Streefwaarde toevoegen"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setAdded(null);
        let regel: ProgrammeringRegel;
        try {
          regel = {
            jaar: parseJaar(row.jaar),
            pijler: row.pijler,
            productcode: row.productcode.trim(),
            aanbieder: row.aanbieder.trim(),
            wijk: row.wijk.trim(),
            clienten: parseNl(row.clienten, 'clienten'),
            kosten: parseNl(row.kosten, 'kosten'),
            aandeel: parseNl(row.aandeel, 'aandeel'),
          };
        } catch (refusal) {
          onRefused(refusal);
          return;
        }
        void onAdd(regel).then((saved) => {
          if (!saved) return;
          setAdded(`${regel.jaar} ${regel.pijler} ${regel.productcode || 'alle producten'}`);
          setRow({ ...empty, jaar: row.jaar, pijler: row.pijler });
        });
      }}
    >
      {field('jaar', 'Jaar', 5)}
      <label>
        Pijler
        <select value={row.pijler} onChange={(e) => setRow({ ...row, pijler: e.target.value })}>
          {pijlers.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      {field('productcode', 'Productcode', 8)}
      {field('aanbieder', 'Aanbieder (AGB)', 9)}
      {field('wijk', 'Wijk', 9)}
      {field('clienten', 'Cliënten', 6)}
      {field('kosten', 'Kosten (€)', 10)}
      {field('aandeel', 'Aandeel (%)', 5)}
      <button type="submit" className="secondary">
        Toevoegen
      </button>
      {added && (
        <p className="ok" role="status">
          Streefwaarde {added} is toegevoegd.
        </p>
      )}
    </form>
  );
}

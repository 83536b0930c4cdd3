import type { ColDef, ValueParserParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useState, type ReactNode } from 'react';
import type { SaveResult } from '../../shared/api.ts';
import { ApiCallError } from '../api.ts';
import type { useEditableTable } from '../useEditableTable.ts';
import { keyboardGridOptions } from './agGrid.ts';
import { SavedToStatus, TableFileButtons } from './TableFileButtons.tsx';

/*
 * The parts every table the gemeente edits row by row (programmering, lasten) shows alike around
 * its own columns: the toolbar with its status lines, the grid that saves each edit, and the form
 * for a row typed in by hand.
 */

type Editing<R, K, T extends { regels: R[] }> = ReturnType<typeof useEditableTable<R, K, T>>;

/**
 * "1.234,56" or "1234.56" (a leading € allowed) as a number of 0 or more; empty is null, or
 * refused when `required`. Text that is no number is refused here, with `refusal(text)` as the
 * Dutch message: sent on, it would arrive as nothing (JSON has no NaN) and erase a value.
 */
export function parseNlAmount(text: unknown, refusal: (typed: string) => string, options: { required: true }): number;
export function parseNlAmount(text: unknown, refusal: (typed: string) => string): number | null;
export function parseNlAmount(text: unknown, refusal: (typed: string) => string, options: { required?: boolean } = {}): number | null {
  if (typeof text === 'number') return text;
  const t = String(text ?? '').trim().replace(/^€\s*/, '');
  if (t === '' && !options.required) return null;
  const value = t === '' ? NaN : Number(t.includes(',') ? t.replace(/\./g, '').replace(',', '.') : t);
  if (!Number.isFinite(value) || value < 0) throw new ApiCallError({ code: 'ONGELDIGE_INVOER', message: refusal(t) });
  return value;
}

/** A grid's valueParser from a parse that refuses: the refusal is shown and the cell keeps its value. */
export function refusingParser<R, V>(parse: (text: unknown) => V, setError: (refusal: unknown) => void) {
  return (p: ValueParserParams<R>): V => {
    try {
      return parse(p.newValue);
    } catch (refusal) {
      setError(refusal);
      return p.oldValue as V;
    }
  };
}

/** Importeren, Exporteren, Regel verwijderen and undo, with the line that says what import or export did. */
export function EditableTableToolbar<R, K, T extends { regels: R[] }, I>({
  editing,
  importTable,
  importedText,
  exportTable,
}: {
  editing: Editing<R, K, T>;
  importTable(): Promise<T & { ingelezen: I | null }>;
  /** The status line after an import that read a file. */
  importedText(ingelezen: I): string;
  exportTable(): Promise<SaveResult>;
}) {
  const { apply, start, setImported, clearUndo, setSavedTo, setError, removeFocused, canUndo, undoLast, imported, savedTo } = editing;
  return (
    <>
      <div className="run">
        <TableFileButtons
          start={start}
          importTable={() =>
            void apply(
              importTable().then((result) => {
                if (result.ingelezen) {
                  setImported(importedText(result.ingelezen));
                  clearUndo();
                }
                return result;
              }),
            )
          }
          exportTable={exportTable}
          setSavedTo={setSavedTo}
          setError={setError}
        />
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
      <SavedToStatus savedTo={savedTo} />
    </>
  );
}

/** The rows in a grid where every edited cell is saved at once, or `empty` while there are none. */
export function EditableGrid<R, K, T extends { regels: R[] }>({
  editing,
  testId,
  columns,
  rowId,
  empty,
}: {
  editing: Editing<R, K, T>;
  testId: string;
  columns: ColDef<R>[];
  rowId(regel: R): string;
  empty: string;
}) {
  const { table, grid, changed, onGridKeyDown } = editing;
  if (!table || table.regels.length === 0) return <p className="empty">{empty}</p>;
  return (
    <div className="grid fill" data-testid={testId} onKeyDown={onGridKeyDown}>
      <AgGridReact<R>
        ref={grid}
        {...keyboardGridOptions}
        rowData={table.regels}
        columnDefs={columns}
        getRowId={(p) => rowId(p.data)}
        singleClickEdit
        onCellValueChanged={(event) => {
          const field = event.colDef.field as string;
          const before = { ...event.data, [field]: event.oldValue } as R;
          changed(event.data as R, before);
        }}
      />
    </div>
  );
}

/**
 * A row typed in by hand, saved like an edit in the grid. `fields` lays out the inputs (`input`
 * makes a labelled text box of one); after a save the form starts again from `next(row)`.
 */
export function AddRowForm<F extends Record<string, string>, R, K, T extends { regels: R[] }>({
  editing,
  label,
  empty,
  toRegel,
  next,
  addedText,
  fields,
}: {
  editing: Editing<R, K, T>;
  label: string;
  empty: F;
  /** The typed row as a regel; throws the Dutch refusal of a value that is no value. */
  toRegel(row: F): R;
  next(row: F): F;
  addedText(regel: R): string;
  fields(input: (key: keyof F & string, label: string, size?: number) => ReactNode, row: F, setRow: (row: F) => void): ReactNode;
}) {
  const [row, setRow] = useState(empty);
  const [added, setAdded] = useState<string | null>(null);
  const input = (key: keyof F & string, label: string, size = 10) => (
    <label>
      {label}
      <input value={row[key]} size={size} onChange={(e) => setRow({ ...row, [key]: e.target.value })} autoComplete="off" spellCheck={false} />
    </label>
  );
  return (
    <form
      className="run"
      aria-label={label}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setAdded(null);
        let regel: R;
        try {
          regel = toRegel(row);
        } catch (refusal) {
          editing.start();
          editing.setError(refusal);
          return;
        }
        void editing.add(regel).then((saved) => {
          if (!saved) return;
          setAdded(addedText(regel));
          setRow(next(row));
        });
      }}
    >
      {fields(input, row, setRow)}
      <button type="submit" className="secondary">
        Toevoegen
      </button>
      {added && (
        <p className="ok" role="status">
          {added}
        </p>
      )}
    </form>
  );
}

import type { AgGridReact } from 'ag-grid-react';
import { useRef, useState, type KeyboardEvent } from 'react';
import { ApiCallError } from './api.ts';
import { useStoredTable } from './useStoredTable.ts';

/** The calls of a table the gemeente edits row by row (programmering, lasten). */
export type EditableTableCalls<R, K, T extends { regels: R[] }> = {
  table(): Promise<T>;
  save(args: { regel: R; vorige: K | null }): Promise<T>;
  delete(args: { sleutel: K }): Promise<T>;
  sleutelOf(regel: R): K;
  rowId(regel: R): string;
};

/** What puts the table back as it was before one change. */
type Undo<R, K> = { regel: R; vorige: K | null } | { verwijder: K };

/**
 * A stored table edited in a grid: every change (cell, added row, deleted row) is saved at once
 * and can be undone, last first (Ctrl+Z); import, export and messages share one status line.
 */
export function useEditableTable<R, K, T extends { regels: R[] }>(calls: EditableTableCalls<R, K, T>) {
  const { table, error, setError, apply } = useStoredTable(() => calls.table());
  const [savedTo, setSavedTo] = useState<string | null>(null);
  const [imported, setImported] = useState<string | null>(null);
  const [undo, setUndo] = useState<Undo<R, K>[]>([]);
  const grid = useRef<AgGridReact<R>>(null);
  const start = () => {
    setError(null);
    setSavedTo(null);
    setImported(null);
  };
  const undoLast = () => {
    const last = undo.at(-1);
    if (!last) return;
    grid.current?.api.stopEditing(true);
    start();
    setUndo((stack) => stack.slice(0, -1));
    void apply('verwijder' in last ? calls.delete({ sleutel: last.verwijder }) : calls.save(last));
  };
  const removeFocused = () => {
    const index = grid.current?.api.getFocusedCell()?.rowIndex;
    const row = index === undefined || index === null ? undefined : grid.current?.api.getDisplayedRowAtIndex(index)?.data;
    if (!row) {
      setError(new ApiCallError({ code: 'GEEN_REGEL', message: 'Kies eerst een regel in de tabel (klik een cel aan) en verwijder hem dan.' }));
      return;
    }
    start();
    void apply(
      calls.delete({ sleutel: calls.sleutelOf(row) }).then((next) => {
        setUndo((stack) => [...stack, { regel: row, vorige: null }]);
        return next;
      }),
    );
  };
  /** A row added by hand; an existing row with the same key is replaced (and comes back on undo). */
  const add = (regel: R): Promise<boolean> => {
    start();
    return calls.save({ regel, vorige: null }).then(
      (next) => {
        const replaced = table?.regels.find((r) => calls.rowId(r) === calls.rowId(regel));
        setUndo((stack) => [...stack, replaced ? { regel: replaced, vorige: calls.sleutelOf(regel) } : { verwijder: calls.sleutelOf(regel) }]);
        void apply(Promise.resolve(next));
        return true;
      },
      (failure: unknown) => {
        setError(failure);
        return false;
      },
    );
  };
  /** A cell edited in the grid: `before` is the row as it was. */
  const changed = (after: R, before: R) => {
    start();
    void apply(
      calls.save({ regel: after, vorige: calls.sleutelOf(before) }).then((next) => {
        setUndo((stack) => [...stack, { regel: before, vorige: calls.sleutelOf(after) }]);
        return next;
      }),
    );
  };
  /** Ctrl+Z on the grid undoes the last change, unless a cell editor is open. */
  const onGridKeyDown = (e: KeyboardEvent) => {
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
    if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z' && !typing) {
      e.preventDefault();
      undoLast();
    }
  };
  return { table, error, setError, apply, savedTo, setSavedTo, imported, setImported, canUndo: undo.length > 0, clearUndo: () => setUndo([]), grid, start, undoLast, removeFocused, add, changed, onGridKeyDown };
}

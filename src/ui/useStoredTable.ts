import { useEffect, useState } from 'react';

/**
 * A table the core keeps (vertaaltabel, gebiedsindeling): loaded once, replaced by whatever a
 * save or import answers, and reloaded after a refusal so the grid never shows an unsaved edit.
 */
export function useStoredTable<T>(load: () => Promise<T>) {
  const [table, setTable] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = () => load().then(setTable, setError);
  useEffect(() => void reload(), []);
  const apply = (promise: Promise<T>) =>
    promise.then(
      (next) => {
        setTable(next);
        setError(null);
      },
      (failure: unknown) => {
        setError(failure);
        void reload();
      },
    );
  return { table, error, setError, apply };
}

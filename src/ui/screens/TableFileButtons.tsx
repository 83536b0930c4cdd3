import type { SaveResult } from '../../shared/api.ts';

/**
 * Importeren and Exporteren of a table the gemeente keeps as a file (gebiedsindeling, vertaaltabel,
 * programmering, lasten); each first clears what the last action said (`start`). Without
 * `importTable` only Exporteren: the screen imports elsewhere.
 */
export function TableFileButtons({
  start,
  importTable,
  exportTable,
  setSavedTo,
  setError,
}: {
  start(): void;
  importTable?(): void;
  exportTable(): Promise<SaveResult>;
  setSavedTo(path: string | null): void;
  setError(error: unknown): void;
}) {
  return (
    <>
      {importTable && (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            start();
            importTable();
          }}
        >
          Importeren (CSV of Excel)…
        </button>
      )}
      <button
        type="button"
        className="secondary"
        onClick={() => {
          start();
          exportTable().then((r) => setSavedTo(r.saved ? r.path : null), setError);
        }}
      >
        Exporteren…
      </button>
    </>
  );
}

/** The status line after an export: where the table was written. */
export function SavedToStatus({ savedTo }: { savedTo: string | null }) {
  if (!savedTo) return null;
  return (
    <p className="ok" role="status">
      Opgeslagen in {savedTo}
    </p>
  );
}

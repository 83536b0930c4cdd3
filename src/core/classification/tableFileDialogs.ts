import path from 'node:path';
import type { SaveResult } from '../../shared/api.ts';
import type { Dialogs } from '../api/registry.ts';
import { recordAction } from '../audit/auditLog.ts';
import type { Db } from '../store/database.ts';

type Filters = { name: string; extensions: string[] }[];

/**
 * A table's import call: asks for one file, reads it, puts its rows in place of the table's and
 * logs it; gives what `ingelezen` says was read, or null when the user cancels the dialog.
 * `ingelezen` runs before the rows replace the table's, so it can compare the two; the audit log
 * keeps the same, or what `logged` takes of it.
 */
export async function importTableFile<R, I extends Record<string, unknown>>(
  db: Db,
  dialogs: Dialogs,
  call: {
    title: string;
    filters: Filters;
    action: string;
    read(file: string): Promise<R[]>;
    replace(db: Db, rows: readonly R[]): void;
    ingelezen(bestand: string, rows: readonly R[]): I;
    logged?(ingelezen: I): Record<string, unknown>;
  },
): Promise<I | null> {
  const [file] = await dialogs.open({ title: call.title, multiple: false, filters: call.filters });
  if (file === undefined) return null;
  const rows = await call.read(file);
  const ingelezen = call.ingelezen(path.basename(file), rows);
  call.replace(db, rows);
  recordAction(db, call.action, call.logged?.(ingelezen) ?? ingelezen);
  return ingelezen;
}

/** A table's export call: writes the table where the user chooses. */
export async function saveTableFile(dialogs: Dialogs, request: { title: string; defaultName: string; filters: Filters }, write: (file: string) => Promise<void>): Promise<SaveResult> {
  const file = await dialogs.save(request);
  if (file === null) return { saved: false };
  await write(file);
  return { saved: true, path: file };
}

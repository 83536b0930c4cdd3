import path from 'node:path';
import { UserError } from '../errors.ts';

/**
 * Why a store could not be opened or written, from the error SQLite or the file system gave.
 * Pure: the codes come from better-sqlite3's SqliteError (`SQLITE_*`, extended codes included)
 * and Node's errno codes, so every branch is tested without breaking a real disk.
 */
export type StoreFailureKind = 'beschadigd' | 'vergrendeld' | 'alleen-lezen' | 'niet-te-openen' | 'vol';

export function storeFailureKind(error: unknown): StoreFailureKind | null {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) return 'beschadigd';
  if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return 'vergrendeld';
  if (/^SQLITE_READONLY/.test(code) || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'alleen-lezen';
  if (/^SQLITE_CANTOPEN/.test(code) || code === 'ENOENT' || code === 'ENOTDIR') return 'niet-te-openen';
  if (/^SQLITE_(FULL|IOERR)/.test(code) || code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') return 'vol';
  return null;
}

export const STORE_FAILURE_CODES: Record<StoreFailureKind, string> = {
  beschadigd: 'DATABASE_BESCHADIGD',
  vergrendeld: 'DATABASE_VERGRENDELD',
  'alleen-lezen': 'DATABASE_ALLEEN_LEZEN',
  'niet-te-openen': 'DATABASE_NIET_TE_OPENEN',
  vol: 'DATABASE_SCHIJF_VOL',
};

/** The Dutch sentence for each kind, naming the file; `after` says what did (not) happen. */
export function storeFailureMessage(kind: StoreFailureKind, file: string, after = 'De database is niet gewijzigd.'): string {
  const name = path.basename(file);
  const folder = path.dirname(file);
  switch (kind) {
    case 'beschadigd':
      return `De database ${name} in ${folder} is beschadigd of is geen Wijkmonitor-database. ${after} Zet een back-up terug (map backups) of neem contact op met de beheerder.`;
    case 'vergrendeld':
      return `De database ${name} in ${folder} is vergrendeld door een ander proces (een ander venster of een opdracht van Wijkmonitor, of een programma dat de database geopend heeft). ${after} Sluit dat programma en probeer het opnieuw.`;
    case 'alleen-lezen':
      return `De database ${name} in ${folder} kan niet worden beschreven: het bestand of de map is alleen-lezen of u hebt er geen schrijfrechten op. ${after} Vraag de beheerder om schrijfrechten op de map.`;
    case 'niet-te-openen':
      return `De database ${name} in ${folder} kan niet worden geopend: de map bestaat niet of is niet bereikbaar. ${after}`;
    case 'vol':
      return `De database ${name} in ${folder} kan niet worden geschreven: de schijf is vol of meldt een fout. ${after} Maak ruimte vrij en probeer het opnieuw.`;
  }
}

/** A UserError for a store failure, or null when the error is something else (left to the caller). */
export function storeFailure(error: unknown, file: string, after?: string): UserError | null {
  const kind = storeFailureKind(error);
  return kind ? new UserError(STORE_FAILURE_CODES[kind], storeFailureMessage(kind, file, after)) : null;
}

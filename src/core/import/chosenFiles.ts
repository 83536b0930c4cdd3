import { statSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { UserError } from '../errors.ts';

/**
 * Files the user picked in a native dialog, by an opaque id. The renderer only ever holds these
 * ids, so a compromised page cannot make the core read a path the user never chose.
 */
const chosen = new Map<string, { path: string; naam: string; grootte: number }>();

export function grantFile(file: string): { id: string; naam: string; grootte: number } {
  const entry = { path: file, naam: path.basename(file), grootte: statSync(file).size };
  const id = randomUUID();
  chosen.set(id, entry);
  return { id, naam: entry.naam, grootte: entry.grootte };
}

export function grantedPath(id: string): string {
  const entry = chosen.get(id);
  if (!entry) throw new UserError('BESTAND_ONBEKEND', 'Dit bestand is niet (meer) gekozen; kies het opnieuw.');
  return entry.path;
}

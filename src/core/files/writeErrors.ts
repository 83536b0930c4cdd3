import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.ts';

/**
 * Dutch errors for writing a file. Every writer funnels its failures through `writeError`, so a
 * full disk or a folder that cannot be written names the file and says what to do instead of
 * "er ging intern iets mis". Messages name the file and folder only (paths are no personal data).
 */

const FULL = new Set(['ENOSPC', 'EFBIG', 'EDQUOT']);

/** A failure while creating, writing, flushing or renaming `file` as a UserError; anything else passes unchanged. */
export function writeError(file: string, error: unknown): unknown {
  if (error instanceof UserError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error;
  const name = `'${path.basename(file)}'`;
  const folder = `'${path.dirname(path.resolve(file))}'`;
  const nothingLeft = 'Er is geen (half) bestand achtergelaten.';
  let result: UserError | undefined;
  if (FULL.has(code)) {
    const why =
      code === 'EFBIG'
        ? 'de schijf is vol of het bestand wordt groter dan hier is toegestaan (limiet voor de bestandsgrootte)'
        : code === 'EDQUOT'
          ? 'de schijf is vol: uw schijfquotum is op'
          : 'de schijf is vol';
    result = new UserError('SCHIJF_VOL', `${name} kon niet worden geschreven in map ${folder}: ${why}. Maak ruimte vrij of kies een andere map. ${nothingLeft}`, {
      file: path.basename(file),
    });
  } else if (code === 'ENOENT' || code === 'ENOTDIR') {
    result = new UserError('MAP_ONTBREEKT', `${name} kon niet worden geschreven: de map ${folder} bestaat niet. Maak de map eerst aan of kies een andere map.`, {
      file: path.basename(file),
    });
  } else if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    result = new UserError(
      'MAP_NIET_SCHRIJFBAAR',
      `${name} kon niet worden geschreven: in de map ${folder} mag niet worden geschreven${code === 'EROFS' ? ' (alleen-lezen schijf)' : ''}. Kies een andere map. ${nothingLeft}`,
      { file: path.basename(file) },
    );
  } else if (code === 'EBUSY') {
    result = new UserError('BESTAND_IN_GEBRUIK', `${name} kon niet worden geschreven: het bestand is in gebruik door een ander programma. Sluit het en probeer het opnieuw.`, {
      file: path.basename(file),
    });
  } else if (code === 'EIO') {
    result = new UserError('SCHRIJFFOUT', `${name} kon niet worden geschreven in map ${folder}: de schijf meldt een fout (EIO). Kies een andere map. ${nothingLeft}`, {
      file: path.basename(file),
    });
  }
  if (!result) return error;
  result.cause = error;
  return result;
}

/**
 * Writes all of `data` at the descriptor's position. `fs.writeSync` may write less than asked
 * (a file size limit reached mid-chunk): the first short write succeeds and only the next one
 * fails, so a writer that ignores the count ends with a file cut mid-row and no error.
 */
export function writeAllSync(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let offset = 0;
  while (offset < bytes.length) {
    const written = writeSync(fd, bytes, offset, bytes.length - offset);
    if (written <= 0) throw Object.assign(new Error('write returned 0 bytes'), { code: 'EIO' });
    offset += written;
  }
}

/**
 * Forces a written file to disk before it is renamed into place: on many file systems (network
 * shares, delayed allocation) a full disk shows only here, not at write().
 */
export function fsyncFileSync(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

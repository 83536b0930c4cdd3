import { randomUUID } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * What can be read in: the reader handles CSV (also saved as .txt) and Excel workbooks; the
 * message reader iWmo/iJw messages and zips of them (issue 18).
 */
export const DROPPABLE_EXTENSIONS = ['.csv', '.txt', '.xlsx', '.xml', '.zip'] as const;

/** What a host made of one drop: paths the core may read, and a Dutch sentence per refused file. */
export type DropOutcome = { granted: string[]; refused: string[] };

const MAX_DROPPED = 50;

/** What a dropped folder may give: a berichtenverkeer archive holds a folder per month or provider. */
export const MESSAGE_EXTENSIONS = ['.xml', '.zip'] as const;
const MAX_FOLDER_FILES = 5_000;
const MAX_FOLDER_DEPTH = 4;

/**
 * What a host receives for one drop: per file the name the page saw and the path the host found
 * for it (Electron's `webUtils.getPathForFile`; empty for a file that exists only in the page).
 */
const droppedEntries = z
  .array(z.object({ naam: z.string().max(1000), pad: z.string().max(32_767) }).strict())
  .min(1)
  .max(MAX_DROPPED);

/**
 * The host's check of a drop before the core may read anything: only existing regular files
 * with an extension the import reads. Throws on anything that is not a list of dropped files
 * (a page that is not ours); refuses single files with a reason the user can act on.
 */
export function checkDroppedFiles(raw: unknown): DropOutcome {
  const entries = droppedEntries.parse(raw);
  const outcome: DropOutcome = { granted: [], refused: [] };
  for (const { naam, pad } of entries) {
    const folder = folderOf(pad);
    if (folder) {
      const { files, refusal } = messagesIn(folder, naam);
      outcome.granted.push(...files);
      if (refusal) outcome.refused.push(refusal);
      continue;
    }
    const refusal = refusalOf(pad, naam);
    if (refusal) outcome.refused.push(refusal);
    else outcome.granted.push(pad);
  }
  return outcome;
}

/** The dropped path when it is a folder on this computer (never a share or device path). */
function folderOf(pad: string): string | null {
  if (!pad || !path.isAbsolute(pad) || isNetworkOrDevicePath(pad)) return null;
  return statSync(pad, { throwIfNoEntry: false })?.isDirectory() ? pad : null;
}

/**
 * The message files (.xml, .zip) in a dropped folder and its subfolders, in name order, never
 * following a link (it could lead anywhere, a share included). Bounded in depth and count, so a
 * drop of a whole disk is refused with a reason instead of walked.
 */
function messagesIn(folder: string, naam: string): { files: string[]; refusal: string | null } {
  const shown = folder.split(/[\\/]/).filter(Boolean).at(-1) ?? naam;
  const files: string[] = [];
  const walk = (dir: string, depth: number): boolean => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isFile() && (MESSAGE_EXTENSIONS as readonly string[]).includes(path.extname(entry.name).toLowerCase())) {
        files.push(full);
        if (files.length > MAX_FOLDER_FILES) return false;
      } else if (entry.isDirectory() && depth < MAX_FOLDER_DEPTH && !walk(full, depth + 1)) return false;
    }
    return true;
  };
  try {
    if (!walk(folder, 0)) {
      return { files: [], refusal: `De map “${shown}” bevat meer dan ${MAX_FOLDER_FILES.toLocaleString('nl-NL')} berichten en is niet toegevoegd. Sleep een kleinere map (bijvoorbeeld één kwartaal) of een zip-bestand.` };
    }
  } catch {
    return { files: [], refusal: `De map “${shown}” kan niet worden gelezen en is niet toegevoegd.` };
  }
  if (files.length === 0) return { files: [], refusal: `“${shown}” is een map zonder berichten (.xml of .zip) en is niet toegevoegd. Exports sleept u als bestand.` };
  return { files, refusal: null };
}

/** Why the core must not read this dropped file, or null when it may. */
export function refusalOf(pad: string, naam = path.basename(pad)): string | null {
  // Split on both separators: a Windows path must be named by its file name on any platform.
  const shown = pad ? (pad.split(/[\\/]/).filter(Boolean).at(-1) ?? naam) : naam;
  // First: a share is refused whatever it holds (a folder on one included).
  if (isNetworkOrDevicePath(pad)) {
    return `“${shown}” staat op een netwerklocatie of is een apparaatpad (begint met \\\\) en is niet toegevoegd. Kopieer het bestand eerst naar deze computer en sleep dan de kopie.`;
  }
  const extension = path.extname(shown).toLowerCase();
  if (extension === '.xls') return `“${shown}” is een oud Excel-bestand (.xls). Sla het in Excel op als .xlsx of als CSV en sleep dat bestand.`;
  if (!(DROPPABLE_EXTENSIONS as readonly string[]).includes(extension)) {
    return `“${shown}” is niet toegevoegd: alleen CSV-, TXT- en Excel-bestanden (.xlsx) en iWmo-/iJw-berichten (.xml, .zip) kunnen worden ingelezen.`;
  }
  if (!pad || !path.isAbsolute(pad)) return `“${shown}” is geen bestand op deze computer. Sla het eerst op en sleep dan het opgeslagen bestand.`;
  const stat = statSync(pad, { throwIfNoEntry: false });
  if (!stat) return `“${shown}” is niet gevonden.`;
  if (!stat.isFile()) return `“${shown}” is geen bestand (maar bijvoorbeeld een map) en is niet toegevoegd.`;
  return null;
}

/**
 * UNC shares (`\\server\share\…`, also written `//server/share/…`) and Win32 device paths
 * (`\\?\…`, `\\.\…`). Reading from a share makes Windows authenticate to whatever server the
 * path names (leaking the user's NTLM credentials) and the file can change between the check and
 * the import; a device path bypasses the checks Windows applies to ordinary paths. Checked on
 * every platform, since the test is about the string, not about this machine's path rules.
 */
export function isNetworkOrDevicePath(pad: string): boolean {
  return /^[\\/]{2}/.test(pad) || /^[\\/]\?\?[\\/]/.test(pad);
}

const DROP_LIFETIME_MS = 60_000;

/**
 * Checked drops waiting for the core, each under a random one-time token. The token is all that
 * travels with the call to the core, so a page cannot name a path itself, and a token that is
 * redeemed once, or too late, is worth nothing.
 */
export function createDropBox(now: () => number = Date.now) {
  const waiting = new Map<string, { outcome: DropOutcome; at: number }>();
  return {
    put(outcome: DropOutcome): string {
      for (const [token, entry] of waiting) if (now() - entry.at > DROP_LIFETIME_MS) waiting.delete(token);
      const token = randomUUID();
      waiting.set(token, { outcome, at: now() });
      return token;
    },
    take(token: string): DropOutcome | null {
      const entry = waiting.get(token);
      waiting.delete(token);
      return entry && now() - entry.at <= DROP_LIFETIME_MS ? entry.outcome : null;
    },
  };
}

export type DropBox = ReturnType<typeof createDropBox>;

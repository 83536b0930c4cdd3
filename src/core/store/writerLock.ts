import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.ts';
import { STORE_FAILURE_CODES, storeFailureKind } from './storeFailure.ts';

/**
 * One writer per data folder. SQLite alone would let the app and `wijkmonitor deliver` write the
 * same store at once, and a second writer's start-up clean-up (staging batches) would delete an
 * import the first is running. Every writer — the app's core, every CLI command that opens the
 * store for writing — takes this lock file first; read-only commands never do.
 */
export const LOCK_FILE = 'wijkmonitor.lock';

export type LockHolder = { pid: number; gestart: string; programma: string; computer: string };

export type WriterLock = { readonly file: string; release(): void };

/** `programma` names the writer in the message a second writer gets ("Wijkmonitor", "wijkmonitor deliver"). */
export function acquireWriterLock(dataDir: string, programma: string, now: () => Date = () => new Date()): WriterLock {
  const file = path.join(dataDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, gestart: now().toISOString(), programma, computer: hostname() };
  // Two rounds: the second only after a stale lock was moved out of the way.
  for (let round = 0; round < 2; round++) {
    let created: boolean;
    try {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      created = tryCreate(file, me);
    } catch (error) {
      throw folderFailure(error, dataDir) ?? error;
    }
    if (created) return lockOf(file, me);
    const holder = readHolder(file);
    if (holder && isAlive(holder)) throw inUse(holder, file);
    if (!takeOverStale(file, holder)) {
      const current = readHolder(file);
      if (current) throw inUse(current, file);
    }
  }
  const current = readHolder(file);
  throw current ? inUse(current, file) : new UserError('GEGEVENSMAP_IN_GEBRUIK', `De gegevensmap ${dataDir} is in gebruik door een ander programma (${LOCK_FILE}).`);
}

/** Who holds the lock now, or null when nobody does (or the holder has gone): for messages and tests. */
export function currentLockHolder(dataDir: string): LockHolder | null {
  const holder = readHolder(path.join(dataDir, LOCK_FILE));
  return holder && isAlive(holder) ? holder : null;
}

function tryCreate(file: string, me: LockHolder): boolean {
  let fd: number;
  try {
    // 'wx': created only if absent, atomically — exactly one of two racing writers succeeds.
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(me)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function lockOf(file: string, me: LockHolder): WriterLock {
  let held = true;
  return {
    file,
    release() {
      if (!held) return;
      held = false;
      // Only our own lock: never remove one a later writer took over after ours went stale.
      const holder = readHolder(file);
      if (holder && holder.pid === me.pid && holder.gestart === me.gestart && holder.computer === me.computer) rmSync(file, { force: true });
    },
  };
}

function readHolder(file: string): LockHolder | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.gestart === 'string' && typeof value.programma === 'string' && typeof value.computer === 'string') {
      return value as LockHolder;
    }
  } catch {
    // A half-written or damaged lock file: its writer crashed while creating it.
  }
  return null;
}

/**
 * A lock from another computer (a data folder on a share) cannot be checked, so it counts as
 * held; on this computer a process that no longer exists holds nothing.
 */
function isAlive(holder: LockHolder): boolean {
  if (holder.computer !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Moves a stale lock aside with a rename (atomic: of two writers taking over, one moves it) and
 * checks that what it moved is the stale lock it judged; if a live writer's fresh lock was moved
 * instead, it is put back. True when the lock file is out of the way.
 */
function takeOverStale(file: string, judged: LockHolder | null): boolean {
  const aside = `${file}.${randomBytes(6).toString('hex')}.stale`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
  const moved = readHolder(aside);
  if (moved && isAlive(moved) && (judged === null || moved.pid !== judged.pid || moved.gestart !== judged.gestart)) {
    try {
      linkSync(aside, file);
    } catch {
      // Someone else created a lock meanwhile; theirs stands.
    }
    rmSync(aside, { force: true });
    return false;
  }
  rmSync(aside, { force: true });
  return true;
}

/** A data folder we cannot write in is a start-up failure with its own title, not an internal error. */
function folderFailure(error: unknown, dataDir: string): UserError | null {
  const kind = storeFailureKind(error);
  if (kind === 'alleen-lezen') {
    return new UserError(STORE_FAILURE_CODES[kind], `De gegevensmap ${dataDir} kan niet worden beschreven: de map is alleen-lezen of u hebt er geen schrijfrechten op. Er is niets gewijzigd. Vraag de beheerder om schrijfrechten op de map.`);
  }
  if (kind === 'niet-te-openen') {
    return new UserError(STORE_FAILURE_CODES[kind], `De gegevensmap ${dataDir} kan niet worden gemaakt of geopend: een deel van het pad bestaat niet of is een bestand. Er is niets gewijzigd.`);
  }
  return null;
}

function inUse(holder: LockHolder, file: string): UserError {
  const gestart = new Date(holder.gestart);
  const when = Number.isNaN(gestart.getTime())
    ? holder.gestart
    : gestart.toLocaleString('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
  const where = holder.computer === hostname() ? '' : ` op computer ${holder.computer}`;
  return new UserError(
    'GEGEVENSMAP_IN_GEBRUIK',
    `De gegevensmap is in gebruik door ${holder.programma} (proces ${holder.pid}${where}, gestart ${when}). ` +
      `Sluit dat programma of wacht tot het klaar is, en probeer het opnieuw. ` +
      `Draait het zeker niet meer, verwijder dan het bestand ${path.basename(file)} uit ${path.dirname(file)}.`,
  );
}

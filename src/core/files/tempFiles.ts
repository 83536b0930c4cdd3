import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/*
 * Temporary files beside a target: `.<name>.<pid>-<12 hex>.tmp`. A delivery's temp file holds
 * pseudonymised records, so it must not outlive the run that wrote it:
 * - while a run writes, its temp files are listed here and `removeLiveTempsSync` deletes them
 *   (the CLI calls it on SIGINT/SIGTERM);
 * - a run that could not clean up (kill -9, power cut) leaves one behind; the next writer into the
 *   same folder removes those of ours whose writer is gone (`removeStaleTemps`).
 *
 * Why the pid is in the name: "is the writer gone" is then a question about a process, not a guess
 * from the file's age, so a file left by a killed run goes at the very next run — yet a long
 * delivery still running in the app is never touched. The pid alone is not trusted:
 * - a file is only removed when it has not been written to for STALE_AFTER_MS as well, because an
 *   output folder on a network share may be written by a process on another machine, whose pid
 *   means nothing here (an active writer updates the file's mtime all the time);
 * - a name without a pid (written by an earlier version; only for the kinds of file we write) or
 *   whose pid has been reused by another live process is removed once it is a day old.
 */

const TEMP_NAME = /^\.(.+)\.(?:(\d+)-)?[0-9a-f]{12}\.tmp$/;
/** A name without a pid is only taken for ours when it is for a kind of file we write. */
const OUR_TARGETS = /\.(zip|csv|xlsx|json|wmkey|png)$/i;
/** No write for this long and the writer's pid is not running: left behind. */
export const STALE_AFTER_MS = 60_000;
/** Whatever the pid says: left behind. */
export const ABANDONED_AFTER_MS = 24 * 60 * 60_000;

const live = new Set<string>();

/** A temporary name beside the target (same folder, so the final rename stays on one file system). */
export function tempNameFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Cleans up the folder's leftovers, then names a temp file for `file` and notes it as live until
 * `releaseTemp`, so an interrupted run can remove it.
 */
export function claimTemp(file: string): string {
  removeStaleTemps(path.dirname(file));
  const temp = tempNameFor(file);
  live.add(path.resolve(temp));
  return temp;
}

/** The temp file was renamed into place or removed: no longer ours to clean up. */
export function releaseTemp(temp: string): void {
  live.delete(path.resolve(temp));
}

/** Removes every temp file this process is writing (synchronous: it runs in a signal handler). */
export function removeLiveTempsSync(): void {
  for (const temp of live) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // best effort: the next run's clean-up removes it
    }
  }
  live.clear();
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

/** Whether `name` (a file name in some folder) is one of our temp files whose writer is gone. */
export function isStaleTemp(name: string, mtimeMs: number, now = Date.now()): boolean {
  const match = TEMP_NAME.exec(name);
  if (!match || (match[2] === undefined && !OUR_TARGETS.test(match[1]!))) return false;
  const age = now - mtimeMs;
  if (age > ABANDONED_AFTER_MS) return true;
  if (match[2] === undefined || age < STALE_AFTER_MS) return false;
  return !isRunning(Number(match[2]));
}

/** Removes our temp files left in `dir` by runs that are gone; returns their names. Never throws. */
export function removeStaleTemps(dir: string, now = Date.now()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed; // a missing folder is reported by the write itself
  }
  for (const name of names) {
    if (!name.startsWith('.') || !name.endsWith('.tmp')) continue;
    const file = path.resolve(dir, name);
    if (live.has(file)) continue;
    try {
      const stat = statSync(file);
      if (!stat.isFile() || !isStaleTemp(name, stat.mtimeMs, now)) continue;
      rmSync(file, { force: true });
      removed.push(name);
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
  return removed;
}

import { mkdtempSync, readdirSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readRows } from './index.ts';
import type { RawRow, ReadOptions, ReaderSettings } from './types.ts';

/** Test helpers (not used by the readers). */

export function makeTempDir(): { dir: string; file: (name: string) => string; remove: () => void } {
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'wm-readers-')));
  return { dir, file: (name) => path.join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function readAll(file: string, settings: ReaderSettings, options?: ReadOptions): Promise<{ headers: string[]; rows: RawRow[] }> {
  const reader = readRows(file, settings, options);
  const headers = await reader.headers;
  const rows: RawRow[] = [];
  for await (const batch of reader.batches) rows.push(...batch);
  return { headers, rows };
}

/** Whether this process has `file` open (Linux: /proc/self/fd); undefined where that cannot be seen. */
export function isOpenByThisProcess(file: string): boolean | undefined {
  if (process.platform !== 'linux') return undefined;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === file) return true;
    } catch {
      // closed while listing
    }
  }
  return false;
}

export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

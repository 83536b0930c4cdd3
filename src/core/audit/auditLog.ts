import type { AuditEntry } from '../../shared/api.ts';
import { csvChunk, UTF8_BOM } from '../delivery/csvChunk.ts';
import { writeFileAtomic } from '../files/atomicWrite.ts';
import type { Db } from '../store/database.ts';

/**
 * The log of what the user did, kept for accountability towards the privacy officer. Details
 * hold counts, periods, file names and fingerprints only — never a BSN or other personal data.
 */
export function recordAction(db: Db, action: string, details: Record<string, unknown> = {}, at = new Date()): void {
  db.prepare('INSERT INTO audit_log (at, action, details) VALUES (?, ?, ?)').run(at.toISOString(), action, JSON.stringify(details));
}

export function listActions(db: Db, limit: number): AuditEntry[] {
  const rows = db.prepare('SELECT id, at, action, details FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as {
    id: number;
    at: string;
    action: string;
    details: string;
  }[];
  return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
}

/** Writes the whole log as `;`-separated UTF-8 CSV with BOM, so Excel opens it in nl-NL. */
export function exportActions(db: Db, file: string): number {
  const rows = db.prepare('SELECT id, at, action, details FROM audit_log ORDER BY id').raw().all() as (string | number)[][];
  writeFileAtomic(file, UTF8_BOM + csvChunk([['id', 'at', 'action', 'details'], ...rows]));
  return rows.length;
}

import { appendFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The log of unexpected errors (what the user sees as INTERNE_FOUT), so a beheerder can diagnose
 * them: `logs/wijkmonitor.log` in the data folder, rotated at about 1 MB, a few old files kept,
 * readable by the user only.
 *
 * It must never hold a value from the data. An error's message is exactly where such values end
 * up (a parser quoting the cell it choked on, SQLite quoting a token, a path naming a client), so
 * messages are never written — not of the error, not of its causes. What is written: the time,
 * the code, the call name, the error's class, its code when it is a symbolic one (SQLITE_BUSY,
 * ENOENT) and the stack frames, which name our code, not the data. The frames are cut from the
 * stack after the message, and digit runs that could be a BSN are blanked as a second guard.
 */
export const LOG_DIR = 'logs';
export const LOG_FILE = 'wijkmonitor.log';
const MAX_BYTES = 1_000_000;
const KEEP = 3;
const MAX_FRAMES = 30;
const MAX_CAUSES = 3;

export type ErrorLog = {
  readonly file: string;
  /** Writes one entry; never throws (a failing log must not turn one failure into two). */
  write(call: string, error: unknown): void;
};

export type ErrorLogOptions = { maxBytes?: number; keep?: number; now?: () => Date };

export function createErrorLog(dataDir: string, options: ErrorLogOptions = {}): ErrorLog {
  const dir = path.join(dataDir, LOG_DIR);
  const file = path.join(dir, LOG_FILE);
  const maxBytes = options.maxBytes ?? MAX_BYTES;
  const keep = options.keep ?? KEEP;
  return {
    file,
    write(call, error) {
      try {
        const line = `${JSON.stringify(logEntry(call, error, options.now?.() ?? new Date()))}\n`;
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        if (existsSync(file) && statSync(file).size + Buffer.byteLength(line) > maxBytes) rotate(file, keep);
        appendFileSync(file, line, { mode: 0o600 });
      } catch {
        // Nowhere left to report it: the user already gets the INTERNE_FOUT message.
      }
    },
  };
}

export type LogEntry = {
  tijd: string;
  code: 'INTERNE_FOUT';
  aanroep: string;
  soort: string;
  foutcode?: string;
  frames: string[];
  oorzaken?: { soort: string; foutcode?: string; frames: string[] }[];
};

/** The entry for one unexpected error: pure, so what may reach the file is tested directly. */
export function logEntry(call: string, error: unknown, at: Date): LogEntry {
  const entry: LogEntry = { tijd: at.toISOString(), code: 'INTERNE_FOUT', aanroep: safeName(call), ...describe(error) };
  const causes: NonNullable<LogEntry['oorzaken']> = [];
  let cause = error instanceof Error ? error.cause : undefined;
  while (cause !== undefined && causes.length < MAX_CAUSES) {
    causes.push(describe(cause));
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  if (causes.length > 0) entry.oorzaken = causes;
  return entry;
}

function describe(error: unknown): { soort: string; foutcode?: string; frames: string[] } {
  if (!(error instanceof Error)) return { soort: error === null ? 'null' : typeof error, frames: [] };
  const code = (error as { code?: unknown }).code;
  const symbolic = typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,60}$/.test(code);
  return { soort: className(error), ...(symbolic ? { foutcode: code } : {}), frames: framesOf(error) };
}

function className(error: Error): string {
  const name = /^[A-Za-z][A-Za-z0-9]{0,60}$/.test(error.name) ? error.name : error.constructor?.name;
  return typeof name === 'string' && /^[A-Za-z][A-Za-z0-9]{0,60}$/.test(name) ? name : 'Error';
}

/** The frames of the stack without its header, so nothing of the message can come along. */
export function framesOf(error: Error): string[] {
  const stack = typeof error.stack === 'string' ? error.stack : '';
  // V8 writes `${name}: ${message}` (or just the name) and then the frames; the message may span lines.
  const header = error.message ? `${error.name}: ${error.message}` : error.name;
  const body = stack.startsWith(header) ? stack.slice(header.length) : stack.startsWith(String(error)) ? stack.slice(String(error).length) : null;
  if (body === null) return [];
  return body
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^at \S/.test(line))
    .slice(0, MAX_FRAMES)
    .map((line) => line.slice(0, 400).replace(/\d[\d .\-]{5,}\d/g, (run) => (run.replace(/\D/g, '').length >= 7 ? '#' : run)));
}

function safeName(call: string): string {
  return /^[A-Za-z][\w.:-]{0,80}$/.test(call) ? call : 'onbekend';
}

function rotate(file: string, keep: number): void {
  for (let i = keep - 1; i >= 1; i--) {
    if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
  }
  renameSync(file, `${file}.1`);
}

import type { DuckDBConnection } from '@duckdb/node-api';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { DeliveryManifest } from '../../delivery/deliveryManifest.ts';
import { entryText, openZipArchive, type ZipArchive, type ZipEntry } from '../../import/readers/zip.ts';
import type { QualityRow } from '../../quality/qualityReport.ts';
import { sqlText } from '../store/duckdb.ts';
import { typedRecordsSelect } from './recordColumns.ts';
import { Refusal } from './refusal.ts';

/** A line of the delivery's kwaliteit.csv, as the gemeente edition wrote it. */
export type QualityLine = QualityRow;

export type ParquetResult = { rijen: number; kwaliteitRegels: QualityLine[] };

/** Where the intake keeps its half-written files: inside the data folder, so a rename is atomic. */
export const intakeTempDir = (dataDir: string) => path.join(dataDir, 'ontvangst-tmp');

/**
 * Writes the records of one verified delivery to `target` (a temporary name the caller renames):
 * `csv` is the copy of its `voorzieningen.csv` that verification made from the very bytes it
 * checksummed (importDeliveries.ts), and DuckDB types and compresses it in one COPY, spilling to
 * its temp folder instead of holding the delivery in memory. On any failure or cancel the Parquet
 * file is removed; the copy is the caller's.
 */
export async function deliveryToParquet(
  zipFile: string,
  manifest: DeliveryManifest,
  csv: string,
  target: string,
  options: { connection: DuckDBConnection; tempDir: string; signal: AbortSignal; unguarded?: boolean },
): Promise<ParquetResult> {
  const name = path.basename(zipFile);
  mkdirSync(options.tempDir, { recursive: true });
  const archive = await openArchive(zipFile, name);
  try {
    const quality = archive.entries.get('kwaliteit.csv');
    if (!quality) throw new Refusal(`${name} is gewijzigd sinds de controle: kwaliteit.csv ontbreekt.`);
    const declared = manifest.bestanden['voorzieningen.csv'];
    const kwaliteitRegels = await readQualityLines(archive, quality, options.signal);
    const rijen = await copyToParquet(options.connection, typedRecordsSelect(csv, { unguarded: options.unguarded === true }), target, name, options.signal);
    if (rijen !== declared.rijen) throw new Refusal(`${name}: voorzieningen.csv heeft ${rijen} rijen, levering.json noemt ${declared.rijen}.`);
    return { rijen, kwaliteitRegels };
  } catch (error) {
    rmSync(target, { force: true });
    throw error;
  } finally {
    await archive.close();
  }
}

async function openArchive(zipFile: string, name: string): Promise<ZipArchive> {
  try {
    return await openZipArchive(zipFile);
  } catch {
    throw new Refusal(`${name} is geen leesbaar zip-bestand (meer).`);
  }
}

/** DuckDB cannot see an AbortSignal; interrupting the connection stops the COPY mid-way. */
async function copyToParquet(connection: DuckDBConnection, select: string, target: string, name: string, signal: AbortSignal): Promise<number> {
  signal.throwIfAborted();
  const interrupt = () => connection.interrupt();
  signal.addEventListener('abort', interrupt, { once: true });
  try {
    const result = await connection.run(`COPY (${select}) TO ${sqlText(target)} (FORMAT parquet, COMPRESSION zstd)`);
    signal.throwIfAborted();
    return Number(result.rowsChanged);
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw conversionRefusal(error, name);
  } finally {
    signal.removeEventListener('abort', interrupt);
  }
}

/**
 * DuckDB's message quotes the offending value and line; only the line number and the column name
 * are passed on, never the value itself.
 */
function conversionRefusal(error: unknown, name: string): Error {
  const message = error instanceof Error ? error.message : '';
  if (!/CSV Error|Conversion Error|Invalid Input Error/i.test(message)) return error instanceof Error ? error : new Error(String(error));
  const line = /on Line: (\d+)/.exec(message)?.[1];
  const column = /converting column "([^"]+)"/.exec(message)?.[1];
  const where = [line ? `rij ${line}` : null, column ? `kolom ${column}` : null].filter(Boolean).join(', ');
  return new Refusal(`${name}, voorzieningen.csv${where ? ` ${where}` : ''}: een waarde past niet bij levering v1 (datum als JJJJ-MM-DD, getallen met een punt als decimaalteken).`);
}

async function readQualityLines(archive: ZipArchive, entry: ZipEntry, signal: AbortSignal): Promise<QualityLine[]> {
  // kwaliteit.csv is one line per data element and check: small by construction.
  let text = '';
  for await (const chunk of entryText(archive, entry, { signal })) text += chunk;
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { delimiter: ';', header: true, skipEmptyLines: true });
  return parsed.data.map((r) => ({
    gegeven: r.gegeven ?? '',
    controle: r.controle ?? '',
    aantal: Number(r.aantal),
    totaal: Number(r.totaal),
    percentage: Number(r.percentage),
    toelichting: r.toelichting ?? '',
  }));
}

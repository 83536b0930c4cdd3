import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { toApiError, UserError } from '../errors.ts';
import { exportCentralFigures } from '../central/export/exportFigures.ts';
import type { CentralStore } from '../central/store/centralStore.ts';
import type { DisclosureStats } from '../disclosure/discloseFigures.ts';
import { withAtomicFile } from '../files/atomicWrite.ts';
import { parsePeriode } from '../period/periode.ts';
import { benchmarkFileName } from './benchmarkContract.ts';
import { packCharts } from './packCharts.ts';
import { writePackDataset } from './packDataset.ts';
import { checkIjkKeuze, ijkInput, type IjkKeuze } from './ijkperiode.ts';
import { packInput, type PackInput } from './packInput.ts';
import { packReportHtml, reportFooter } from './packReportHtml.ts';
import { packIjkKeuze, packSetting, setPackIjkKeuze, updatePackSetting, type PackSetting } from './packStatus.ts';
import { packContents, packTables, releaseDate } from './packTables.ts';
import { writePackWorkbook } from './packWorkbook.ts';
import type { PdfPrinter } from './pdfPrinter.ts';
import { readReleaseCsv, type ReleaseRow } from './releaseRows.ts';
import { writeBenchmarkZip } from './writeBenchmarkZip.ts';

/*
 * `central pack`: the period's release made once, suppressed (the publication path of central
 * export: approved gemeenten only, disclosure control over the whole release, audit.csv beside
 * it), kept in the analyst's data folder; then per gemeente its files, each built from that
 * release only. A gemeente that fails is reported and the next one goes on.
 */

export type PackFiles = { xlsx: string; pdf: string; benchmark: string; parquet: string; csv: string };
export type PackOutcome = { gemeente: string; ok: true; files: PackFiles; setting: PackSetting; ijk: { periode: string | null; notes: string[] } } | { gemeente: string; ok: false; fout: string };
export type PackRunResult = { release: string; audit: string; onderdrukking: DisclosureStats | null; gemeenten: PackOutcome[] };

export type PackOptions = {
  periode: string;
  out: string;
  gemeenten?: readonly string[];
  change?: Partial<PackSetting>;
  /** The release's ijkperiode (null the default, `geen` none), stored for the period; absent: the stored choice. */
  ijkperiode?: IjkKeuze;
  pijlerVolgorde: readonly string[];
  printer: PdfPrinter;
  signal?: AbortSignal;
  onProgress?(event: { phase: string; done: number; total: number }): void;
  now?: Date;
};

/** Where the release behind a period's packs is kept: the analyst's data folder, never the packs' folder (audit.csv is for the privacy officer only). */
export function releaseDir(store: CentralStore, periode: string): string {
  return path.join(store.dataDir, 'releases', periode);
}

export function packFileNames(out: string, gemeente: string, periode: string): PackFiles {
  const base = path.join(out, `${gemeente}_${periode}`);
  return { xlsx: `${base}_pakket.xlsx`, pdf: `${base}_rapportage.pdf`, benchmark: path.join(out, benchmarkFileName(gemeente, periode)), parquet: `${base}_dataset.parquet`, csv: `${base}_dataset.csv` };
}

export async function writePacks(store: CentralStore, connection: DuckDBConnection, options: PackOptions): Promise<PackRunResult> {
  const periode = parsePeriode(options.periode).code;
  // A wrong ijkperiode is refused before the slow part, and stored only once it is known to fit.
  const keuze = options.ijkperiode === undefined ? packIjkKeuze(store.db, periode) : checkIjkKeuze(options.ijkperiode, periode);
  if (options.ijkperiode !== undefined) setPackIjkKeuze(store.db, periode, keuze);
  const dir = releaseDir(store, periode);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const releaseFile = path.join(dir, `cijfers_${periode}.csv`);
  options.onProgress?.({ phase: 'centrale release: cijfers en onthullingscontrole', done: 0, total: 1 });
  const exported = await exportCentralFigures(store, connection, { periode, out: releaseFile, intern: false, pijlerVolgorde: options.pijlerVolgorde, signal: options.signal });
  const aangemaakt = (options.now ?? new Date()).toISOString();
  const release = readReleaseCsv(releaseFile, path.basename(releaseFile));
  const chosen = options.gemeenten && options.gemeenten.length > 0 ? [...new Set(options.gemeenten)] : exported.gemeenten;
  mkdirSync(options.out, { recursive: true });
  const outcomes: PackOutcome[] = [];
  // The ijkperiode's release is read once for all gemeenten that compare with it.
  const ijkRows = new Map<string, ReleaseRow[]>();
  const rowsOf = (file: string, label: string) => ijkRows.get(file) ?? ijkRows.set(file, readReleaseCsv(file, label)).get(file)!;
  for (const [i, gemeente] of chosen.entries()) {
    options.signal?.throwIfAborted();
    options.onProgress?.({ phase: `pakket ${gemeente}`, done: i, total: chosen.length });
    try {
      if (!exported.gemeenten.includes(gemeente)) throw new UserError('NIET_IN_RELEASE', `${gemeente} zit niet in de release van ${periode}: geen actuele levering met akkoord voor publicatie (central approve).`);
      const setting = options.change && Object.values(options.change).some((v) => v !== undefined) ? updatePackSetting(store.db, gemeente, periode, options.change) : packSetting(store.db, gemeente, periode);
      const ijk = ijkInput(store.dataDir, { periode, gemeente, keuze, rows: rowsOf });
      const input = packInput(store.db, { periode, gemeente, setting, aangemaakt, cbsJaar: exported.cbsJaren.find((j) => j.gemeenten.includes(gemeente))?.jaar ?? null, release, ijk });
      const files = packFileNames(options.out, gemeente, periode);
      await writePack(connection, input, files, options.printer);
      outcomes.push({ gemeente, ok: true, files, setting, ijk: { periode: ijk.periode, notes: ijk.notes } });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      outcomes.push({ gemeente, ok: false, fout: toApiError(error).message });
    }
  }
  options.onProgress?.({ phase: 'klaar', done: chosen.length, total: chosen.length });
  return { release: releaseFile, audit: exported.audit ?? path.join(dir, 'audit.csv'), onderdrukking: exported.onderdrukking, gemeenten: outcomes };
}

/** One gemeente's five files; on a failure the ones already written are removed, so a pack is whole or absent. */
async function writePack(connection: DuckDBConnection, input: PackInput, files: PackFiles, printer: PdfPrinter): Promise<void> {
  const tables = packTables(input);
  const inhoud = packContents(input, tables);
  const charts = packCharts(tables);
  const titel = `Wijkmonitor ${input.gemeente.naam} — ${input.periode} (${input.setting.status})`;
  try {
    await writePackWorkbook(files.xlsx, { titel, inhoud, tables, charts });
    const html = packReportHtml({ titel, inhoud, tables, charts });
    const pdf = await printer.print(html, { footer: reportFooter(input.setting.status, releaseDate(input.aangemaakt)) });
    await withAtomicFile(files.pdf, async (temp) => writeFileSync(temp, pdf));
    await writeBenchmarkZip(files.benchmark, input);
    await writePackDataset(connection, input, files);
  } catch (error) {
    for (const f of Object.values(files)) rmSync(f, { force: true });
    throw error;
  }
}

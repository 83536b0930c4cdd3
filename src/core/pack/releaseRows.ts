import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { UserError } from '../errors.ts';

/*
 * The suppressed release as the publication path of `central export` wrote it (the long CSV of
 * DESIGN.md "Figures output"). Every pack is built from these rows and nothing else, so no file
 * of a pack can hold a value the release does not.
 */

export const RELEASE_COLUMNS = ['periode', 'gemeente', 'wijk', 'indicator', 'dimensie', 'waarde', 'status'] as const;
export type ReleaseStatus = 'ok' | 'onderdrukt';
export type ReleaseRow = { periode: string; gemeente: string; wijk: string; indicator: string; dimensie: string; waarde: number | null; status: ReleaseStatus };

/** Reads the release CSV (UTF-8 with BOM, `;`); a row that does not fit is an error naming file, row and column. */
export function readReleaseCsv(file: string, label = file): ReleaseRow[] {
  const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  return parseReleaseCsv(text, label);
}

export function parseReleaseCsv(text: string, label: string): ReleaseRow[] {
  const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), { header: true, delimiter: ';', skipEmptyLines: true });
  const header = parsed.meta.fields ?? [];
  const missing = RELEASE_COLUMNS.find((c) => !header.includes(c));
  if (missing) throw new UserError('CIJFERS_KOLOM_ONTBREEKT', `${label}: kolom ${missing} ontbreekt in de kopregel.`, { file: label, row: 1, column: missing });
  return parsed.data.map((r, i) => {
    const row = i + 2;
    const status = r.status;
    if (status !== 'ok' && status !== 'onderdrukt') throw new UserError('CIJFERS_ONGELDIG', `${label}, rij ${row}, kolom status: "${String(status).slice(0, 20)}" is geen ok of onderdrukt.`, { file: label, row, column: 'status' });
    const text = r.waarde ?? '';
    const waarde = text === '' ? null : Number(text);
    if (waarde !== null && !Number.isFinite(waarde)) throw new UserError('CIJFERS_ONGELDIG', `${label}, rij ${row}, kolom waarde: "${text.slice(0, 20)}" is geen getal.`, { file: label, row, column: 'waarde' });
    if (status === 'onderdrukt' && waarde !== null) throw new UserError('CIJFERS_ONGELDIG', `${label}, rij ${row}, kolom waarde: een onderdrukt cijfer hoort leeg te zijn.`, { file: label, row, column: 'waarde' });
    return { periode: r.periode ?? '', gemeente: r.gemeente ?? '', wijk: r.wijk ?? '', indicator: r.indicator ?? '', dimensie: r.dimensie ?? '', waarde, status };
  });
}

/** The rows of one gemeente's part of the benchmark: its own, those of its reference groups, and ALLE. */
export function benchmarkRows(rows: readonly ReleaseRow[], gemeente: string, groepen: ReadonlySet<string>): ReleaseRow[] {
  return rows.filter((r) => r.gemeente === gemeente || r.gemeente === 'ALLE' || (r.gemeente === '' && groepen.has(r.wijk)));
}

import path from 'node:path';
import { UserError } from '../errors.ts';
import type { ReferenceTables } from '../resources/referenceTables.ts';
import { detectDecimalSeparator } from '../values/amount.ts';
import { previewFile, type ReaderSettings } from './readers/index.ts';
import { sheetAdvice } from './readers/xlsxReader.ts';
import type { ColumnMapping, ImportField } from './mapping/fields.ts';
import { matchProfile, type MappingProfile } from './mapping/profile.ts';
import { suggestMapping } from './mapping/suggestMapping.ts';
import { createValueCheckers } from './mapping/valueCheckers.ts';
import type { RecordParsers } from './recordBuilder.ts';

const SAMPLE_ROWS = 200;

/** Everything needed to read one export: how to read it, which column feeds which field, formats. */
export type PreparedExport = {
  file: string;
  bestand: string;
  settings: ReaderSettings;
  headers: string[];
  mapping: ColumnMapping;
  decimaal: ',' | '.';
  /** Dutch notes for the user: detected settings repaired, headers that changed since the profile. */
  warnings: string[];
};

/**
 * Detects how to read an export and which column is which: from a saved profile where given
 * (tolerating renamed headers), otherwise from the header names checked against sample values.
 */
export async function prepareExport(
  file: string,
  options: { profile?: MappingProfile; ref: ReferenceTables; parsers: RecordParsers },
): Promise<PreparedExport> {
  const bestand = path.basename(file);
  const { profile, ref, parsers } = options;
  const preview = await previewFile(file, profile?.lezer, SAMPLE_ROWS);
  const sample = preview.rows.map((r) => r.cells);
  const fresh = suggestMapping(preview.headers, sample, ref.velden, createValueCheckers(parsers));
  const warnings = [...preview.warnings];
  let mapping: ColumnMapping = fresh.mapping;
  if (profile) {
    const match = matchProfile(profile, preview.headers, fresh.mapping);
    mapping = match.mapping;
    for (const change of match.gewijzigd) warnings.push(`${bestand}: kolom "${change.was}" (${change.veld}) heet nu "${change.nu}".`);
    for (const gone of match.ontbrekend) warnings.push(`${bestand}: kolom "${gone.was}" (${gone.veld}) ontbreekt in deze export.`);
  }
  // Nothing under the header (a sheet with a note, or last quarter's sheet name): say so, not "no column for bsn".
  if (preview.rows.length === 0) {
    const sheets = preview.sheets && preview.sheets.length > 1 ? ` ${sheetAdvice({ sheets: preview.sheets.map((name) => ({ name })) })}` : '';
    const where = preview.settings.format === 'xlsx' ? ` van werkblad '${preview.settings.sheet}'` : '';
    throw new UserError('GEEN_GEGEVENS', `${bestand}: onder de kopregel (rij ${preview.settings.headerRow})${where} staan geen gegevens.${sheets}`, {
      file: bestand,
      row: preview.settings.headerRow,
    });
  }
  const required = ref.velden.filter((f) => f.verplicht).map((f) => f.veld as ImportField);
  const missing = required.filter((field) => mapping[field] === undefined);
  if (missing.length > 0) {
    throw new UserError(
      'KOPPELING_ONVOLLEDIG',
      `${bestand}: geen kolom gevonden voor ${missing.join(', ')} (verplicht). Kolommen in de kopregel (rij ${preview.settings.headerRow}): ` +
        `${preview.headers.slice(0, 30).join(', ')}. Geef een koppelprofiel mee (--mapping) of pas het profiel aan.`,
      { file: bestand, row: preview.settings.headerRow },
    );
  }
  const decimaal = profile?.decimaal ?? detectDecimalSeparator(numericSamples(preview.headers, sample, mapping));
  return { file, bestand, settings: preview.settings, headers: preview.headers, mapping, decimaal, warnings };
}

function numericSamples(headers: readonly string[], sample: readonly (readonly unknown[])[], mapping: ColumnMapping): string[] {
  const columns = (['kosten', 'volume'] as const).map((f) => mapping[f]).filter((h) => h !== undefined).map((h) => headers.indexOf(h!));
  return sample.flatMap((row) => columns.map((c) => row[c])).filter((v): v is string => typeof v === 'string');
}

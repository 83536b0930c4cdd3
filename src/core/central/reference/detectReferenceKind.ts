import { open } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../../errors.ts';
import { normaliseLabel } from '../../classification/normaliseLabel.ts';
import { detectSettings, readRows } from '../../import/readers/index.ts';
import { fileAccessError } from '../../import/readers/readerErrors.ts';
import { detectKwbLayout } from './cbsKwb.ts';
import { detectBevolkingLayout } from './cbsBevolking.ts';
import { isPc6Header } from './cbsPc6.ts';
import { AGGREGATED_COLUMNS } from './aggregatedSources.ts';
import type { ReferenceSoort } from './referenceImportRow.ts';
import type { ReferenceResources } from './referenceResources.ts';

/** Which kind of reference file this is, from its header (or, for GeoJSON, its first character). */
export async function detectReferenceKind(file: string, resources: ReferenceResources): Promise<ReferenceSoort> {
  const label = path.basename(file);
  if (await startsLikeJson(file)) return 'geojson';
  const { settings } = await detectSettings(file);
  const reader = readRows(file, settings);
  const headers = await reader.headers;
  await reader.close();
  if (detectKwbLayout(headers, resources) !== null) return 'cbs_kwb';
  if (detectBevolkingLayout(headers) !== null) return 'cbs_bevolking';
  if (isPc6Header(headers)) return 'cbs_pc6';
  const names = new Set(headers.map((h) => normaliseLabel(h)));
  if (AGGREGATED_COLUMNS.every((c) => names.has(c))) return 'bron';
  throw new UserError(
    'REFERENTIE_ONBEKEND',
    `${label}: onbekend soort bestand. Verwacht: CBS Kerncijfers wijken en buurten, CBS-tabel 03759ned (bevolking naar geslacht en leeftijd), een CBS-postcodebestand (PC6;Huisnummer;Buurt;Wijk;Gemeente), ` +
      `geaggregeerde cijfers (${AGGREGATED_COLUMNS.join(';')}) of GeoJSON van wijken.`,
    { file: label },
  );
}

async function startsLikeJson(file: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw fileAccessError(file, error);
  }
  try {
    const buffer = Buffer.alloc(1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8').replace(/^\uFEFF/, '').trimStart();
    return text.startsWith('{');
  } finally {
    await handle.close();
  }
}

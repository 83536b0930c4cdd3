import { createHash } from 'node:crypto';
import { createWriteStream, writeFileSync } from 'node:fs';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import yazl from 'yazl';
import { csvChunk, UTF8_BOM } from '../delivery/csvChunk.ts';
import { DELIVERY_FILE_COLUMNS, DELIVERY_FILES, LASTEN_FILE } from '../delivery/deliveryManifest.ts';
import { LASTEN_DELIVERY_COLUMNS, type DeliveryLast } from '../lasten/deliveryLasten.ts';
import { deliveryRow, type DeliveryRecord } from '../delivery/deliveryRecord.ts';
import { rec } from '../indicators/indicatorTestKit.ts';
import { parsePeriode } from '../period/periode.ts';
import { tempDir } from '../testing/tempDir.ts';

export { rec };

export type TestDelivery = {
  gemeente?: string;
  naam?: string;
  periode: string;
  sleutel?: string;
  records: DeliveryRecord[];
  kwaliteit?: Record<string, number>;
  /** Lines of kwaliteit.csv: gegeven, controle, aantal, totaal. */
  kwaliteitRegels?: [string, string, number, number][];
  /** Written into the manifest as its creation time, so two files of the same content differ. */
  aangemaakt?: string;
  dir?: string;
  /** Breaks the file after writing: the manifest claims other bytes than voorzieningen.csv has. */
  tamper?: (csv: string) => string;
  /** Changes voorzieningen.csv before the manifest is made: checksums and row count still match it. */
  rewrite?: (csv: string) => string;
  /** Lasten for the toerekening: written as lasten.csv of a levering v2 when given. */
  lasten?: readonly DeliveryLast[];
};

export const TEST_KEY = '0123456789abcdef';

/**
 * A levering v1 zip as the gemeente edition writes it (same dialect, same manifest), from records
 * given by the test, so intake tests control every value without a key or an export; with
 * `lasten` a levering v2.
 */
export async function writeTestDelivery(input: TestDelivery): Promise<string> {
  const gemeente = input.gemeente ?? 'GM9901';
  const p = parsePeriode(input.periode);
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const regels = (input.kwaliteitRegels ?? [['rijen', 'gelezen', input.records.length, input.records.length]]).map(([g, c, a, t]) => [g, c, a, t, t === 0 ? 0 : Math.round((a / t) * 1000) / 10, '']);
  const contents: Record<(typeof DELIVERY_FILES)[number], (string | number)[][]> = {
    'voorzieningen.csv': input.records.map(deliveryRow),
    // The classification's columns are delivery record fields of the same name.
    'producten.csv': [...new Map(input.records.map((r) => [r.productcode, DELIVERY_FILE_COLUMNS['producten.csv'].map((c) => (r[c as keyof DeliveryRecord] ?? '') as string | number)])).values()],
    'gebieden.csv': [...new Map(input.records.filter((r) => r.pc4).map((r) => [r.pc4, [r.pc4!, r.wijk, `Wijk ${r.wijk}`, r.gebied ?? '']])).values()],
    'kwaliteit.csv': regels,
  };
  const bytes = Object.fromEntries(DELIVERY_FILES.map((f) => [f, Buffer.from(UTF8_BOM + csvChunk([DELIVERY_FILE_COLUMNS[f], ...contents[f]]), 'utf8')])) as Record<(typeof DELIVERY_FILES)[number], Buffer>;
  if (input.rewrite) bytes['voorzieningen.csv'] = Buffer.from(input.rewrite(bytes['voorzieningen.csv'].toString('utf8')), 'utf8');
  const manifest = {
    formaat: 'wijkmonitor-levering',
    versie: 1,
    gemeentecode: gemeente,
    gemeentenaam: input.naam ?? `Testgemeente ${gemeente}`,
    periode: p.code,
    periode_begin: p.begin,
    periode_eind: p.eind,
    aangemaakt: input.aangemaakt ?? '2026-10-05T10:00:00.000Z',
    app_versie: 'test',
    sleutel: input.sleutel ?? TEST_KEY,
    bestanden: Object.fromEntries(DELIVERY_FILES.map((f) => [f, { rijen: contents[f].length, sha256: sha(bytes[f]) }])),
    kwaliteit: input.kwaliteit ?? { rijen_ingelezen: input.records.length, postcode_onbekend: 0 },
  };
  const lasten = input.lasten && input.lasten.length > 0 ? Buffer.from(UTF8_BOM + csvChunk([LASTEN_DELIVERY_COLUMNS, ...input.lasten.map((l) => [l.productcode, l.aanbieder, l.kosten.toFixed(2)])]), 'utf8') : null;
  if (lasten) Object.assign(manifest, { versie: 2, bestanden: { ...manifest.bestanden, [LASTEN_FILE]: { rijen: input.lasten!.length, sha256: sha(lasten) } } });
  if (input.tamper) bytes['voorzieningen.csv'] = Buffer.from(input.tamper(bytes['voorzieningen.csv'].toString('utf8')), 'utf8');
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), 'levering.json');
  for (const f of DELIVERY_FILES) zip.addBuffer(bytes[f], f);
  if (lasten) zip.addBuffer(lasten, LASTEN_FILE);
  zip.end();
  const file = path.join(input.dir ?? tempDir('wm-levering-'), `${gemeente}_${p.code}_levering.zip`);
  await finished(zip.outputStream.pipe(createWriteStream(file)));
  return file;
}

/** Records with distinct synthetic client pseudonyms (32 hex), `n` of them. */
export function records(n: number, overrides: Partial<DeliveryRecord> = {}, prefix = 'a'): DeliveryRecord[] {
  return Array.from({ length: n }, (_, i) => rec({ client: `${prefix}${String(i).padStart(31, '0')}`.slice(0, 32), ...overrides }));
}

/** One region of a small Kerncijfers file: inhabitants, men, women and the five CBS age bands 0–15 … 65+. */
export type KwbRegion = [code: string, inwoners: number, mannen: number, vrouwen: number, ...banden: [number, number, number, number, number]];

/** A Kerncijfers population file in CBS's StatLine column names, for tests that need inhabitants per wijk. */
export function writeKwbPopulation(regions: readonly KwbRegion[], file = path.join(tempDir('wm-kwb-'), 'kwb2026.csv')): string {
  const header = 'WijkenEnBuurten;AantalInwoners_5;Mannen_6;Vrouwen_7;k_0Tot15Jaar_8;k_15Tot25Jaar_9;k_25Tot45Jaar_10;k_45Tot65Jaar_11;k_65JaarOfOuder_12';
  writeFileSync(file, [header, ...regions.map((r) => r.join(';'))].join('\n'));
  return file;
}

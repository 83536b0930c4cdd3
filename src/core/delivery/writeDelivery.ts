
import { AREA_COLUMNS, createAreaLookup, type AreaRow } from '../classification/areaTable.ts';
import { PRODUCT_COLUMNS, type ProductRow } from '../classification/productTable.ts';
import { UserError } from '../errors.ts';
import type { StoredRecord } from '../import/storedRecord.ts';
import { overlapsPeriode, type Periode } from '../period/periode.ts';
import type { QualityReport } from '../quality/qualityReport.ts';
import type { DeliveryManifest } from './deliveryManifest.ts';
import { DELIVERY_FILE_COLUMNS, LASTEN_FILE } from './deliveryManifest.ts';
import { DELIVERY_COLUMNS } from './deliveryRecord.ts';
import { csvChunk } from './csvChunk.ts';
import { DeliveryZip, type CsvEntry } from './deliveryZip.ts';
import { maskBsnRuns } from '../privacy/bsnRuns.ts';
import { scanTable, type PrivacyScan } from './privacyScan.ts';
import { toDeliveryRow } from './toDeliveryRecord.ts';
import { writeDeliveryLasten, type DeliveryLast } from '../lasten/deliveryLasten.ts';

export type DeliveryInput = {
  out: string;
  gemeente: { code: string; naam: string };
  periode: Periode;
  fingerprint: string;
  appVersion: string;
  now: Date;
  products: readonly ProductRow[];
  areas: readonly AreaRow[];
  /** Every record read, in batches; those overlapping the period are delivered. */
  records: AsyncIterable<StoredRecord[]>;
  /** Fed every record with its classification; its rows become kwaliteit.csv. */
  quality: QualityReport;
  privacyScan: PrivacyScan;
  signal?: AbortSignal;
  onProgress?: (delivered: number) => void;
  /**
   * Puts the finished zip in place: receives the manifest and the rename, and runs the rename
   * inside the transaction that records the delivery (see `placeAndRecordDelivery`).
   */
  commit?: DeliveryCommit;
  /** The exports' file names, for a refusal that names them; the store's data otherwise. */
  bronnen?: readonly string[];
  /** The gemeente's lasten of the period (toerekening): when there are any, the delivery is v2 with lasten.csv. */
  lasten?: readonly DeliveryLast[];
};

export type DeliveryCommit = (manifest: DeliveryManifest, rename: () => void) => void;

export type DeliveryResult = { file: string; manifest: DeliveryManifest };

/** `<gemeentecode>_<periode>_levering.zip`, the name the analyst edition expects. */
export function deliveryFileName(gemeentecode: string, periode: Periode): string {
  return `${gemeentecode}_${periode.code}_levering.zip`;
}

/**
 * Writes the delivery of DESIGN.md: levering v1, or v2 (v1 plus lasten.csv) when there are lasten. Rows stream into the zip as they come; the zip
 * lives under a temporary name until everything — including the check that every product is
 * classified and the privacy scan of every field — has passed, and is removed otherwise.
 */
export async function writeDelivery(input: DeliveryInput): Promise<DeliveryResult> {
  const { periode, privacyScan, quality } = input;
  const productByCode = new Map(input.products.map((p) => [p.productcode, p]));
  const area = createAreaLookup(input.areas);
  const zip = new DeliveryZip(input.out, input.now);
  const unmapped = new Map<string, number>();
  let delivered = 0;
  let located = 0;
  try {
    const voorzieningen = zip.csv('voorzieningen.csv', DELIVERY_COLUMNS);
    for await (const batch of input.records) {
      input.signal?.throwIfAborted();
      const rows: (string | number)[][] = [];
      const firstRow = delivered + 2; // the file's row of rows[0]: the header is row 1
      for (const record of batch) {
        const product = productByCode.get(record.productcode);
        const found = area(record.pc4, record.pc6);
        quality.addRecord(record, product, found !== null);
        if (!overlapsPeriode(record.begindatum, record.einddatum, periode)) continue;
        if (!product) {
          unmapped.set(record.productcode, (unmapped.get(record.productcode) ?? 0) + 1);
          continue;
        }
        const row = toDeliveryRow(record, product, found, periode);
        delivered++;
        if (found !== null) located++;
        rows.push(row);
      }
      // The batch's CSV text is scanned in one pass; only when it may hold a BSN are its fields
      // scanned one by one, which refuses (naming row and column) or finds it was a number's
      // decimals. The same refusals as a call per field, at a fraction of the cost (issue 17).
      const text = csvChunk(rows);
      if (privacyScan.mayCarry(text)) scanRows(privacyScan, rows, firstRow);
      if (unmapped.size === 0) await voorzieningen.writeText(text, rows.length);
      input.onProgress?.(delivered);
    }
    if (unmapped.size > 0) throw unmappedError(unmapped, privacyScan);
    // A step that drops every row must not end in an empty (or all-"onbekend") delivery and exit 0.
    if (delivered === 0) throw nothingDelivered(quality.summary(), periode, input.bronnen);
    if (located === 0) throw noWijkFound(delivered, input.areas.length, input.bronnen);

    const files = {
      'voorzieningen.csv': await voorzieningen.end(),
      'producten.csv': await writeTable(zip.csv('producten.csv', PRODUCT_COLUMNS), 'producten.csv', PRODUCT_COLUMNS, input.products.map((p) => PRODUCT_COLUMNS.map((c) => p[c])), privacyScan),
      'gebieden.csv': await writeTable(zip.csv('gebieden.csv', AREA_COLUMNS), 'gebieden.csv', AREA_COLUMNS, input.areas.map((a) => AREA_COLUMNS.map((c) => a[c])), privacyScan),
      'kwaliteit.csv': await writeTable(
        zip.csv('kwaliteit.csv', DELIVERY_FILE_COLUMNS['kwaliteit.csv']),
        'kwaliteit.csv',
        DELIVERY_FILE_COLUMNS['kwaliteit.csv'],
        quality.rows().map((r) => [r.gegeven, r.controle, r.aantal, r.totaal, r.percentage, r.toelichting]),
        privacyScan,
      ),
    };
    const lasten = input.lasten ?? [];
    const manifest: DeliveryManifest = {
      formaat: 'wijkmonitor-levering',
      versie: lasten.length > 0 ? 2 : 1,
      gemeentecode: input.gemeente.code,
      gemeentenaam: input.gemeente.naam,
      periode: periode.code,
      periode_begin: periode.begin,
      periode_eind: periode.eind,
      aangemaakt: input.now.toISOString(),
      app_versie: input.appVersion,
      sleutel: input.fingerprint,
      bestanden: lasten.length > 0 ? { ...files, [LASTEN_FILE]: await writeDeliveryLasten(zip, lasten, privacyScan) } : files,
      kwaliteit: { ...quality.summary(), rijen_geleverd: delivered },
    };
    scanManifest(manifest, privacyScan);
    zip.json('levering.json', manifest);
    await zip.finish(input.commit ? (rename) => input.commit!(manifest, rename) : undefined);
    return { file: input.out, manifest };
  } catch (error) {
    await zip.abort();
    throw error;
  }
}

/** Every field of voorzieningen.csv rows through the scan; `firstRow` is the file's row of rows[0]. */
function scanRows(scan: PrivacyScan, rows: readonly (readonly (string | number)[])[], firstRow: number): void {
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let i = 0; i < row.length; i++) scan.checkAt(row[i]!, 'voorzieningen.csv', firstRow + r, DELIVERY_COLUMNS[i]!);
  }
}

async function writeTable(entry: CsvEntry, file: string, columns: readonly string[], rows: (string | number)[][], scan: PrivacyScan) {
  scanTable(scan, file, columns, rows);
  await entry.write(rows);
  return entry.end();
}

/** Every text of levering.json (gemeentenaam comes from `--naam` or the settings) through the scan. */
function scanManifest(manifest: DeliveryManifest, scan: PrivacyScan): void {
  const visit = (value: unknown, field: string): void => {
    if (typeof value === 'string' || typeof value === 'number') scan.check(value, { file: 'levering.json', row: 1, column: field });
    else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, field ? `${field}.${k}` : k);
  };
  // Checksums are hex and row counts are counts; the scan is for what a person typed or mapped.
  const { bestanden: _files, kwaliteit: _counts, ...texts } = manifest;
  visit(texts, '');
}

function unmappedError(unmapped: Map<string, number>, scan: PrivacyScan): UserError {
  const list = [...unmapped].sort((a, b) => b[1] - a[1]);
  // A BSN column mapped to productcode would otherwise print BSNs here.
  const mask = (code: string) => maskBsnRuns(code, { inputBsns: scan.inputBsns });
  const masked = list.slice(0, 20).some(([code]) => mask(code) !== code);
  const shown =
    list
      .slice(0, 20)
      .map(([code, n]) => `${mask(code)} (${n} ${n === 1 ? 'rij' : 'rijen'})`)
      .join(', ') + (masked ? ' (••••••••• = een code die een BSN kan zijn: controleer welke kolom aan productcode is gekoppeld)' : '');
  const more = list.length > 20 ? ` en nog ${list.length - 20} andere` : '';
  return new UserError(
    'PRODUCTEN_NIET_INGEDEELD',
    `Levering geweigerd: ${list.length} ${list.length === 1 ? 'product staat' : 'producten staan'} niet in de vertaaltabel: ${shown}${more}. ` +
      'Deel ze in (Producten, of --products) en probeer het opnieuw; er is geen bestand geschreven.',
  );
}

function sourceLabel(bronnen: readonly string[] | undefined): string {
  return bronnen && bronnen.length > 0 ? bronnen.map((b) => `'${b}'`).join(', ') : 'de ingelezen gegevens';
}

function nothingDelivered(summary: Record<string, number>, periode: Periode, bronnen: readonly string[] | undefined): UserError {
  const source = sourceLabel(bronnen);
  const read = summary.rijen_gelezen ?? 0;
  const records = summary.rijen_ingelezen ?? 0;
  const end = 'Er is geen bestand geschreven.';
  if (read === 0) {
    return new UserError('NIETS_TE_LEVEREN', `Levering geweigerd: ${source} bevat geen gegevensrijen onder de kopregel. ${end}`);
  }
  if (records === 0) {
    return new UserError(
      'NIETS_TE_LEVEREN',
      `Levering geweigerd: alle ${read} rijen van ${source} zijn uitgesloten (geen geldig BSN, productcode of begindatum), dus er zou niets geleverd worden. ` +
        `Controleer welke kolom welk gegeven is (de koppeling, --mapping) en bekijk het kwaliteitsrapport. ${end}`,
    );
  }
  return new UserError(
    'NIETS_TE_LEVEREN',
    `Levering geweigerd: geen van de ${records} voorzieningen in ${source} valt in periode ${periode.code} (${periode.begin} t/m ${periode.eind}). ` +
      `Klopt de periode, en de kolom met de begin- en einddatum? ${end}`,
  );
}

function noWijkFound(delivered: number, areas: number, bronnen: readonly string[] | undefined): UserError {
  const why = areas === 0 ? 'de gebiedsindeling is leeg' : `geen enkele postcode in ${sourceLabel(bronnen)} staat in de gebiedsindeling`;
  return new UserError(
    'GEEN_WIJK_GEVONDEN',
    `Levering geweigerd: geen van de ${delivered} voorzieningen kon aan een wijk worden gekoppeld (${why}), dus elke cliënt zou in wijk "onbekend" liggen. ` +
      'Lees de juiste gebiedsindeling in (Gebieden, of --areas) en controleer de kolom met de postcode. Er is geen bestand geschreven.',
  );
}

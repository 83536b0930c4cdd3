import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_FINANCIER } from '../classification/classificationCodes.ts';
import { DELIVERY_COLUMNS, type DeliveryColumn, type DeliveryRecord } from '../delivery/deliveryRecord.ts';
import type { DeliveryManifest } from '../delivery/deliveryManifest.ts';
import { verifyDelivery } from '../delivery/verifyDelivery.ts';
import { UserError } from '../errors.ts';
import { parsePeriode } from '../period/periode.ts';
import type { RecordSource } from './sql/recordTables.ts';

const BATCH = 5000;

/** Where a delivery's records go: a record set's open source (sql/recordTables.ts). */
export type RecordSink = { add(records: readonly DeliveryRecord[]): void; finish(): unknown; abort(): void };

/**
 * Reads a delivery (levering v1) into a record set (sql/recordTables.ts), streaming `voorzieningen.csv` through the
 * very verification `wijkmonitor verify` does (one read of the file): whatever verify refuses —
 * a duplicate or unexpected entry, a bomb, a checksum or row count that does not match
 * `levering.json`, a field that may be a BSN — is refused here too, and every value must parse as
 * the contract says; otherwise nothing of it is loaded and the error names the file, row and column.
 */
export async function readDeliveryRecords(
  file: string,
  open: (source: RecordSource) => RecordSink,
  options: { signal?: AbortSignal | undefined; onProgress?: ((rows: number) => void) | undefined } = {},
): Promise<{ manifest: DeliveryManifest; rijen: number }> {
  const name = path.basename(file);
  if (!existsSync(file)) throw new UserError('GEEN_LEVERING', `${name} is geen leesbaar leveringsbestand (zip).`, { file: name });
  let load: RecordSink | undefined;
  let batch: DeliveryRecord[] = [];
  let rows = 0;
  try {
    const result = await verifyDelivery(file, {
      start: (manifest) => {
        load = open({ gemeente: manifest.gemeentecode, gemeentenaam: manifest.gemeentenaam, periode: parsePeriode(manifest.periode), omschrijving: name });
      },
      row: (fields, row) => {
        if (row === 1) {
          const header = fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, '') : f));
          if (header.join(';') !== DELIVERY_COLUMNS.join(';')) {
            throw new UserError('LEVERING_KOLOMMEN', `${name}: de kolommen van voorzieningen.csv wijken af van levering v1.`, { file: name, row: 1 });
          }
          return;
        }
        batch.push(toRecord(fields, name, row));
        rows = row - 1;
        if (batch.length >= BATCH) {
          options.signal?.throwIfAborted();
          load!.add(batch);
          batch = [];
          options.onProgress?.(rows);
        }
      },
    });
    if (!result.ok || !result.manifest || !load) {
      if (result.problems.length === 1 && result.problems[0]!.endsWith('is geen leesbaar zip-bestand.')) {
        throw new UserError('GEEN_LEVERING', `${name} is geen leesbaar leveringsbestand (zip).`, { file: name });
      }
      const shown = result.problems.slice(0, 3).join(' ');
      const more = result.problems.length > 3 ? ` (en nog ${result.problems.length - 3} bevindingen)` : '';
      throw new UserError(
        'LEVERING_AFGEKEURD',
        `${name} is niet ingelezen: de levering is niet in orde. ${shown}${more} Controleer haar met "wijkmonitor verify" of vraag de gemeente om de levering opnieuw te sturen.`,
        { file: name },
      );
    }
    if (batch.length > 0) load.add(batch);
    options.onProgress?.(rows);
    load.finish();
    return { manifest: result.manifest, rijen: rows };
  } catch (error) {
    load?.abort();
    throw error;
  }
}

const date = /^\d{4}-\d{2}-\d{2}$/;

/** One CSV row as a record; a value that breaks the contract stops the load at that row and column. */
function toRecord(fields: string[], file: string, row: number): DeliveryRecord {
  if (fields.length !== DELIVERY_COLUMNS.length) {
    throw new UserError('LEVERING_RIJ', `${file}, voorzieningen.csv rij ${row}: ${fields.length} velden in plaats van ${DELIVERY_COLUMNS.length}.`, { file, row });
  }
  const text = (column: DeliveryColumn): string | null => {
    const value = fields[COLUMN_INDEX[column]]!;
    if (value === '') return null;
    // The writer guards text against spreadsheet formulas with a leading '; undo that here.
    return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
  };
  const bad = (column: DeliveryColumn, what: string): never => {
    throw new UserError('LEVERING_WAARDE', `${file}, voorzieningen.csv rij ${row}, kolom ${column}: ${what}.`, { file, row, column });
  };
  const required = (column: DeliveryColumn): string => text(column) ?? bad(column, 'verplicht gegeven ontbreekt');
  const number = (column: DeliveryColumn, integer = false): number | null => {
    const value = text(column);
    if (value === null) return null;
    if (!/^-?\d+(\.\d+)?$/.test(value) || (integer && value.includes('.'))) bad(column, 'geen geldig getal (verwacht: cijfers met een punt als decimaalteken)');
    return Number(value);
  };
  const day = (column: DeliveryColumn): string | null => {
    const value = text(column);
    if (value !== null && !date.test(value)) bad(column, 'geen datum als JJJJ-MM-DD');
    return value;
  };
  return {
    client: required('client'),
    huishouden: text('huishouden'),
    leeftijd: number('leeftijd', true),
    geslacht: text('geslacht') ?? '0',
    pc4: text('pc4'),
    wijk: required('wijk'),
    gebied: text('gebied'),
    pijler: required('pijler'),
    productcode: required('productcode'),
    product: text('product'),
    categorie: text('categorie'),
    voorziening: required('voorziening'),
    leefdomein: required('leefdomein'),
    financier: text('financier') ?? DEFAULT_FINANCIER,
    begindatum: day('begindatum') ?? bad('begindatum', 'verplicht gegeven ontbreekt'),
    einddatum: day('einddatum'),
    aanbieder: text('aanbieder'),
    aanbieder_naam: text('aanbieder_naam'),
    volume: number('volume'),
    eenheid: text('eenheid'),
    frequentie: text('frequentie'),
    kosten: number('kosten'),
    verwijzer: text('verwijzer'),
    reden_einde: text('reden_einde'),
    aanvraagdatum: day('aanvraagdatum'),
  };
}

const COLUMN_INDEX = Object.fromEntries(DELIVERY_COLUMNS.map((c, i) => [c, i])) as Record<DeliveryColumn, number>;

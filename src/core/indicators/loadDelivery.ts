import { createHash } from 'node:crypto';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import Papa from 'papaparse';
import { DEFAULT_FINANCIER } from '../classification/classificationCodes.ts';
import { DELIVERY_COLUMNS, type DeliveryColumn, type DeliveryRecord } from '../delivery/deliveryRecord.ts';
import { manifestSchema, type DeliveryManifest } from '../delivery/deliveryManifest.ts';
import { UserError } from '../errors.ts';
import { entryText, openEntryStream, openZipArchive, type ZipArchive } from '../import/readers/zip.ts';
import { parsePeriode } from '../period/periode.ts';
import type { Db } from '../store/database.ts';
import { startLoad } from './recordSet.ts';

const BATCH = 5000;

/**
 * Reads a delivery (levering v1) into the record set, streaming `voorzieningen.csv`. The file's
 * checksum and row count must match `levering.json`, and every value must parse as the contract
 * says; otherwise nothing of it is loaded and the error names the file, row and column.
 */
export async function loadDeliveryFile(
  db: Db,
  file: string,
  options: { signal?: AbortSignal | undefined; onProgress?: ((rows: number) => void) | undefined } = {},
): Promise<{ manifest: DeliveryManifest; rijen: number }> {
  const name = path.basename(file);
  let archive: ZipArchive;
  try {
    archive = await openZipArchive(file);
  } catch {
    throw new UserError('GEEN_LEVERING', `${name} is geen leesbaar leveringsbestand (zip).`, { file: name });
  }
  try {
    const manifest = await readManifest(archive, name);
    const part = archive.entries.get('voorzieningen.csv');
    if (!part) throw new UserError('GEEN_LEVERING', `${name} bevat geen voorzieningen.csv.`, { file: name });
    const load = startLoad(db, {
      gemeente: manifest.gemeentecode,
      gemeentenaam: manifest.gemeentenaam,
      periode: parsePeriode(manifest.periode),
      omschrijving: name,
    });
    try {
      const { rows, sha256 } = await parseRecords(await openEntryStream(archive, part), name, (batch, total) => {
        options.signal?.throwIfAborted();
        load.add(batch);
        options.onProgress?.(total);
      });
      const declared = manifest.bestanden['voorzieningen.csv'];
      if (sha256 !== declared.sha256 || rows !== declared.rijen) {
        throw new UserError('LEVERING_BESCHADIGD', `${name}: voorzieningen.csv klopt niet met levering.json (controlesom of aantal rijen). Vraag de gemeente om de levering opnieuw te sturen.`, {
          file: name,
        });
      }
      load.finish();
      return { manifest, rijen: rows };
    } catch (error) {
      load.abort();
      throw error;
    }
  } finally {
    await archive.close();
  }
}

async function readManifest(archive: ZipArchive, name: string): Promise<DeliveryManifest> {
  const part = archive.entries.get('levering.json');
  if (!part) throw new UserError('GEEN_LEVERING', `${name} bevat geen levering.json: dit is geen Wijkmonitor-levering.`, { file: name });
  let text = '';
  for await (const chunk of entryText(archive, part)) text += chunk;
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // reported below as a format problem
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new UserError('GEEN_LEVERING', `${name}: levering.json voldoet niet aan het formaat (veld ${parsed.error.issues[0]?.path.join('.') || '?'}).`, { file: name });
  }
  return parsed.data;
}

function parseRecords(stream: NodeJS.ReadableStream, name: string, onBatch: (batch: DeliveryRecord[], total: number) => void): Promise<{ rows: number; sha256: string }> {
  const hash = createHash('sha256');
  const decoded = new PassThrough();
  decoded.setEncoding('utf8');
  stream.on('data', (chunk: Buffer) => hash.update(chunk));
  stream.pipe(decoded);
  let rows = -1;
  let batch: DeliveryRecord[] = [];
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      (stream as Readable).destroy();
      reject(error);
    };
    stream.once('error', () => fail(new UserError('LEVERING_BESCHADIGD', `${name} is beschadigd: voorzieningen.csv kan niet worden gelezen.`, { file: name })));
    Papa.parse<string[]>(decoded as unknown as File, {
      delimiter: ';',
      skipEmptyLines: true,
      step: (result, parser) => {
        if (failed) return;
        rows++;
        try {
          if (rows === 0) {
            const header = result.data.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, '') : f));
            if (header.join(';') !== DELIVERY_COLUMNS.join(';')) {
              throw new UserError('LEVERING_KOLOMMEN', `${name}: de kolommen van voorzieningen.csv wijken af van levering v1.`, { file: name, row: 1 });
            }
            return;
          }
          batch.push(toRecord(result.data, name, rows + 1));
          if (batch.length >= BATCH) {
            onBatch(batch, rows);
            batch = [];
          }
        } catch (error) {
          fail(error); // before abort(): aborting runs complete() at once
          parser.abort();
        }
      },
      complete: () => {
        if (failed) return;
        try {
          if (batch.length > 0) onBatch(batch, rows);
          resolve({ rows: Math.max(rows, 0), sha256: hash.digest('hex') });
        } catch (error) {
          fail(error);
        }
      },
      error: (error: Error) => fail(error),
    });
  });
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

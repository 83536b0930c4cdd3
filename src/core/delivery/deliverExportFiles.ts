import { existsSync } from 'node:fs';
import path from 'node:path';
import { listAreas, listProducts } from '../classification/classificationStore.ts';
import { readAreaFile, readProductFile } from '../classification/tableFiles.ts';
import { UserError } from '../errors.ts';
import { splitSources } from '../import/berichten/combine.ts';
import { readProfile } from '../import/mapping/profile.ts';
import { prepareExport } from '../import/prepareExport.ts';
import { loadRecordParsers } from '../import/recordParsers.ts';
import { listLasten, readLastenFile } from '../lasten/lastenTable.ts';
import { parsePeriode } from '../period/periode.ts';
import { createPseudonymiser } from '../pseudonym/wm1.ts';
import { recordAction } from '../audit/auditLog.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import type { Db } from '../store/database.ts';
import { assertStoreWritable, keyChangeWarning, placeAndRecordDelivery, recordDelivery } from './deliveryHistory.ts';
import { deliverFromExports } from './deliverFromExports.ts';
import { deliveryFileName, type DeliveryResult } from './writeDelivery.ts';

export type ExportFilesDelivery = {
  db: Db;
  key: Buffer;
  gemeente: { code: string; naam: string };
  periode: string;
  exports: readonly string[];
  /** Tables to use instead of the store's own (CSV or XLSX interchange files). */
  productsFile?: string;
  areasFile?: string;
  /** The lasten (toerekening) instead of the store's: the rows of the delivered period go in lasten.csv. */
  lastenFile?: string;
  profileFile?: string;
  /** A file name, or a folder to put `<gemeentecode>_<periode>_levering.zip` in. */
  out: string;
  appVersion: string;
  resourcesDir?: string;
  now?: Date;
  signal?: AbortSignal;
  onProgress?: (event: { phase: string; done: number; total: number | null }) => void;
};

/**
 * A delivery straight from client-system exports (the `deliver` command and the demo): prepares
 * every export, streams them into the delivery, and notes the delivery in the store's history —
 * warning when the key differs from the one used before.
 */
export async function deliverExportFiles(input: ExportFilesDelivery): Promise<DeliveryResult & { warnings: string[] }> {
  const periode = parsePeriode(input.periode);
  const ref = loadReferenceTables(input.resourcesDir);
  const parsers = loadRecordParsers(input.resourcesDir);
  if (input.exports.length === 0) throw new UserError('GEEN_EXPORT', 'Geef minstens één export uit het cliëntsysteem of iWmo-/iJw-berichten op.');
  for (const file of input.exports) {
    if (!existsSync(file)) throw new UserError('BESTAND_ONTBREEKT', `Bestand ${path.basename(file)} bestaat niet.`, { file: path.basename(file) });
  }
  // A name without extension is meant as a folder: refuse a missing one rather than write a zip called like it.
  if (!path.extname(input.out) && !existsSync(input.out)) {
    throw new UserError('MAP_ONTBREEKT', `De map '${path.resolve(input.out)}' bestaat niet. Maak de map eerst aan, of geef een bestandsnaam die op .zip eindigt.`);
  }
  const out = existsSync(input.out) && !path.extname(input.out) ? path.join(input.out, deliveryFileName(input.gemeente.code, periode)) : input.out;
  if (existsSync(out)) throw new UserError('BESTAAT_AL', `${path.basename(out)} bestaat al; een levering wordt niet overschreven. Kies een andere naam.`);
  assertStoreWritable(input.db);

  const products = input.productsFile ? await readProductFile(input.productsFile, ref) : listProducts(input.db);
  const areas = input.areasFile ? await readAreaFile(input.areasFile) : listAreas(input.db);
  const lasten = (input.lastenFile ? await readLastenFile(input.lastenFile) : listLasten(input.db)).filter((l) => l.periode === periode.code);
  const profile = input.profileFile ? readProfile(input.profileFile) : undefined;
  const prepared = [];
  // Messages (.xml, folders, zips of the berichtenverkeer) are read by their own reader, next to the exports.
  const sources = splitSources(input.exports);
  for (const file of sources.exports) prepared.push(await prepareExport(file, { profile, ref, parsers }));

  const pseudonymiser = createPseudonymiser(input.key);
  const warnings = prepared.flatMap((p) => p.warnings);
  const keyWarning = keyChangeWarning(input.db, input.gemeente.code, pseudonymiser.fingerprint);
  if (keyWarning) warnings.push(keyWarning);

  const result = await deliverFromExports({
    exports: prepared,
    pseudonymiser,
    gemeente: input.gemeente,
    periode,
    products,
    areas,
    lasten,
    out,
    appVersion: input.appVersion,
    now: input.now ?? new Date(),
    ref,
    parsers,
    berichten: sources.berichten.length > 0 ? { sources: sources.berichten, gemeentecode: input.gemeente.code, resourcesDir: input.resourcesDir, onMeldingen: (m) => warnings.push(...m) } : undefined,
    signal: input.signal,
    onProgress: input.onProgress,
    commit: (manifest, rename) => {
      const voorzieningen = manifest.bestanden['voorzieningen.csv'];
      const record = () => {
        recordDelivery(input.db, {
          periode: periode.code,
          gemeentecode: input.gemeente.code,
          bestand: path.basename(out),
          aangemaakt: manifest.aangemaakt,
          rijen: voorzieningen.rijen,
          sha256: voorzieningen.sha256,
          sleutel: pseudonymiser.fingerprint,
          pad: path.resolve(out),
        });
        recordAction(input.db, 'levering geschreven', { periode: periode.code, bestand: path.basename(out), rijen: voorzieningen.rijen, sleutel: pseudonymiser.fingerprint });
      };
      placeAndRecordDelivery(input.db, record, rename, out);
    },
  }).finally(() => pseudonymiser.wipe());
  return { ...result, warnings };
}

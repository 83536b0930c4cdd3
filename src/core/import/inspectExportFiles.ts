import { createAreaLookup } from '../classification/areaTable.ts';
import { listAreas, listProducts } from '../classification/classificationStore.ts';
import { readAreaFile, readProductFile } from '../classification/tableFiles.ts';
import { addInputBsn } from '../delivery/privacyScan.ts';
import { parsePeriode } from '../period/periode.ts';
import { createKey, createPseudonymiser } from '../pseudonym/wm1.ts';
import type { Finding } from '../quality/finding.ts';
import { MAX_LISTED_FINDINGS } from '../quality/qualityWorkbook.ts';
import { createQualityReport, type QualityRow } from '../quality/qualityReport.ts';
import { loadReferenceTables } from '../resources/referenceTables.ts';
import type { Db } from '../store/database.ts';
import { BERICHTEN_MAPPING, splitSources, withBerichten } from './berichten/combine.ts';
import { exportRecords } from './exportRecords.ts';
import { readProfile } from './mapping/profile.ts';
import { prepareExport, type PreparedExport } from './prepareExport.ts';
import { createProductCollector, proposeProducts, type ProductProposal } from './productSuggestions.ts';
import { loadRecordParsers } from './recordParsers.ts';

export type Inspection = {
  rows: QualityRow[];
  summary: Record<string, number>;
  findings: Finding[];
  products: ProductProposal[];
  warnings: string[];
  /** The exports' BSNs as numbers, for the privacy scan of what is written from the inspection; never written. */
  inputBsns: ReadonlySet<number>;
};

/**
 * Reads exports as a delivery would, but keeps nothing and writes no delivery: for the quality
 * report and the product proposal a data-aanleverancier wants before delivering. Pseudonyms are
 * made with a throw-away key (only duplicates need them), so no key is asked for.
 */
export async function inspectExportFiles(input: {
  db: Db;
  exports: readonly string[];
  periode: string;
  productsFile?: string;
  areasFile?: string;
  profileFile?: string;
  resourcesDir?: string;
  signal?: AbortSignal;
  onProgress?: (event: { phase: string; done: number; total: number | null }) => void;
}): Promise<Inspection> {
  const periode = parsePeriode(input.periode);
  const ref = loadReferenceTables(input.resourcesDir);
  const parsers = loadRecordParsers(input.resourcesDir);
  const products = input.productsFile ? await readProductFile(input.productsFile, ref) : listProducts(input.db);
  const areas = input.areasFile ? await readAreaFile(input.areasFile) : listAreas(input.db);
  const profile = input.profileFile ? readProfile(input.profileFile) : undefined;
  const prepared: PreparedExport[] = [];
  // Messages (.xml, folders, zips of the berichtenverkeer) are read by their own reader, next to the exports.
  const sources = splitSources(input.exports);
  for (const file of sources.exports) prepared.push(await prepareExport(file, { profile, ref, parsers }));

  const quality = createQualityReport(Object.assign(sources.berichten.length > 0 ? { ...BERICHTEN_MAPPING } : {}, ...prepared.map((p) => p.mapping)), ref);
  const productByCode = new Map(products.map((p) => [p.productcode, p]));
  const area = createAreaLookup(areas);
  const collector = createProductCollector();
  const findings: Finding[] = [];
  const inputBsns = new Set<number>();
  const pseudonymiser = createPseudonymiser(createKey());
  const meldingen: string[] = [];
  const keepFindings = (batch: readonly Finding[]) => {
    for (const f of batch) if (findings.length <= MAX_LISTED_FINDINGS) findings.push(f);
  };
  const fromExports = () =>
    exportRecords({
      exports: prepared,
      pseudonymiser,
      parsers,
      peildatum: periode.eind,
      quality,
      onBsn: (bsn) => addInputBsn(inputBsns, bsn),
      onFindings: keepFindings,
      signal: input.signal,
      onProgress: input.onProgress,
    });
  const stream =
    sources.berichten.length > 0
      ? withBerichten({
          exports: prepared.length > 0 ? fromExports() : null,
          berichten: { sources: sources.berichten, resourcesDir: input.resourcesDir, onMeldingen: (m) => meldingen.push(...m) },
          pseudonymiser,
          periode,
          quality,
          onBsn: (bsn) => addInputBsn(inputBsns, bsn),
          onFindings: keepFindings,
          signal: input.signal,
          onProgress: input.onProgress,
        })
      : fromExports();
  for await (const records of stream) {
    for (const record of records) quality.addRecord(record, productByCode.get(record.productcode), area(record.pc4, record.pc6) !== null);
    collector.add(records);
  }
  return {
    rows: quality.rows(),
    summary: quality.summary(),
    findings,
    products: proposeProducts(products, collector.occurrences(), ref),
    warnings: [...prepared.flatMap((p) => p.warnings), ...meldingen],
    inputBsns,
  };
}

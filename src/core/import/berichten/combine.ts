import type { Periode } from '../../period/periode.ts';
import type { Pseudonymiser } from '../../pseudonym/wm1.ts';
import type { Finding } from '../../quality/finding.ts';
import type { QualityReport } from '../../quality/qualityReport.ts';
import type { ColumnMapping } from '../mapping/fields.ts';
import type { StoredRecord } from '../storedRecord.ts';
import { importBerichten, type BerichtenImport } from './berichtenRecords.ts';
import { isBerichtenSource } from './sources.ts';

/**
 * What the quality report shows as "kolom" for message data: the element each field comes from.
 * Its fill rates then count the voorzieningen whose messages carried the field.
 */
export const BERICHTEN_MAPPING: ColumnMapping = {
  bsn: 'Client/Bsn',
  geboortedatum: 'Client/Geboortedatum',
  geslacht: 'Client/Geslacht',
  postcode: 'Contact/Adres/Postcode',
  huisnummer: 'Contact/Adres/Huis/Huisnummer',
  pijler: 'Bericht (iWmo/iJw)',
  productcode: 'Product/Code',
  categorie: 'Product/Categorie',
  begindatum: 'StartProduct/Begindatum',
  einddatum: 'StopProduct/Einddatum',
  aanbieder: 'Header/Afzender of Ontvanger',
  volume: 'Omvang/Volume',
  eenheid: 'Omvang/Eenheid',
  frequentie: 'Omvang/Frequentie',
  kosten: 'Prestatie/IngediendBedrag',
  reden_einde: 'StopProduct/RedenBeeindiging',
};

/** Splits the input paths of `deliver` and `quality`: messages (.xml, folders, zips) and exports. */
export function splitSources(files: readonly string[]): { exports: string[]; berichten: string[] } {
  const berichten = files.filter((f) => isBerichtenSource(f));
  return { berichten, exports: files.filter((f) => !berichten.includes(f)) };
}

export type BerichtenSeam = {
  sources: readonly string[];
  /**
   * The delivering gemeente (`GM0384`): a regional archive also holds other gemeenten's
   * messages, and their voorzieningen are reported and left out.
   */
  gemeentecode?: string;
  resourcesDir?: string;
  /** Receives the Dutch problem list (file and element path each) once the messages are read. */
  onMeldingen?: (meldingen: readonly string[]) => void;
  onPreview?: (imported: BerichtenImport) => void;
};

/**
 * Reads the messages, then streams the exports' records followed by the reconstructed ones into
 * one delivery. A voorziening that is in both (same client, product and begindatum) is reported
 * and delivered once, from the export: the export is the gemeente's own registration.
 */
export async function* withBerichten(input: {
  exports: AsyncIterable<StoredRecord[]> | null;
  berichten: BerichtenSeam;
  pseudonymiser: Pseudonymiser;
  periode: Periode;
  quality: QualityReport;
  onBsn?: (bsn9: string) => void;
  onFindings?: (findings: readonly Finding[]) => void;
  signal?: AbortSignal;
  onProgress?: (event: { phase: string; done: number; total: number | null }) => void;
}): AsyncGenerator<StoredRecord[]> {
  const imported = await importBerichten({
    sources: input.berichten.sources,
    pseudonymiser: input.pseudonymiser,
    periode: input.periode,
    resourcesDir: input.berichten.resourcesDir,
    onBsn: input.onBsn,
    signal: input.signal,
    onProgress: input.onProgress,
  });
  input.berichten.onMeldingen?.(imported.meldingen);
  input.berichten.onPreview?.(imported);
  const fromExports = new Set<number>();
  if (input.exports) {
    for await (const batch of input.exports) {
      for (const r of batch) fromExports.add(voorzieningKey(r));
      yield batch;
    }
  }
  const findings: Finding[] = [...imported.findings];
  const kept: StoredRecord[] = [];
  const ownCode = input.berichten.gemeentecode?.replace(/^GM/i, '');
  imported.records.forEach((record, i) => {
    const bron = imported.preview[i]!;
    if (ownCode !== undefined && bron.gemeente !== ownCode) {
      findings.push({ bestand: bron.bestand, rij: record.bron_rij, gegeven: 'rij', kolom: bron.pad, controle: 'andere_gemeente', uitgesloten: true });
    } else if (fromExports.has(voorzieningKey(record))) {
      findings.push({ bestand: bron.bestand, rij: record.bron_rij, gegeven: 'productcode', kolom: bron.pad, controle: 'dubbel_bron', uitgesloten: true });
    } else kept.push(record);
  });
  input.quality.addRowsRead(imported.records.length);
  input.quality.addFindings(findings);
  input.onFindings?.(findings);
  for (let at = 0; at < kept.length; at += 10_000) yield kept.slice(at, at + 10_000);
}

/** A 53-bit FNV-style hash of client, product and begindatum: a million exports rows cost numbers, not strings. */
function voorzieningKey(r: StoredRecord): number {
  let high = 0x811c9dc5;
  let low = 0x01000193;
  const text = `${r.client}|${r.productcode}|${r.begindatum}`;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    high = Math.imul(high ^ c, 0x01000193);
    low = Math.imul(low ^ c, 0x5bd1e995);
  }
  return (high >>> 0) * 0x200000 + ((low >>> 0) & 0x1fffff);
}

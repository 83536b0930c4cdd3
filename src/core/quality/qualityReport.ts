import type { ProductRow } from '../classification/productTable.ts';
import { IMPORT_FIELDS, type ColumnMapping, type ImportField } from '../import/mapping/fields.ts';
import type { StoredRecord } from '../import/storedRecord.ts';
import type { ExclusionRule, ReferenceTables } from '../resources/referenceTables.ts';
import type { Finding } from './finding.ts';

/** One line of `kwaliteit.csv`. `percentage` is aantal / totaal × 100, one decimal. */
export type QualityRow = { gegeven: string; controle: string; aantal: number; totaal: number; percentage: number; toelichting: string };

export type QualityReport = {
  addFindings(findings: readonly Finding[]): void;
  /** A record that was read into the store (or the delivery), with its classification if any. */
  addRecord(record: StoredRecord, product: ProductRow | undefined, wijkBekend: boolean): void;
  addRowsRead(count: number): void;
  rows(): QualityRow[];
  summary(): Record<string, number>;
};

/** What counts as "filled" for each field, on the record as stored. */
const filled: Record<ImportField, (r: StoredRecord) => boolean> = {
  bsn: () => true,
  geboortedatum: (r) => r.geboortemaand !== null,
  geslacht: (r) => r.geslacht !== '0',
  postcode: (r) => r.pc4 !== null,
  huisnummer: (r) => r.huishouden !== null,
  toevoeging: () => true,
  pijler: (r) => r.pijler !== null,
  productcode: () => true,
  product: (r) => r.product !== null,
  categorie: (r) => r.categorie !== null,
  begindatum: () => true,
  einddatum: (r) => r.einddatum !== null,
  aanbieder: (r) => r.aanbieder !== null,
  aanbieder_naam: (r) => r.aanbieder_naam !== null,
  volume: (r) => r.volume !== null,
  eenheid: (r) => r.eenheid !== null,
  frequentie: (r) => r.frequentie !== null,
  kosten: (r) => r.kosten !== null,
  verwijzer: (r) => r.verwijzer !== null,
  reden_einde: (r) => r.reden_einde !== null,
  aanvraagdatum: (r) => r.aanvraagdatum !== null,
};

/**
 * The data-quality report the way the Haarlem "Grip op data" review built it: per data element
 * the fill rate — judged only on the rows where the element is expected (exclusion rules are
 * data) — then every kind of invalid or implausible value, with counts and shares.
 */
export function createQualityReport(mapping: ColumnMapping, ref: Pick<ReferenceTables, 'uitsluitingsregels' | 'controles'>): QualityReport {
  const rules = ref.uitsluitingsregels;
  const descriptions = new Map(ref.controles.map((c) => [c.controle, c.omschrijving]));
  let rowsRead = 0;
  let records = 0;
  const fill = new Map<ImportField, { filled: number; population: number; excludedBy: Map<string, number> }>();
  for (const field of IMPORT_FIELDS) fill.set(field, { filled: 0, population: 0, excludedBy: new Map() });
  const findingCounts = new Map<string, number>();
  const excludedRows = new Set<string>();
  const unmapped = new Set<string>();
  let unmappedRows = 0;
  let unknownWijk = 0;

  const rulesByField = new Map<string, ExclusionRule[]>();
  for (const rule of rules.filter((r) => r.controle === 'vulgraad')) {
    rulesByField.set(rule.gegeven, [...(rulesByField.get(rule.gegeven) ?? []), rule]);
  }
  const fieldCount = IMPORT_FIELDS.length;
  const stats = IMPORT_FIELDS.map((field) => fill.get(field)!);
  const rulesOf = IMPORT_FIELDS.map((field) => rulesByField.get(field));
  const filledOf = IMPORT_FIELDS.map((field) => filled[field]);
  const attribute = (record: StoredRecord, product: ProductRow | undefined, veld: string): string | null => {
    if (veld === 'categorie') return record.categorie ?? (product?.categorie || null);
    if (veld === 'voorziening') return product?.voorziening ?? null;
    if (veld === 'pijler') return product?.pijler ?? record.pijler;
    return null;
  };

  return {
    addRowsRead(count) {
      rowsRead += count;
    },
    addFindings(findings) {
      for (const f of findings) {
        const key = `${f.gegeven}|${f.controle}`;
        findingCounts.set(key, (findingCounts.get(key) ?? 0) + 1);
        if (f.uitgesloten) excludedRows.add(`${f.bestand}|${f.rij}`);
      }
    },
    addRecord(record, product, wijkBekend) {
      records++;
      if (!product) {
        unmapped.add(record.productcode);
        unmappedRows++;
      }
      if (!wijkBekend) unknownWijk++;
      // Called for every record of a delivery: the per-field lookups are arrays made once (issue 17).
      for (let f = 0; f < fieldCount; f++) {
        const stat = stats[f]!;
        const fieldRules = rulesOf[f];
        let rule: ExclusionRule | undefined;
        if (fieldRules !== undefined) {
          for (const r of fieldRules) {
            const value = attribute(record, product, r.veld);
            if (value !== null && r.waarden.includes(value)) {
              rule = r;
              break;
            }
          }
        }
        if (rule) {
          stat.excludedBy.set(rule.toelichting, (stat.excludedBy.get(rule.toelichting) ?? 0) + 1);
          continue;
        }
        stat.population++;
        if (filledOf[f]!(record)) stat.filled++;
      }
    },
    rows() {
      const rows: QualityRow[] = [];
      const row = (gegeven: string, controle: string, aantal: number, totaal: number, toelichting: string) =>
        rows.push({ gegeven, controle, aantal, totaal, percentage: totaal === 0 ? 0 : Math.round((aantal / totaal) * 1000) / 10, toelichting });

      row('rijen', 'gelezen', rowsRead, rowsRead, 'Rijen met gegevens in de export(s)');
      row('rijen', 'uitgesloten', excludedRows.size, rowsRead, 'Rijen zonder geldig BSN, productcode of begindatum: niet ingelezen');
      for (const field of IMPORT_FIELDS) {
        if (field === 'toevoeging') continue;
        const stat = fill.get(field)!;
        const notes = [...stat.excludedBy].map(([why, n]) => `${why} (${n} rijen niet meegeteld)`);
        if (mapping[field] === undefined) notes.unshift('geen kolom in de export');
        row(field, 'vulgraad', stat.filled, stat.population, notes.join('; '));
      }
      for (const [key, count] of [...findingCounts].sort()) {
        const [gegeven, controle] = key.split('|') as [string, string];
        row(gegeven, controle, count, rowsRead, descriptions.get(controle) ?? '');
      }
      if (unmappedRows > 0) row('productcode', 'niet_ingedeeld', unmappedRows, records, `${descriptions.get('niet_ingedeeld') ?? ''} (${unmapped.size} producten)`);
      if (unknownWijk > 0) row('postcode', 'onbekende_postcode', unknownWijk, records, descriptions.get('onbekende_postcode') ?? '');
      return rows;
    },
    summary() {
      const count = (gegeven: string, controle: string) => findingCounts.get(`${gegeven}|${controle}`) ?? 0;
      return {
        rijen_gelezen: rowsRead,
        rijen_ingelezen: records,
        rijen_uitgesloten: excludedRows.size,
        bsn_aangevuld: count('bsn', 'aangevuld'),
        bsn_ongeldig: count('bsn', 'ongeldig_uitgesloten') + count('bsn', 'geen_bsn'),
        producten_niet_ingedeeld: unmapped.size,
        postcode_onbekend: unknownWijk,
        dubbel: count('productcode', 'dubbel'),
      };
    },
  };
}

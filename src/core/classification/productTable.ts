import type { ReferenceTables } from '../resources/referenceTables.ts';
import { allowedCodes, classificationCodes, DEFAULT_FINANCIER } from './classificationCodes.ts';
import { normaliseLabel } from './normaliseLabel.ts';
import { refuseTableProblems } from './tableProblems.ts';

export const PRODUCT_COLUMNS = ['productcode', 'product', 'pijler', 'categorie', 'voorziening', 'leefdomein', 'financier'] as const;

/** One line of the vertaaltabel: a municipal product and where it belongs. */
export type ProductRow = Record<(typeof PRODUCT_COLUMNS)[number], string>;

export type TableLine = { row: number; values: Record<string, string> };

/** How an imported table differs from the one it replaces, per product code. */
export function compareProductTables(before: readonly ProductRow[], after: readonly ProductRow[]): { nieuw: number; gewijzigd: number; ongewijzigd: number; vervallen: number } {
  const old = new Map(before.map((r) => [r.productcode, r]));
  let nieuw = 0;
  let gewijzigd = 0;
  for (const row of after) {
    const was = old.get(row.productcode);
    if (!was) nieuw++;
    else if (PRODUCT_COLUMNS.some((c) => was[c] !== row[c])) gewijzigd++;
  }
  const kept = new Set(after.map((r) => r.productcode));
  const vervallen = before.filter((r) => !kept.has(r.productcode)).length;
  return { nieuw, gewijzigd, ongewijzigd: after.length - nieuw - gewijzigd, vervallen };
}

const CODED_COLUMNS = ['pijler', 'voorziening', 'leefdomein', 'financier'] as const;
type CodedColumn = (typeof CODED_COLUMNS)[number];

/**
 * Checks an imported products table against the code lists; the first problems are reported
 * together, each with file, row and column, so one round of corrections usually suffices.
 * Pijler, voorziening, leefdomein and financier may be written as code, name or synonym
 * (classificationCodes.ts); the row holds the canonical code, which is what is stored and delivered.
 */
export function validateProductRows(lines: TableLine[], file: string, ref: ReferenceTables): ProductRow[] {
  const codes = classificationCodes(ref);
  const voorzieningen = new Map(ref.voorzieningsoorten.map((v) => [v.code, v]));
  const problems: string[] = [];
  const refused = new Set<CodedColumn>();
  const seen = new Map<string, number>();
  const rows: ProductRow[] = [];
  for (const { row, values } of lines) {
    const get = (column: string) => (values[column] ?? '').trim();
    const problem = (column: string, text: string) => problems.push(`rij ${row}, kolom ${column}: ${text}`);
    // The canonical code, or '' after reporting why there is none (never the cell's text).
    const code = (column: CodedColumn, missing: string): string => {
      const parsed = codes[column](get(column));
      if (parsed.kind === 'ok') return parsed.value;
      if (parsed.kind === 'empty' && column === 'financier') return DEFAULT_FINANCIER;
      problem(column, parsed.kind === 'empty' ? missing : parsed.reason);
      refused.add(column);
      return '';
    };
    // Checked column by column in the order the message lists them.
    const productcode = get('productcode');
    if (productcode === '') problem('productcode', 'productcode ontbreekt');
    else if (seen.has(productcode)) problem('productcode', `productcode komt ook voor in rij ${seen.get(productcode)}`);
    else seen.set(productcode, row);
    const pijler = code('pijler', 'pijler ontbreekt');
    const voorziening = code('voorziening', 'voorzieningsoort ontbreekt');
    const soort = voorzieningen.get(voorziening);
    if (soort && soort.pijler !== pijler && pijler !== '') {
      problem('voorziening', `voorzieningsoort ${soort.code} hoort bij pijler ${soort.pijler}, niet bij ${pijler}`);
    }
    const leefdomein = code('leefdomein', 'leefdomein ontbreekt');
    const financier = code('financier', '');
    let categorie = get('categorie');
    if (categorie.length === 1) categorie = `0${categorie}`;
    if (categorie !== '' && !/^\d{2}$/.test(categorie)) problem('categorie', 'een productcategorie bestaat uit 2 cijfers');
    rows.push({ productcode, product: get('product'), pijler, categorie, voorziening, leefdomein, financier });
  }
  refuseTableProblems(problems, 'PRODUCTTABEL_ONGELDIG', 'Producttabel', file, () => allowedHint(ref, refused));
  return rows;
}

/** What the coded columns that refused a value allow, or '' when none did. */
function allowedHint(ref: ReferenceTables, refused: ReadonlySet<CodedColumn>): string {
  const allowed: Record<CodedColumn, string> = {
    pijler: allowedCodes(ref.pijlers, false),
    voorziening: `de code of de naam van een voorzieningsoort: ${allowedCodes(ref.voorzieningsoorten, false)}`,
    leefdomein: `de code, het nummer of de naam: ${allowedCodes(ref.leefdomeinen, true)}`,
    financier: `${allowedCodes(ref.financiers, true)}; leeg is ${DEFAULT_FINANCIER}`,
  };
  const hint = CODED_COLUMNS.filter((column) => refused.has(column)).map((column) => `in kolom ${column}: ${allowed[column]}`).join('; ');
  return hint ? `Toegestaan ${hint}.` : '';
}

export type ClassificationSuggestion = {
  pijler: string;
  categorie: string;
  voorziening: string;
  leefdomein: string;
  /** Why this suggestion, in Dutch, shown beside it. */
  reden: string;
};

/**
 * Proposes a classification for an unmapped product from what its code or export row says:
 * an iWmo/iJw category column, a standard product code (`45A04` → category 45 → JW-45), or a
 * product name that contains a voorzieningsoort's name (`Bijzondere bijstand` → PW-02).
 */
export function suggestClassification(
  input: { productcode: string; product?: string; categorie?: string; pijler?: string },
  ref: ReferenceTables,
): ClassificationSuggestion | null {
  const byCategorie = (categorie: string) => ref.voorzieningsoorten.find((v) => v.categorie === categorie);
  const suggest = (code: string, reden: string): ClassificationSuggestion | null => {
    const soort = ref.voorzieningsoorten.find((v) => v.code === code);
    return soort ? { pijler: soort.pijler, categorie: soort.categorie, voorziening: soort.code, leefdomein: soort.leefdomein, reden } : null;
  };

  const categorie = input.categorie?.trim().padStart(2, '0');
  if (categorie && /^\d{2}$/.test(categorie) && byCategorie(categorie)) {
    return suggest(byCategorie(categorie)!.code, `productcategorie ${categorie} in de export`);
  }
  const standard = /^(\d{2})[A-Z0-9]{1,3}$/i.exec(input.productcode.trim());
  if (standard && byCategorie(standard[1]!)) {
    return suggest(byCategorie(standard[1]!)!.code, `standaard productcode: categorie ${standard[1]}`);
  }
  const name = normaliseLabel(input.product ?? '');
  if (name !== '') {
    const candidates = ref.voorzieningsoorten.filter((v) => !input.pijler || v.pijler === input.pijler);
    // The longest matching name is the most specific ("bijzondere bijstand" before "bijstand").
    const match = candidates
      .filter((v) => name.includes(normaliseLabel(v.naam)))
      .sort((a, b) => b.naam.length - a.naam.length)[0];
    if (match) return suggest(match.code, `productnaam bevat "${match.naam}"`);
  }
  return null;
}

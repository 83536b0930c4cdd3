import { UserError } from '../errors.ts';
import type { ReferenceTables } from '../resources/referenceTables.ts';
import { normaliseLabel } from './normaliseLabel.ts';

export const PRODUCT_COLUMNS = ['productcode', 'product', 'pijler', 'categorie', 'voorziening', 'leefdomein', 'financier'] as const;

/** One line of the vertaaltabel: a municipal product and where it belongs. */
export type ProductRow = Record<(typeof PRODUCT_COLUMNS)[number], string>;

export type TableLine = { row: number; values: Record<string, string> };

/**
 * Checks an imported products table against the code lists; the first problems are reported
 * together, each with file, row and column, so one round of corrections usually suffices.
 */
export function validateProductRows(lines: TableLine[], file: string, ref: ReferenceTables): ProductRow[] {
  const pijlers = new Set(ref.pijlers.map((p) => p.code));
  const voorzieningen = new Map(ref.voorzieningsoorten.map((v) => [v.code, v]));
  const leefdomeinen = new Set(ref.leefdomeinen.map((l) => l.code));
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const rows: ProductRow[] = [];
  for (const { row, values } of lines) {
    const get = (column: string) => (values[column] ?? '').trim();
    const problem = (column: string, text: string) => problems.push(`rij ${row}, kolom ${column}: ${text}`);
    const product: ProductRow = {
      productcode: get('productcode'),
      product: get('product'),
      pijler: get('pijler').toUpperCase(),
      categorie: get('categorie'),
      voorziening: get('voorziening').toUpperCase(),
      leefdomein: get('leefdomein').toUpperCase(),
      financier: get('financier') || 'gemeente',
    };
    if (product.categorie.length === 1) product.categorie = `0${product.categorie}`;
    if (product.productcode === '') problem('productcode', 'productcode ontbreekt');
    else if (seen.has(product.productcode)) problem('productcode', `productcode komt ook voor in rij ${seen.get(product.productcode)}`);
    else seen.set(product.productcode, row);
    if (!pijlers.has(product.pijler)) problem('pijler', `onbekende pijler (kies uit ${[...pijlers].join(', ')})`);
    const soort = voorzieningen.get(product.voorziening);
    if (!soort) problem('voorziening', 'onbekende voorzieningsoort (zie de lijst van voorzieningsoorten)');
    else if (soort.pijler !== product.pijler && pijlers.has(product.pijler)) {
      problem('voorziening', `voorzieningsoort ${soort.code} hoort bij pijler ${soort.pijler}, niet bij ${product.pijler}`);
    }
    if (!leefdomeinen.has(product.leefdomein)) problem('leefdomein', 'onbekend leefdomein (LD01 tot en met LD10)');
    if (product.categorie !== '' && !/^\d{2}$/.test(product.categorie)) problem('categorie', 'een productcategorie bestaat uit 2 cijfers');
    rows.push(product);
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 10).join('; ');
    const more = problems.length > 10 ? ` (en nog ${problems.length - 10} andere)` : '';
    throw new UserError('PRODUCTTABEL_ONGELDIG', `Producttabel ${file}: ${shown}${more}.`, { file });
  }
  return rows;
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

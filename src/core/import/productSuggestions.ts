import type { ProductRow } from '../classification/productTable.ts';
import { DEFAULT_FINANCIER } from '../classification/classificationCodes.ts';
import { suggestClassification } from '../classification/productTable.ts';
import type { ReferenceTables } from '../resources/referenceTables.ts';
import type { StoredRecord } from './storedRecord.ts';

export type ProductOccurrence = { productcode: string; product: string | null; categorie: string | null; pijler: string | null; rijen: number };

/** Collects each product code an export uses, with the name, category and pillar seen with it. */
export function createProductCollector() {
  const seen = new Map<string, ProductOccurrence>();
  return {
    add(records: readonly StoredRecord[]) {
      for (const r of records) {
        const known = seen.get(r.productcode);
        if (known) {
          known.rijen++;
          known.product ??= r.product;
          known.categorie ??= r.categorie;
          known.pijler ??= r.pijler;
        } else seen.set(r.productcode, { productcode: r.productcode, product: r.product, categorie: r.categorie, pijler: r.pijler, rijen: 1 });
      }
    },
    occurrences: () => [...seen.values()].sort((a, b) => a.productcode.localeCompare(b.productcode)),
  };
}

export type ProductProposal = ProductRow & { status: 'ingedeeld' | 'voorstel' | 'niet ingedeeld'; reden: string; rijen: number };

/**
 * The vertaaltabel as it should be for these exports: known products as they are, unmapped ones
 * with a suggested classification where one can be derived, the rest left for the user.
 */
export function proposeProducts(existing: readonly ProductRow[], occurrences: readonly ProductOccurrence[], ref: ReferenceTables): ProductProposal[] {
  const byCode = new Map(existing.map((p) => [p.productcode, p]));
  const proposals: ProductProposal[] = existing.map((p) => ({
    ...p,
    status: 'ingedeeld',
    reden: '',
    rijen: occurrences.find((o) => o.productcode === p.productcode)?.rijen ?? 0,
  }));
  for (const o of occurrences) {
    if (byCode.has(o.productcode)) continue;
    const suggestion = suggestClassification(
      { productcode: o.productcode, product: o.product ?? undefined, categorie: o.categorie ?? undefined, pijler: o.pijler ?? undefined },
      ref,
    );
    proposals.push({
      productcode: o.productcode,
      product: o.product ?? '',
      pijler: suggestion?.pijler ?? o.pijler ?? '',
      categorie: suggestion?.categorie ?? o.categorie ?? '',
      voorziening: suggestion?.voorziening ?? '',
      leefdomein: suggestion?.leefdomein ?? '',
      financier: DEFAULT_FINANCIER,
      status: suggestion ? 'voorstel' : 'niet ingedeeld',
      reden: suggestion?.reden ?? 'geen voorstel mogelijk: vul voorziening en leefdomein in',
      rijen: o.rijen,
    });
  }
  return proposals.sort((a, b) => a.productcode.localeCompare(b.productcode));
}

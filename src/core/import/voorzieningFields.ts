/*
 * The voorziening's own fields, in the order every record list has them: the import mapping
 * (IMPORT_FIELDS), the store (STORED_COLUMNS) and the delivery (DELIVERY_COLUMNS) spread these
 * runs between their own client and area fields. The order is part of the file contract
 * (voorzieningen.csv, shared/DESIGN.md): change it here and every list moves with it.
 */

/** The product the voorziening is of. */
export const PRODUCT_FIELDS = ['pijler', 'productcode', 'product', 'categorie'] as const;

/** When, by whom, how much and why: the levering itself. */
export const LEVERING_FIELDS = [
  'begindatum',
  'einddatum',
  'aanbieder',
  'aanbieder_naam',
  'volume',
  'eenheid',
  'frequentie',
  'kosten',
  'verwijzer',
  'reden_einde',
  'aanvraagdatum',
] as const satisfies readonly (keyof LeveringValues)[];

/** The LEVERING_FIELDS as stored and delivered alike. */
export type LeveringValues = {
  begindatum: string;
  einddatum: string | null;
  aanbieder: string | null;
  aanbieder_naam: string | null;
  volume: number | null;
  eenheid: string | null;
  frequentie: string | null;
  kosten: number | null;
  verwijzer: string | null;
  reden_einde: string | null;
  aanvraagdatum: string | null;
};

import { LEVERING_FIELDS, PRODUCT_FIELDS, type LeveringValues } from './voorzieningFields.ts';

/**
 * One voorziening as the gemeente store keeps it: the delivery fields minus `leeftijd`, `wijk` and
 * `gebied` (derived per period and area table), plus the PC6 and the birth month so those can be
 * recomputed. Never a BSN, name, street or full birth date.
 */
export type StoredRecord = {
  bron_rij: number;
  client: string;
  huishouden: string | null;
  /** `YYYY-MM`: age is computed with the birthday taken as the 1st of this month. */
  geboortemaand: string | null;
  geslacht: string;
  pc4: string | null;
  pc6: string | null;
  pijler: string | null;
  productcode: string;
  product: string | null;
  categorie: string | null;
} & LeveringValues;

export const STORED_COLUMNS = ['bron_rij', 'client', 'huishouden', 'geboortemaand', 'geslacht', 'pc4', 'pc6', ...PRODUCT_FIELDS, ...LEVERING_FIELDS] as const satisfies readonly (keyof StoredRecord)[];

import { LEVERING_FIELDS, PRODUCT_FIELDS, type LeveringValues } from '../import/voorzieningFields.ts';

/** The columns of `voorzieningen.csv`, levering v1, in this order (shared/DESIGN.md). */
export const DELIVERY_COLUMNS = [
  'client',
  'huishouden',
  'leeftijd',
  'geslacht',
  'pc4',
  'wijk',
  'gebied',
  ...PRODUCT_FIELDS,
  'voorziening',
  'leefdomein',
  'financier',
  ...LEVERING_FIELDS,
] as const;

export type DeliveryColumn = (typeof DELIVERY_COLUMNS)[number];

/** One voorziening as it leaves the gemeente: pseudonyms, an age, a PC4 and a wijk — nothing more. */
export type DeliveryRecord = {
  client: string;
  huishouden: string | null;
  leeftijd: number | null;
  geslacht: string;
  pc4: string | null;
  wijk: string;
  gebied: string | null;
  pijler: string;
  productcode: string;
  product: string | null;
  categorie: string | null;
  voorziening: string;
  leefdomein: string;
  financier: string;
} & LeveringValues;

/** The row as written: numbers stay numbers, costs with two decimals (a negative amount stays a plain number). */
export function deliveryRow(record: DeliveryRecord): (string | number)[] {
  return DELIVERY_COLUMNS.map((column) => {
    const value = record[column];
    if (value === null) return '';
    if (column === 'kosten') return (value as number).toFixed(2);
    return value;
  });
}

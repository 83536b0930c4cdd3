import { LEVERING_FIELDS, PRODUCT_FIELDS } from '../voorzieningFields.ts';

/** The fields of the delivery record that an export column can be mapped to (resources/kolomnamen.csv). */
export const IMPORT_FIELDS = ['bsn', 'geboortedatum', 'geslacht', 'postcode', 'huisnummer', 'toevoeging', ...PRODUCT_FIELDS, ...LEVERING_FIELDS] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Field → the export header it is read from (absent: not in this export). */
export type ColumnMapping = Partial<Record<ImportField, string>>;

/**
 * Fields stored and delivered as the text the export holds. A name or address mapped to one of
 * them would leave as is; the other fields are parsed into codes, dates and numbers or hashed.
 */
export const FREE_TEXT_FIELDS: readonly ImportField[] = ['productcode', 'product', 'aanbieder_naam', 'verwijzer', 'reden_einde'];

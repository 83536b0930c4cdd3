import type { ColDef } from 'ag-grid-community';
import { formatDate } from '../format.ts';
import { widthFor, wrappingText } from './agGrid.ts';

/** The delivery contract's column names (DESIGN.md, levering v1) as a reader on screen calls them. */
const LABELS: Record<string, string> = {
  client: 'Cliënt (pseudoniem)',
  huishouden: 'Huishouden (pseudoniem)',
  leeftijd: 'Leeftijd',
  geslacht: 'Geslacht',
  pc4: 'Postcode (4 cijfers)',
  wijk: 'Wijk',
  gebied: 'Gebied(steam)',
  pijler: 'Pijler',
  productcode: 'Productcode',
  product: 'Product',
  categorie: 'Productcategorie',
  voorziening: 'Voorziening',
  leefdomein: 'Leefdomein',
  financier: 'Financier',
  begindatum: 'Begindatum',
  einddatum: 'Einddatum',
  aanbieder: 'AGB-code aanbieder',
  aanbieder_naam: 'Naam aanbieder',
  volume: 'Volume',
  eenheid: 'Eenheid',
  frequentie: 'Frequentie',
  kosten: 'Kosten',
  verwijzer: 'Verwijzer',
  reden_einde: 'Reden einde',
  aanvraagdatum: 'Aanvraagdatum',
};

// Names wrap; codes, pseudonyms, dates and amounts get the width of their longest value.
const WRAPPING = new Set(['product', 'aanbieder_naam']);
const GESLACHT: Record<string, string> = { '1': 'man', '2': 'vrouw', '0': 'onbekend' };
const DATES = new Set(['begindatum', 'einddatum', 'aanvraagdatum']);
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

/** A value of the file in the words of the screen: `2` as vrouw, `2026-07-01` as 01-07-2026, `12.5` as € 12,50. */
export function deliveryValue(column: string, value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  if (column === 'geslacht') return GESLACHT[text] ?? text;
  if (DATES.has(column) && /^\d{4}-\d{2}-\d{2}$/.test(text)) return formatDate(text);
  if (column === 'kosten' && text !== '' && Number.isFinite(Number(text))) return euro.format(Number(text));
  return text;
}

/** The preview grid's columns: Dutch headers, the file's own column name in the header's tooltip. */
export function deliveryColumns(kolommen: readonly string[], rijen: readonly (string | number)[][]): ColDef<(string | number)[]>[] {
  return kolommen.map((k, i) => ({
    ...(WRAPPING.has(k) ? { ...wrappingText, minWidth: 200 } : { minWidth: widthFor(rijen.map((r) => deliveryValue(k, r[i])), 110) }),
    colId: k,
    headerName: LABELS[k] ?? k,
    headerTooltip: `Kolom ${k} in voorzieningen.csv`,
    valueGetter: (p) => p.data?.[i],
    valueFormatter: (p) => deliveryValue(k, p.value as string | number | null),
    type: k === 'kosten' || k === 'leeftijd' || k === 'volume' ? 'rightAligned' : undefined,
  }));
}

import type { TabelKolom } from '../../shared/api.ts';

/**
 * A table's columns written as `naam: titel`, or `naam: [titel, soort]` for a figure; text is
 * the default. Keys keep their order, which is the column order.
 */
export function kolommen(spec: Record<string, string | readonly [string, TabelKolom['soort']]>): TabelKolom[] {
  return Object.entries(spec).map(([naam, v]) => (typeof v === 'string' ? { naam, titel: v, soort: 'tekst' } : { naam, titel: v[0], soort: v[1] }));
}

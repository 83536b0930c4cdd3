import type { TabelKolom } from '../../shared/api.ts';

const aantal = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 0 });
const getal = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
const procent = new Intl.NumberFormat('nl-NL', { style: 'percent', maximumFractionDigits: 1 });

/** A figure as a Dutch reader expects it: 1.234, € 1.234,56, 12,5%. */
export function formatFigure(value: number | null | undefined, soort: TabelKolom['soort'] | string): string {
  if (value === null || value === undefined) return '–';
  switch (soort) {
    case 'euro':
      return euro.format(value);
    case 'procent':
      return procent.format(value);
    case 'aantal':
      return aantal.format(value);
    default:
      return getal.format(value);
  }
}

/**
 * A number as a Dutch user types it: `12,5`, `2.500` (a thousands point), `1.234,5`; a lone
 * point with other than three digits after it (`12.5`) is read as a decimal point. Null when the
 * text is no number at all.
 */
export function parseDutchNumber(text: string): number | null {
  const t = text.trim().replace(/\s/g, '');
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(t)) return Number(t.replace(/\./g, '').replace(',', '.'));
  if (/^\d+(?:[.,]\d+)?$/.test(t)) return Number(t.replace(',', '.'));
  return null;
}

const dutch = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
export const formatDutchNumber = (value: number) => dutch.format(value);

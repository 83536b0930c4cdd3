/**
 * The key under which free-text vocabularies (pijlers, code lists, geslacht) are matched:
 * lower case, accents removed, everything but letters and digits dropped (`WMO 2015`, `Wmo-2015`
 * and `wmo2015` are one key; `Re-integratie` is `reintegratie`), and an all-digit key without its
 * leading zeros (`04` and `4` are one key) unless `keepLeadingZeros`. A text with no letters or
 * digits at all (`€`) keeps its trimmed, lower-cased self so it can still be listed.
 * Slow path only: callers cache or try a fast path first.
 */
const combiningMarks = /\p{M}+/gu;
const notAlphanumeric = /[^\p{L}\p{N}]+/gu;
const leadingZeros = /^0+(?=\d)/;
const allDigits = /^\d+$/;

export function normalizeKey(text: string, keepLeadingZeros = false): string {
  const lower = text.normalize('NFD').replace(combiningMarks, '').toLowerCase();
  const key = lower.replace(notAlphanumeric, '');
  if (key === '') return lower.trim();
  return !keepLeadingZeros && allDigits.test(key) ? key.replace(leadingZeros, '') : key;
}

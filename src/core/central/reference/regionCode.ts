/**
 * CBS region codes as the catalogue stores them: `NL00`, `GM0363`, `WK036300`, `BU03630000`.
 * Codes are text: since 2024 a wijk or buurt code can hold letters (`WK0363AA`), so a code is
 * never parsed as a number. The gemeente part is always four digits.
 */
export type RegionKind = 'land' | 'gemeente' | 'wijk' | 'buurt';

const PATTERN = /^(?:NL\d{2}|GM\d{4}|WK\d{4}[0-9A-Z]{2}|BU\d{4}[0-9A-Z]{4})$/;
const KIND_BY_PREFIX: Record<string, RegionKind> = { NL: 'land', GM: 'gemeente', WK: 'wijk', BU: 'buurt' };
/** Characters after the prefix, per kind: how far a bare number from a CBS file is zero-padded. */
const WIDTH: Record<'gemeente' | 'wijk' | 'buurt', number> = { gemeente: 4, wijk: 6, buurt: 8 };
const PREFIX: Record<'gemeente' | 'wijk' | 'buurt', string> = { gemeente: 'GM', wijk: 'WK', buurt: 'BU' };

/** The code trimmed and upper-cased when it is a valid CBS region code, else null. */
export function regionCode(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const code = text.trim().toUpperCase();
  return PATTERN.test(code) ? code : null;
}

export function regionKind(code: string): RegionKind {
  return KIND_BY_PREFIX[code.slice(0, 2)]!;
}

/** The gemeente a wijk or buurt lies in (`WK036300` → `GM0363`); null for the land. */
export function gemeenteOf(code: string): string | null {
  const kind = regionKind(code);
  if (kind === 'land') return null;
  return `GM${code.slice(2, 6)}`;
}

/**
 * A code from a CBS postcode file, where codes come as bare integers that lost their leading
 * zeros (`3630000` → `BU03630000`); an alphanumeric code only gets its prefix. Null when the
 * text cannot be a code of that kind.
 */
export function prefixedCode(text: string | null, kind: 'gemeente' | 'wijk' | 'buurt'): string | null {
  if (text === null) return null;
  const value = text.trim().toUpperCase();
  if (value.startsWith(PREFIX[kind])) return regionCode(value) !== null && regionKind(value) === kind ? value : null;
  const body = /^\d+$/.test(value) && value.length <= WIDTH[kind] ? value.padStart(WIDTH[kind], '0') : value;
  const code = `${PREFIX[kind]}${body}`;
  return regionCode(code) === code ? code : null;
}

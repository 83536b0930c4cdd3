/**
 * How people write a reporting period, turned into its canonical code: a quarter `2026Q3`, a half
 * year `2026H2` or a year `2026`. Accepted: `2026Q3`, `2026-Q3`, `2026 Q3`, `Q3 2026`, `Q3-2026`,
 * `K3 2026`, `3e kwartaal 2026`, `derde kwartaal 2026`, `kwartaal 3 2026`, `2026 kwartaal 3`,
 * `2e halfjaar 2026`, `tweede helft 2026`, `H2 2026`, `2026`. Shared so the page can show the code
 * back while the user types; the core decides with the same function.
 */
export function periodeCode(text: string): string | null {
  const words = text
    .trim()
    .toLowerCase()
    .replace(/[-_/.,]+/g, ' ')
    .replace(/(\d)(\p{L})/gu, '$1 $2')
    .replace(/(\p{L})(\d)/gu, '$1 $2')
    .replace(/\s+/g, ' ');
  const years = words.match(/\b\d{4}\b/g) ?? [];
  if (years.length !== 1) return null;
  const year = Number(years[0]);
  if (year < 2000 || year > 2100) return null;
  const rest = words.replace(/\b\d{4}\b/, ' ').replace(/\s+/g, ' ').trim();
  if (rest === '' || rest === 'jaar' || rest === 'heel jaar' || rest === 'kalenderjaar') return String(year);
  const part = partOf(rest);
  if (!part) return null;
  const { kind, n } = part;
  if (n < 1 || (kind === 'Q' ? n > 4 : n > 2)) return null;
  return `${year}${kind}${n}`;
}

const ORDINALS: Record<string, number> = { eerste: 1, tweede: 2, derde: 3, vierde: 4 };
const QUARTER = '(?:kwartaal|kw|k|q)';
const HALF = '(?:halfjaar|half jaar|helft|hj|h)';

function partOf(rest: string): { kind: 'Q' | 'H'; n: number } | null {
  // "q3", "k3", "kw3", "kw 3", "kwartaal 3", "h2", "hj2", "halfjaar 2"
  const before = new RegExp(`^(?:(${QUARTER})|(${HALF})) ?([1-4])$`).exec(rest);
  if (before) return { kind: before[1] ? 'Q' : 'H', n: Number(before[3]) };
  // "3e kwartaal", "3de kwartaal", "derde kwartaal", "2e halfjaar", "tweede helft"
  const after = new RegExp(`^(?:([1-4]) ?(?:e|de|ste)?|(eerste|tweede|derde|vierde)) (?:(${QUARTER})|(${HALF}))$`).exec(rest);
  if (after) return { kind: after[3] ? 'Q' : 'H', n: after[1] ? Number(after[1]) : ORDINALS[after[2]!]! };
  return null;
}

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** A canonical code in words, with its dates: `3e kwartaal 2026 (1 juli t/m 30 september 2026)`. */
export function periodeInWords(code: string): string {
  const year = Number(code.slice(0, 4));
  const kind = code[4];
  const n = Number(code[5] ?? 0);
  const months = kind === 'Q' ? 3 : kind === 'H' ? 6 : 12;
  const first = kind ? (n - 1) * months : 0;
  const last = first + months - 1;
  const lastDay = new Date(Date.UTC(year, last + 1, 0)).getUTCDate();
  const name = kind === 'Q' ? `${n}e kwartaal ${year}` : kind === 'H' ? `${n}e halfjaar ${year}` : `het jaar ${year}`;
  return `${name} (1 ${MONTHS[first]} t/m ${lastDay} ${MONTHS[last]} ${year})`;
}
